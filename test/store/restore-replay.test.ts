// `coach restore` never loses a confirmed score change: the intact score log stays and what it holds
// after the backup is replayed into the totals; a healthy file is not replaced without --force; the
// backup's content is shown before anything moves.
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCore } from '../../src/app/build-coach.js';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { restore } from '../../src/cli/restore.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { listBackups } from '../../src/store/backups.js';
import { StoreOpenError } from '../../src/store/errors.js';
import type { MemberTotals } from '../../src/store/schema.js';
import { scoreLogFile } from '../../src/store/score-log.js';
import { ask, plain, root } from '../helpers.js';
import { tempDir } from './tmp.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), env: {} }, out: () => out.join(''), err: () => err.join('') };
}

const clock = new ManualClock(new Date('2100-03-01T14:00:00Z')); // Monday 09:00 in Toronto
// Content and router loaded once for the file: each test opens the coach three or four times.
const core = loadCore(join(root, 'content'));

async function open(file: string): Promise<OpenCoach> {
  const config = loadConfig({ COACH_DATA_FILE: file, COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN', COACH_HOLIDAYS: 'none' });
  if (!config.ok) throw new Error(config.errors.join());
  return openCoach(config.config, { clock, core });
}

// On Slack an award's target is a real mention: `@U1` in these texts stands for one.
const mentionsIn = (text: string) => [...text.matchAll(/@(U\w+)/g)].map((m) => ({ id: m[1]!, name: m[1]!.toLowerCase() }));
const say = async (coach: OpenCoach, text: string, user = 'ADMIN') =>
  (await coach.engine.handle(ask(text, { user, channel: 'C1', platform: 'slack', mentions: mentionsIn(text), names: slackLike }))).map(plain).join('\n');
// What Slack's users.info would tell: the score log keeps no names, so a member first seen after the
// backup is named again by the platform, as on Slack.
const slackLike = { user: async (id: string) => id.toLowerCase(), channel: async () => undefined };
const totals = (coach: OpenCoach) => coach.stores('T1').read((ws) => JSON.parse(JSON.stringify(ws.channels.C1?.totals ?? {})) as Record<string, MemberTotals>);

/**
 * Two days of a team: Monday's challenge and awards; Tuesday (the coach restarted: its start refreshes
 * the day's backup), Tuesday's challenge answered (streaks) and more awards: 25 score changes after the
 * backup in all. Returns the data file, the totals and the board as they were, and the log.
 */
async function twoDays() {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  clock.set(new Date('2100-03-01T14:00:00Z'));
  const monday = await open(file);
  await say(monday, '/coach post');
  for (const u of ['U1', 'U2', 'U3']) await say(monday, '/answer 1', u);
  await say(monday, '/coach award @U1 2 bon suivi');
  await monday.store.close();

  clock.set(new Date('2100-03-02T14:00:00Z')); // Tuesday 09:00
  const tuesday = await open(file);
  const backupEvents = JSON.parse(readFileSync((await listBackups(file))[0]!.path, 'utf8')).logEntries as number;
  await say(tuesday, '/coach post');
  for (const [u, n] of [['U1', 1], ['U2', 2], ['U4', 3], ['U5', 1]] as const) await say(tuesday, `/answer ${n}`, u);
  const log = async () => (await tuesday.store.readLog()).length;
  let i = 0;
  while ((await log()) - backupEvents < 25) await say(tuesday, `/coach award @U${(i++ % 5) + 1} ${i} merci numéro ${i}`);
  const board = await say(tuesday, '/leaderboard', 'U2');
  const before = totals(tuesday);
  await tuesday.store.close();
  return { dir, file, board, before, backupEvents, logText: readFileSync(scoreLogFile(file), 'utf8') };
}

test('the issue: corrupted late in the day after 25 score changes, restore brings the whole board back', async () => {
  const { dir, file, board, before, backupEvents, logText } = await twoDays();
  writeFileSync(file, '{"schemaVersion":2,"logEntries":31,"workspa'); // corrupted

  const refusal = (await open(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(refusal).toBeInstanceOf(StoreOpenError);
  expect(refusal.message).toContain('an intact score log stays, and the score changes made after the backup are replayed from it');
  const t = io();
  expect(await restore(refusal.command!.split(' ').slice(3), t.io)).toBe(0);
  const out = t.out();
  // What the backup holds comes first, then the plan, then what was done.
  expect(out).toMatch(new RegExp(`^Backup ${refusal.backup}, taken \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC: 1 workspace, 3 members, 1 challenge, ${backupEvents} score events\\.`));
  expect(out.indexOf('Backup ')).toBeLessThan(out.indexOf('Kept the previous data file'));
  expect(out).toContain(`is intact (${backupEvents + 25} score events) and stays; the 25 score changes made after the backup will be replayed into the totals.`);
  expect(out).toContain(`${backupEvents + 25} score events, 25 of them replayed from the score log`);
  expect(out).toContain('Rebuilt from the score log: 1 challenge answered after the backup was taken (2100-03-02-');
  // The intact log was never set aside, nor changed.
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.'))).toEqual([]);
  expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(logText);
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.json.broken-'))).toHaveLength(1);

  const again = await open(file);
  try {
    expect(totals(again)).toEqual(before); // points, this week, answers, streaks, last day: all of them
    expect(await say(again, '/leaderboard', 'U2')).toBe(board);
    // Tuesday's challenge is back: nobody answers it twice, and it is not posted a second time.
    expect(await say(again, '/answer 2', 'U1')).toContain('déjà répondu');
    expect(await say(again, '/coach post')).not.toContain('Défi du jour · 2100-03-02');
    expect(again.stores('T1').read((ws) => ws.channels.C1!.challenges.filter((c) => c.day === '2100-03-02'))).toHaveLength(1);
    expect((await again.store.readLog()).length).toBe(backupEvents + 25);
  } finally {
    await again.store.close();
  }
});

test('a readable, healthy data file is refused unless --force; --empty too; nothing moves', async () => {
  const { dir, file } = await twoDays();
  const backup = (await listBackups(file))[0]!.path;
  const dataBefore = readFileSync(file);
  const logBefore = readFileSync(scoreLogFile(file));
  for (const argv of [['--from', backup], ['--empty'], ['--from', backup, '--dry-run']]) {
    const t = io();
    expect(await restore([...argv, '--file', file], t.io)).toBe(1);
    expect(t.err()).toContain(`the data file ${file} is readable and its score log complete (1 workspace, 5 members, 2 challenges,`);
    expect(t.err()).toContain('nothing was changed');
    expect(t.err()).toContain('add --force');
  }
  expect(readFileSync(file)).toEqual(dataBefore);
  expect(readFileSync(scoreLogFile(file))).toEqual(logBefore);
  expect(readdirSync(dir).filter((n) => /\.(broken|replaced)-/.test(n))).toEqual([]);

  // --force: replaced, kept as .replaced-, and still no point lost.
  const t = io();
  expect(await restore(['--from', backup, '--file', file, '--force'], t.io)).toBe(0);
  expect(t.out()).toContain('is healthy (1 workspace, 5 members, 2 challenges,');
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.json.replaced-'))).toHaveLength(1);
  expect(readFileSync(scoreLogFile(file))).toEqual(logBefore);
});

test('--dry-run shows the backup and the plan and changes nothing', async () => {
  const { dir, file } = await twoDays();
  writeFileSync(file, '');
  const backup = (await listBackups(file))[0]!.path;
  const t = io();
  expect(await restore(['--from', backup, '--file', file, '--dry-run'], t.io)).toBe(0);
  expect(t.out()).toContain(`Backup ${backup}, taken `);
  expect(t.out()).toContain(`The data file ${file} is empty`);
  expect(t.out()).toContain('the 25 score changes made after the backup will be replayed');
  expect(t.out()).toContain('Dry run: nothing was changed.');
  expect(readFileSync(file, 'utf8')).toBe('');
  expect(readdirSync(dir).filter((n) => /\.(broken|replaced)-/.test(n))).toEqual([]);
});

test('a damaged score log is kept aside and the backup’s copy installed, and the output says so', async () => {
  const { dir, file, backupEvents } = await twoDays();
  writeFileSync(file, '{');
  const lines = readFileSync(scoreLogFile(file), 'utf8').split('\n');
  lines[backupEvents + 3] = '{"workspace":"T1","at":'; // a line after the backup, broken
  writeFileSync(scoreLogFile(file), lines.join('\n'));
  const backup = (await listBackups(file))[0]!.path;
  const t = io();
  expect(await restore(['--from', backup, '--file', file], t.io)).toBe(0);
  expect(t.out()).toContain(`is damaged: ${scoreLogFile(file)} line ${backupEvents + 4} is not valid JSON`);
  expect(t.out()).toContain("it will be kept aside and the backup's copy installed");
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.broken-'))).toHaveLength(1);
  expect(readFileSync(scoreLogFile(file), 'utf8').split('\n').filter(Boolean)).toHaveLength(backupEvents);
});

test('a score log that does not continue the backup (another history) is kept aside', async () => {
  const { dir, file } = await twoDays();
  writeFileSync(file, '{');
  const lines = readFileSync(scoreLogFile(file), 'utf8').split('\n');
  lines[0] = lines[0]!.replace(/"reason":"[^"]*"/, '"reason":"autre"'); // a valid event, not the backup's
  writeFileSync(scoreLogFile(file), lines.join('\n'));
  const backup = (await listBackups(file))[0]!.path;
  const t = io();
  expect(await restore(['--from', backup, '--file', file], t.io)).toBe(0);
  expect(t.out()).toContain("does not start with the backup's");
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.broken-'))).toHaveLength(1);
});

test('a last line left half-written is cut; the rest stays and is replayed', async () => {
  const { file, before, logText } = await twoDays();
  writeFileSync(file, 'null');
  appendFileSync(scoreLogFile(file), '{"workspace":"T1","at":"2100-03-02T15:');
  const backup = (await listBackups(file))[0]!.path;
  const t = io();
  expect(await restore(['--from', backup, '--file', file], t.io)).toBe(0);
  expect(t.out()).toContain('Cut a last line left half-written in the score log');
  expect(readFileSync(scoreLogFile(file), 'utf8')).toBe(logText);
  const again = await open(file);
  expect(totals(again)).toEqual(before);
  await again.store.close();
});

test('no backup at all: --empty rebuilds every point from the intact score log', async () => {
  const { dir, file, before } = await twoDays();
  writeFileSync(file, '[]');
  for (const b of await listBackups(file)) writeFileSync(b.path, 'x'); // every backup damaged too
  const refusal = (await open(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(refusal.command).toContain('--empty');
  const t = io();
  expect(await restore(refusal.command!.split(' ').slice(3), t.io)).toBe(0);
  expect(t.out()).toContain(`Rebuilt ${file} from its score log`);
  expect(existsSync(scoreLogFile(file))).toBe(true);
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.'))).toEqual([]);
  const again = await open(file);
  const after = totals(again);
  for (const [user, t0] of Object.entries(before)) expect(after[user]).toMatchObject({ points: t0.points, weekPoints: t0.weekPoints, answers: t0.answers, streak: t0.streak, bestStreak: t0.bestStreak, lastDay: t0.lastDay });
  await again.store.close();
});
