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

export interface ServerEvent { event: string; data: string }

export interface EventStream {
  events: ServerEvent[];
  /** Resolves once an event satisfies `test` (looking at those already received too); rejects after `timeoutMs`. */
  waitFor(test: (e: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  /** Resolves when the server ends the stream (or rejects after `timeoutMs`). */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens a server-sent event stream and collects its events as they come. */
export async function openStream(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`stream refused: ${res.status}`);
  const events: ServerEvent[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  const wake = () => { for (const w of [...waiters]) w(); };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data });
        }
        wake();
      }
    } catch {
      /* aborted by close() */
    } finally {
      done = true;
      wake();
    }
  })();
  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string) => new Promise<T>((resolve, reject) => {
    const look = () => {
      const found = check();
      if (found === undefined) return false;
      clearTimeout(timer);
      waiters.delete(look);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => { waiters.delete(look); reject(new Error(`${what} within ${timeoutMs} ms; events: ${JSON.stringify(events.map((e) => e.event))}`)); }, timeoutMs);
    if (!look()) waiters.add(look);
  });
  return {
    events,
    waitFor: (test, timeoutMs = 5000) => until(() => events.find(test), timeoutMs, 'no such event'),
    ended: (timeoutMs = 5000) => until(() => (done ? true : undefined), timeoutMs, 'the stream did not end').then(() => undefined),
    close: () => controller.abort(),
  };
}
