// Issue 14's timed work with two replicas on one PostgreSQL database (two pools, as two processes would
// have): the weekly recap and a challenge's reminders, asked of both replicas at the same instant, go out
// once; asked again, not at all. Real PostgreSQL (test/support/postgres.ts), never a mock.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { contentGrader } from '../../src/app/grader.js';
import { ReminderTick } from '../../src/app/reminder-tick.js';
import { RecapCommands } from '../../src/core/recap/recap-commands.js';
import { Challenges } from '../../src/domain/challenges.js';
import { HolidayCalendar } from '../../src/domain/holidays.js';
import { DEFAULT_RECAP_CRON } from '../../src/domain/recap/recap-slot.js';
import { streakBonus } from '../../src/domain/scores.js';
import type { StreakRule } from '../../src/store/port.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { answerFollowUps, QueueCommands } from '../../src/core/commands/queue-commands.js';
import { PracticeCommands } from '../../src/core/commands/practice-commands.js';
import { ask, plain, root } from '../helpers.js';
import { tempDir } from '../store/tmp.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const ZONE = 'America/Toronto';
/** A local time in Toronto (EST, UTC−5, before 14 March 2100). */
const local = (iso: string) => new Date(new Date(`${iso}:00Z`).getTime() + 5 * 3_600_000);
const rule: StreakRule = (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points);
const SLACK = new Set(['slack']);

describePg('the team lead’s week with two replicas on PostgreSQL', () => {
  let db: TestDatabase;
  let a: PgPort;
  let b: PgPort;
  let dbUrl: string;
  const library = loadLibrary(join(root, 'content'));
  const challenges = new Challenges({ library, grader: contentGrader(), holidays: new HolidayCalendar(false, []), defaultSchedule: { cron: '0 9 * * 1-5', timezone: ZONE }, revealLeadMs: 3_600_000 });
  const recaps = (port: PgPort, replica: string) => new RecapCommands({
    library, challenges, port, clock: { now: () => new Date() }, isAdmin: () => false, recapCron: DEFAULT_RECAP_CRON, defaultLang: 'fr', replica,
  });

  beforeAll(async () => {
    db = await openTestDatabase();
    const url = await db.create();
    dbUrl = url;
    await migrate(url);
    a = pgPort(url, { poolSize: 4 });
    b = pgPort(url, { poolSize: 4 });
    // Monday to Thursday of one week; everyone answers on Monday, U2 and U3 on Thursday too.
    const ws = a.workspace('T1');
    await ws.updateChannel('C1', (s) => { s.name = 'soutien'; s.platform = 'slack'; s.scheduledSince = '2100-02-01T00:00:00.000Z'; s.schedule = { cron: '0 9 * * 1-5', timezone: ZONE }; });
    let latest: string | null = null;
    for (const [i, day] of ['2100-03-01', '2100-03-02', '2100-03-03', '2100-03-04'].entries()) {
      const scenario = library.scenarios[i]!.id;
      const next = ['2100-03-02', '2100-03-03', '2100-03-04', '2100-03-05'][i]!;
      const out = await ws.createChallenge('C1', { id: `${day}-${scenario}`, scenarioId: scenario, day, postedAt: local(`${day}T09:00`).toISOString(), revealAt: local(`${next}T08:00`).toISOString() },
        { expectLatest: latest, rotation: { order: [scenario], next: 1 }, choiceCount: () => 4 });
      if (out.kind !== 'created') throw new Error(out.kind);
      latest = out.challenge.id;
      const users = i === 0 ? ['U1', 'U2', 'U3', 'U4'] : i === 3 ? ['U2', 'U3'] : [];
      for (const [n, user] of users.entries()) {
        await ws.recordAnswer('C1', { challengeId: latest, user, name: `Membre ${user}`, answer: { at: local(`${day}T10:0${n}`).toISOString(), choice: n % 3, covered: [], missed: [], flags: [], score: 4 + n, lang: n % 2 ? 'en' : 'fr' }, week: '2100-W09', streak: rule });
      }
    }
    // U4 turned reminders off.
    await ws.updateMember('U4', (m) => { m.reminders = false; });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
  });

  test('Thursday’s reminders go out once across both replicas, only to who has not answered and did not opt out', async () => {
    const now = local('2100-03-05T07:30');
    const [fromA, fromB] = await Promise.all([new ReminderTick(a, challenges, 'fr', undefined, 'A').tick(now, SLACK), new ReminderTick(b, challenges, 'fr', undefined, 'B').tick(now, SLACK)]);
    const sent = [...fromA, ...fromB];
    expect(sent.map((o) => o.user)).toEqual(['U1']);
    expect(sent[0]!.message.to).toBe('U1');
    expect(fromA.length === 0 || fromB.length === 0).toBe(true);
    // Asked again (a restart, the next minute): nothing more.
    expect(await new ReminderTick(b, challenges, 'fr', undefined, 'B').tick(local('2100-03-05T07:31'), SLACK)).toEqual([]);
    expect((await a.workspace('T1').challenge('C1', null))!.remindedAt).toBe(now.toISOString());
  }, 60_000);

  test('Friday’s recap is posted once across both replicas, never again that week', async () => {
    const ws = a.workspace('T1');
    const latest = (await ws.challenge('C1', null))!.id;
    const scenario = library.scenarios[4]!.id;
    const out = await ws.createChallenge('C1', { id: `2100-03-05-${scenario}`, scenarioId: scenario, day: '2100-03-05', postedAt: local('2100-03-05T09:00').toISOString(), revealAt: local('2100-03-08T08:00').toISOString() },
      { expectLatest: latest, rotation: { order: [scenario], next: 1 }, choiceCount: () => 4 });
    expect(out.kind).toBe('created');
    const now = local('2100-03-05T16:00');
    expect(await recaps(a, 'A').due(local('2100-03-05T15:59'), SLACK)).toEqual([]);
    const [fromA, fromB] = await Promise.all([recaps(a, 'A').due(now, SLACK), recaps(b, 'B').due(now, SLACK)]);
    const posted = [...fromA, ...fromB];
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ workspace: 'T1', channel: 'C1', platform: 'slack' });
    // Four members took part, six answers: the figures come from the port's reads of the channel.
    const body = JSON.stringify(posted[0]!.message.sections);
    expect(body).toMatch(/Membre U1/);
    expect(posted[0]!.message.chart?.png.byteLength).toBeGreaterThan(1000);
    expect((await ws.channel('C1'))!.recap?.lastWeek).toBe('2100-W09');
    expect(await recaps(b, 'B').due(local('2100-03-05T16:30'), SLACK)).toEqual([]);
    // The next recap is next Friday's, as both replicas see it.
    expect(await recaps(b, 'B').next(now, SLACK)).toEqual(local('2100-03-12T16:00'));
  }, 60_000);

  test('an answer’s follow-ups, a contest and its adjustment, and practice, through the queue and practice commands on PostgreSQL', async () => {
    const ws = b.workspace('T1');
    const latest = (await ws.challenge('C1', null))!;
    const at = local('2100-03-05T10:00');
    // U1 answers Friday's challenge in their own words: sure (held for a contest); U4 unsure (queued).
    for (const [user, doubts] of [['U1', []], ['U4', ['model-torn']]] as const) {
      const input = { challengeId: latest.id, user, answer: { at: at.toISOString(), choice: null, covered: [], missed: ['x'], flags: [], score: 3, lang: 'fr' as const }, week: '2100-W09', streak: rule };
      const recorded = await ws.recordAnswer('C1', input);
      if (recorded.kind !== 'recorded') throw new Error(recorded.kind);
      await answerFollowUps(ws, { channel: 'C1', user, challenge: recorded.challenge, answer: recorded.answer, grade: { score: 3, covered: [], missed: ['x'], flags: [], doubts: [...doubts] } as never, words: `les mots de ${user}`, at });
    }
    expect((await ws.member('U1'))!.practice!.cards[latest.scenarioId]).toMatchObject({ score: 3, box: 0, seen: 1 });
    const clock = { now: () => local('2100-03-05T11:00') };
    const queue = new QueueCommands({ library, port: a, clock, isAdmin: (_w, user) => user === 'ADMIN' });
    const req = (user: string, text = '') => ask(text, { user, platform: 'slack' });
    expect(plain((await queue.coach(req('U1'), 'contest', ['trop', 'sévère'], 'fr'))[0]!)).toMatch(/3/);
    const listed = (await queue.coach(req('ADMIN'), 'queue', [], 'fr')).map(plain);
    expect(listed).toHaveLength(2);
    expect(listed.join('\n')).toMatch(/les mots de U4/);
    expect(listed.join('\n')).toMatch(/les mots de U1/);
    const id = (await a.workspace('T1').reviewItems({ user: 'U1' }))[0]!.id;
    const before = (await ws.totals('C1', 'U1'))!.points;
    const adjusted = await queue.coach(req('ADMIN'), 'queue', ['adjust', id, '8', 'bonne', 'démarche'], 'fr');
    expect(adjusted.some((m) => m.to === 'U1')).toBe(true);
    // Twice (another admin, another replica): the second is told, nothing moves again.
    expect(plain((await new QueueCommands({ library, port: b, clock, isAdmin: () => true }).coach(req('ADMIN'), 'queue', ['adjust', id, '10', 'encore', 'plus'], 'fr'))[0]!)).toMatch(/8/);
    expect((await ws.totals('C1', 'U1'))!.points).toBe(before + 5);
    const log = await ws.readLog();
    expect(log.filter((e) => e.kind === 'adjust')).toMatchObject([{ user: 'U1', delta: 5, reviewId: id, by: 'ADMIN' }]);
    expect(log.filter((e) => e.user === 'U1' && e.channel === 'C1').reduce((sum, e) => sum + e.delta, 0)).toBe((await ws.totals('C1', 'U1'))!.points);
    // Practice: the worst scenario comes back first, answered apart from the boards.
    const practice = new PracticeCommands({ library, port: b, clock: { now: () => local('2100-03-07T10:00') }, grader: contentGrader(), timeZone: ZONE });
    const offered = plain((await practice.scenario(req('U1'), 'fr'))[0]!);
    expect(offered).toContain(library.scenarios.find((x) => x.id === latest.scenarioId)!.fr.title);
    await practice.answer(req('U1'), '1', 'fr');
    expect((await ws.member('U1'))!.practice!.cards[latest.scenarioId]!.seen).toBe(2);
    expect((await ws.totals('C1', 'U1'))!.points).toBe(before + 5);
  }, 60_000);

  test('`coach recap` with DATABASE_URL reads the week from the database (text and chart), writing nothing', async () => {
    const before = await a.readLog('T1');
    const png = join(tempDir(), 'recap.png');
    const r = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'recap', '--date', '2100-03-05', '--out', png], {
      cwd: root, env: { ...process.env, DATABASE_URL: dbUrl, COACH_DATA_FILE: join(tempDir(), 'none.json'), COACH_LANG: 'fr' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Membre U1/);
    expect(r.stdout).toMatch(/Graphique écrit dans .*recap\.png/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(await a.readLog('T1')).toEqual(before);
    // A channel the database does not have is named, with those it has.
    const bad = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'recap', '--channel', 'C9'], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('coach recap: there is no channel "C9" in workspace "T1" (there are: C1).\n');
  }, 60_000);

  test('the words held for a contest go at the debrief, whoever reveals', async () => {
    const ws = a.workspace('T1');
    const latest = (await ws.challenge('C1', null))!;
    expect(await ws.holdWords('C1', latest.id, 'U3', 'mots gardés')).toBe(true);
    expect(await challenges.reveal(b.workspace('T1'), 'C1', local('2100-03-08T08:00'))).toMatchObject({ id: latest.id });
    // Already gone: the reveal dropped them (left for the housekeeping, this would drop 1).
    expect(await ws.dropRevealedWords()).toBe(0);
  }, 60_000);
});
