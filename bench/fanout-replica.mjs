// One replica of bench:postgres's fan-out: the coach's scheduled posting as `coach start` runs it on
// PostgreSQL, in its own process: the store port on a pg Pool, the real Scheduler (claims through the
// port), the server's posting loop (src/app/post-loop.ts) and the Slack app's delivery (single-token mode,
// SLACK_BOT_TOKEN: one bot token for every workspace, the only mode that resolves a token per workspace
// without an installation store on PostgreSQL) to the Web API at SLACK_API_URL. The clock is manual.
// Lines on stdin: `tick ISO` sets the clock and runs one tick, then waits until every post it produced is
// delivered, and prints one JSON line: {collectMs, deliverMs, posts, failed, rss}. Run from the compiled code.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCore } from '../dist/app/build-coach.js';
import { contentGrader, feedbackFor } from '../dist/app/grader.js';
import { Scheduler } from '../dist/app/scheduler.js';
import { postLoop } from '../dist/app/post-loop.js';
import { silentLogger } from '../dist/app/logger.js';
import { createSlackApp } from '../dist/adapters/slack/slack-app.js';
import { ChallengeCommands } from '../dist/core/commands/challenge-commands.js';
import { Challenges } from '../dist/domain/challenges.js';
import { parseHolidaySpec } from '../dist/domain/holidays.js';
import { ManualClock } from '../dist/domain/time.js';
import { pgPort } from '../dist/store/postgres/pg-port.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const port = pgPort(process.env.DATABASE_URL, { poolSize: Number(process.env.POOL_SIZE ?? 10) });
const core = loadCore(join(root, 'content'));
const clock = new ManualClock(new Date(0));
const holidays = parseHolidaySpec('quebec');
const challenges = new Challenges({ library: core.library, grader: contentGrader(), holidays: holidays.calendar, defaultSchedule: { cron: '0 9 * * 1-5', timezone: 'America/Toronto' }, revealLeadMs: 3_600_000 });
const commands = new ChallengeCommands({ library: core.library, challenges, port, clock, isAdmin: () => false, feedback: feedbackFor(core.library) });
const scheduler = new Scheduler(port, challenges, commands, 'fr', [], process.env.REPLICA ?? undefined);
// Only what scheduled posting uses is real here; no Slack request reaches this process.
const slack = createSlackApp({ botToken: 'xoxb-bench', signingSecret: 'bench', apiUrl: process.env.SLACK_API_URL }, {
  commands, port, clock, library: core.library, logger: silentLogger, timeZone: 'America/Toronto', stores: () => { throw new Error('not used'); },
});
await slack.start();
let posts = 0;
let failed = 0;
const logger = { info() {}, warn() {}, debug() {}, error() { failed++; }, isLevelEnabled: () => false, child: () => logger };
const loop = postLoop({ scheduler, now: () => clock.now(), platforms: new Set(['slack']), logger, deliver: async (out) => { await slack.deliver(out); posts++; } });

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, at] = line.split(' ');
  if (command !== 'tick') break;
  clock.set(new Date(at));
  posts = 0;
  failed = 0;
  const t0 = performance.now();
  await loop.tick();
  const t1 = performance.now();
  await loop.idle();
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ collectMs: t1 - t0, deliverMs: t2 - t1, posts, failed, rss: process.memoryUsage().rss }) + '\n');
}
await slack.stop();
await port.close();
