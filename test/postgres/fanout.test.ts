// The daily post to many channels in several workspaces with two replicas on one PostgreSQL database:
// each replica its own pool, Scheduler, server posting loop (post-loop.ts) and Slack app (one bot token,
// SLACK_BOT_TOKEN mode) posting to a fake Web API that accepts one message per second per channel and
// answers 429 beyond, as Slack does. Each channel gets each slot's post once, whichever replica claims
// it; a channel with two messages due at once (yesterday's debrief and today's challenge) gets both,
// each once, one of them after a 429 and the client's wait; and never a debrief of the challenge just
// posted (a replica that saw Monday's reveal due after the other had revealed it and posted Tuesday's
// used to reveal "the latest", Tuesday's).
import { join } from 'node:path';
import { loadCore } from '../../src/app/build-coach.js';
import { contentGrader, feedbackFor } from '../../src/app/grader.js';
import { silentLogger } from '../../src/app/logger.js';
import { postLoop, type PostLoop } from '../../src/app/post-loop.js';
import { Scheduler } from '../../src/app/scheduler.js';
import { createSlackApp, type SlackApp } from '../../src/adapters/slack/slack-app.js';
import type { SlackAppDeps } from '../../src/adapters/slack/slack-app.js';
import { ChallengeCommands } from '../../src/core/commands/challenge-commands.js';
import { Challenges } from '../../src/domain/challenges.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { ManualClock, zonedTime } from '../../src/domain/time.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { root } from '../helpers.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const ZONE = 'America/Toronto';
const WORKSPACES = 4;
const CHANNELS = 6;
const core = loadCore(join(root, 'content'));

interface Replica { port: PgPort; slack: SlackApp; loop: PostLoop }

async function replica(url: string, fake: FakeSlack, clock: ManualClock, name: string): Promise<Replica> {
  const port = pgPort(url, { poolSize: 4 });
  const holidays = parseHolidaySpec('quebec');
  if (!holidays.ok) throw new Error(holidays.error);
  const challenges = new Challenges({ library: core.library, grader: contentGrader(), holidays: holidays.calendar, defaultSchedule: { cron: '0 9 * * 1-5', timezone: ZONE }, revealLeadMs: 3_600_000 });
  const commands = new ChallengeCommands({ library: core.library, challenges, port, clock, isAdmin: () => false, feedback: feedbackFor(core.library) });
  const scheduler = new Scheduler(port, challenges, commands, 'fr', [], name);
  // Scheduled posting uses the store, the commands and the logger; no Slack request reaches these apps.
  const deps = { commands, port, clock, library: core.library, logger: silentLogger, timeZone: ZONE } as unknown as SlackAppDeps;
  const slack = createSlackApp({ botToken: 'xoxb-fanout', signingSecret: 'fanout-secret', apiUrl: `${fake.url}/api/` }, deps);
  await slack.start();
  const loop = postLoop({ scheduler, now: () => clock.now(), platforms: new Set(['slack']), logger: silentLogger, deliver: (out) => slack.deliver(out) });
  return { port, slack, loop };
}

describePg('the daily post to many channels with two replicas (PostgreSQL, rate-limited Web API)', () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrate(db.url);
    fake = new FakeSlack();
    fake.channelGapMs = 1000;
    await fake.start();
  }, 60_000);
  afterAll(async () => {
    await fake?.stop();
    await db?.close();
  });

  it('each channel of each workspace posted once a day; two messages due together both arrive once, after a 429', async () => {
    const clock = new ManualClock(zonedTime('2026-12-07', 8, 0, ZONE));
    const two = [await replica(db.url, fake, clock, 'replica-a'), await replica(db.url, fake, clock, 'replica-b')];
    try {
      const channels: string[] = [];
      for (let w = 0; w < WORKSPACES; w++) {
        for (let c = 0; c < CHANNELS; c++) {
          const id = `C${w}X${c}`;
          channels.push(id);
          await two[0]!.port.workspace(`TW${w}`).updateChannel(id, (s) => { s.name = `support-${c}`; s.platform = 'slack'; s.scheduledSince = clock.now().toISOString(); }, { create: true });
        }
      }
      const both = async (day: string, hour: number, minute: number) => {
        clock.set(zonedTime(day, hour, minute, ZONE));
        await Promise.all(two.map((r) => r.loop.tick()));
        await Promise.all(two.map((r) => r.loop.idle()));
      };
      const posts = () => fake.of('chat.postMessage');
      const perChannel = (calls: ReturnType<typeof posts>) => {
        const counts = new Map<string, number>();
        for (const c of calls) counts.set(String(c.body.channel), (counts.get(String(c.body.channel)) ?? 0) + 1);
        return counts;
      };

      // Monday 9:00: every channel's first challenge, once; a second tick at 9:01 adds nothing.
      await both('2026-12-07', 9, 0);
      await both('2026-12-07', 9, 1);
      const monday = perChannel(posts());
      expect([...monday.keys()].sort()).toEqual([...channels].sort());
      expect([...monday.values()].every((n) => n === 1)).toBe(true);
      expect(posts().every((c) => c.body.thread_ts === undefined)).toBe(true);

      // Tuesday: both replicas were down at 8:00 (the debrief's time), so at 9:00 each channel has
      // Monday's debrief (in its thread) and Tuesday's challenge due together: two messages in one second.
      const before = posts().length;
      await both('2026-12-08', 9, 0);
      await both('2026-12-08', 9, 1);
      const tuesday = posts().slice(before);
      const counts = perChannel(tuesday);
      expect([...counts.keys()].sort()).toEqual([...channels].sort());
      expect([...counts.values()].every((n) => n === 2)).toBe(true);
      // The debrief in Monday's challenge's thread, Tuesday's challenge in the channel. (With two replicas
      // one may reveal while the other posts, so the two may arrive in either order; the debrief's place is
      // its thread either way.)
      for (const channel of channels) {
        const mine = tuesday.filter((c) => c.body.channel === channel);
        const monday = posts().find((c) => c.body.channel === channel)!;
        expect(mine.filter((c) => c.body.thread_ts !== undefined)).toHaveLength(1);
        expect(mine.filter((c) => c.body.thread_ts === undefined)).toHaveLength(1);
        expect(mine.find((c) => c.body.thread_ts !== undefined)!.body.text).toMatch(/^Corrigé/);
        expect(monday.body.thread_ts).toBeUndefined();
      }
      expect(fake.of('chat.postMessage:429').length).toBeGreaterThan(0);
      // Every challenge of both days kept its post's ids (no slot left to be posted again).
      const { rows } = await two[0]!.port.pool.query(`SELECT day, count(*)::int AS n, count(post_ref)::int AS kept FROM challenges WHERE workspace_id LIKE 'TW%' GROUP BY day ORDER BY day`);
      expect(rows).toEqual([{ day: '2026-12-07', n: 24, kept: 24 }, { day: '2026-12-08', n: 24, kept: 24 }]);
    } finally {
      for (const r of two) {
        await r.slack.stop();
        await r.port.close();
      }
    }
  }, 120_000);
});
