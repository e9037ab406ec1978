// A week of daily challenges with two replicas on one PostgreSQL database, under a manual clock: each
// replica its own pool (its own connections), scheduler, challenges and commands, as two processes would
// have; both tick at every slot together. Each slot is posted once, each debrief sent once.
import { join } from 'node:path';
import { loadCore } from '../../src/app/build-coach.js';
import { contentGrader, feedbackFor } from '../../src/app/grader.js';
import { Scheduler, type Outgoing } from '../../src/app/scheduler.js';
import { ChallengeCommands } from '../../src/core/commands/challenge-commands.js';
import { Challenges } from '../../src/domain/challenges.js';
import { parseHolidaySpec } from '../../src/domain/holidays.js';
import { ManualClock, zonedTime } from '../../src/domain/time.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { root } from '../helpers.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const ZONE = 'America/Toronto';
const at = (day: string, hour = 9, minute = 0) => zonedTime(day, hour, minute, ZONE);
const PLATFORMS = new Set(['terminal']);
const core = loadCore(join(root, 'content'));

function replica(url: string, clock: ManualClock, name: string): { port: PgPort; scheduler: Scheduler } {
  const port = pgPort(url, { poolSize: 4 });
  const holidays = parseHolidaySpec('quebec');
  if (!holidays.ok) throw new Error(holidays.error);
  const challenges = new Challenges({ library: core.library, grader: contentGrader(), holidays: holidays.calendar, defaultSchedule: { cron: '0 9 * * 1-5', timezone: ZONE }, revealLeadMs: 3_600_000 });
  const commands = new ChallengeCommands({ library: core.library, challenges, port, clock, isAdmin: () => false, feedback: feedbackFor(core.library) });
  return { port, scheduler: new Scheduler(port, challenges, commands, 'fr', [], name) };
}

describePg('the schedule with two replicas on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); await migrate(db.url); }, 60_000);
  afterAll(async () => { await db?.close(); });

  it('a week: each slot posted once, each debrief once, whichever replica ticks first', async () => {
    const clock = new ManualClock(at('2026-12-07', 8));
    const two = [replica(db.url, clock, 'replica-a'), replica(db.url, clock, 'replica-b')];
    try {
      await two[0]!.port.workspace('T1').updateChannel('C1', (s) => { s.name = 'support'; s.platform = 'terminal'; s.scheduledSince = clock.now().toISOString(); });
      const posted: string[] = [];
      const by = new Map<string, number>();
      let debriefs = 0;
      for (const day of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) {
        for (const time of [at(day, 8, 0), at(day, 9, 0), at(day, 9, 1), at(day, 12, 0)]) {
          clock.set(time);
          const outs: Outgoing[][] = await Promise.all(two.map((r) => r.scheduler.tick(time, PLATFORMS)));
          outs.forEach((out, i) => {
            for (const o of out) {
              if (o.message.ref?.kind === 'challenge') {
                posted.push(`${day} ${o.message.ref.challengeId}`);
                by.set(`replica-${i}`, (by.get(`replica-${i}`) ?? 0) + 1);
              }
              if (o.message.ref?.kind === 'debrief') debriefs += 1;
            }
          });
        }
      }
      expect(posted).toHaveLength(5);
      expect(new Set(posted.map((p) => p.slice(0, 10))).size).toBe(5);
      expect(debriefs).toBe(4); // Tuesday to Friday at 8:00, the day before's
      const view = await two[1]!.port.workspace('T1').channel('C1');
      expect(view!.challenges.at(-1)!.day).toBe('2026-12-11');
      expect((await two[1]!.port.readLog()).length).toBe(0);
    } finally {
      await Promise.all(two.map((r) => r.port.close()));
    }
  }, 60_000);
});
