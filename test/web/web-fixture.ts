// A running coach with its web pages on 127.0.0.1 (a real store in a temporary folder, a manual clock),
// its logs kept for inspection, and the engine to speak to it as the chat surfaces do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import { openCoach, type OpenCoach } from '../../src/app/open-coach.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Message } from '../../src/core/message.js';
import type { Request } from '../../src/core/request.js';
import { ManualClock } from '../../src/domain/time.js';
import { startWebServer, type WebOptions, type WebServer } from '../../src/web/web-server.js';
import { plain, root } from '../helpers.js';

/** The public address the coach is told it has; requests go to the test server instead (see `local`). */
export const BASE = 'https://coach.example.org/support';

export interface WebFixture {
  coach: OpenCoach;
  config: Config;
  clock: ManualClock;
  web: WebServer;
  origin: string;
  /** Everything logged, at debug level. */
  logs(): string;
  /** A public address turned into the test server's. */
  local(url: string): string;
  say(text: string, extra?: Partial<Request>): Promise<Message[]>;
  sayText(text: string, extra?: Partial<Request>): Promise<string>;
  /** `/coach wall` by the admin in `channel`; the wall's address on the test server. */
  makeWall(channel?: string, extra?: Partial<Request>): Promise<string>;
  close(): Promise<void>;
}

/** Monday 1 March 2100, 08:00 in Toronto: before the default 9:00 post. */
export const MONDAY_8AM = new Date('2100-03-01T13:00:00Z');

export async function openWebFixture(env: Record<string, string> = {}, options: WebOptions = {}): Promise<WebFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'coach-web-'));
  const loaded = loadConfig({
    COACH_DATA_FILE: join(dir, 'coach.json'), COACH_CONTENT_DIR: join(root, 'content'), COACH_ADMINS: 'ADMIN',
    COACH_BASE_URL: BASE, HOST: '127.0.0.1', PORT: '0', ...env,
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const config = loaded.config;
  const clock = new ManualClock(MONDAY_8AM);
  const coach = await openCoach(config, { clock });
  let logged = '';
  const destination = new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } });
  const web = await startWebServer(config, coach, createLogger({ level: 'debug', destination }), { hub: { coalesceMs: 10 }, ...options });
  const origin = `http://127.0.0.1:${web.address.port}`;
  const say = (text: string, extra: Partial<Request> = {}) =>
    coach.engine.handle({ workspace: 'T1', channel: 'C1', user: 'ADMIN', platform: 'slack', text, ...extra });
  const fixture: WebFixture = {
    coach, config, clock, web, origin,
    logs: () => logged,
    local: (url) => (url.startsWith(BASE) ? origin + url.slice(BASE.length) : url),
    say,
    sayText: async (text, extra) => (await say(text, extra)).map(plain).join('\n---\n'),
    async makeWall(channel = 'C1', extra = {}) {
      const [reply] = await say('/coach wall', { channel, ...extra });
      const url = reply?.actions?.find((a) => a.url)?.url;
      if (!url) throw new Error(`no wall address in ${JSON.stringify(reply)}`);
      return fixture.local(url);
    },
    async close() {
      await web.stop();
      await coach.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Reads a server-sent event stream until `until` says stop or `timeoutMs` passes; the events seen. */
export async function readEvents(url: string, until: (events: { event: string; data: string }[]) => boolean, timeoutMs = 5000): Promise<{ event: string; data: string }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: { event: string; data: string }[] = [];
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`stream refused: ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data });
      }
      if (until(events)) break;
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
