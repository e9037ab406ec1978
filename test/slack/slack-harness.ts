// One Slack coach over real HTTP on 127.0.0.1 for a test file: the fake Web API, a data folder, signed
// slash commands, events and interactive payloads, and a clean stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { serve, type RunningServer } from '../../src/app/serve.js';
import { silentLogger, type Logger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/domain/time.js';
import { root } from '../helpers.js';
import { FakeSlack, postSigned, slashBody } from './fake-slack.js';

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export interface SlackHarness {
  fake: FakeSlack;
  coach: OpenCoach;
  server: RunningServer;
  dir: string;
  dataFile: string;
  /** A signed slash command; its reply goes to the response_url `/respond/<id>`. */
  slash(command: string, text: string, extra?: { user?: string; team?: string; channel?: string }): Promise<{ id: number; status: number }>;
  /** A signed Events API callback carrying `event`. */
  event(event: Record<string, unknown>, team?: string): Promise<number>;
  /** A signed interactive payload (block_actions, view_submission). */
  interact(payload: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

let responseIds = 5000;
let eventIds = 1;

export async function startSlackCoach(env: Record<string, string> = {}, options: { clock?: ManualClock; logger?: Logger } = {}): Promise<SlackHarness> {
  const fake = new FakeSlack();
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'coach-slack-'));
  const dataFile = join(dir, 'coach.json');
  const result = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SLACK_API_URL: `${fake.url}/api/`,
    HOST: '127.0.0.1', PORT: '0', COACH_DATA_FILE: dataFile, COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'UADMIN', ...env,
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const clock = options.clock ?? new ManualClock(new Date('2100-03-01T15:00:00Z'));
  const coach = await openCoach(result.config, { clock });
  const server = await serve(result.config, coach, options.logger ?? silentLogger);
  const events = `http://127.0.0.1:${server.address.port}/slack/events`;
  return {
    fake, coach, server, dir, dataFile,
    async slash(command, text, extra = {}) {
      const id = ++responseIds;
      const res = await postSigned(events, slashBody(fake, { command, text, id, ...extra }), FORM);
      return { id, status: res.status };
    },
    async event(event, team = 'T1') {
      const body = { type: 'event_callback', team_id: team, api_app_id: 'A1', event_id: `Ev${eventIds++}`, event_time: 1, event };
      return (await postSigned(events, JSON.stringify(body), JSON_TYPE)).status;
    },
    async interact(payload) {
      return (await postSigned(events, `payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM)).status;
    },
    async stop() {
      await server.stop();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of a Web API call or response_url body (blocks, else text), for assertions. */
export const blocksText = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? body.text ?? '');
