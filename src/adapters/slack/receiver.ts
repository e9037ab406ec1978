// A Bolt receiver on our own HTTP server: verifies each request (signature, both sides of the replay
// window), parses it (JSON events, form-encoded commands and interactive payloads), hands it to Bolt and
// sends Bolt's acknowledgement as the HTTP response. Malformed input gets a 4xx, never a crash.
// Slash commands registered with `answerCommands` take a shorter way: acknowledged here, right after
// verification, and answered after the acknowledgement without Bolt's middleware chain, which cost more CPU
// per request than all of the coach's own work for a command (profiled under bench:slack's load).
import type { App, Receiver, ReceiverEvent, SlashCommand } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../app/logger.js';
import { send } from '../../server/http-server.js';
import { verifySlackSignature } from './verify.js';

/** Slack waits 3 s for the acknowledgement; if a listener has not acked by then, we answer for it. */
const ACK_DEADLINE_MS = 2500;

/** Answers one slash command, after its acknowledgement; a rejection is logged. */
export type CommandAnswer = (command: SlashCommand) => Promise<void>;

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;
  private readonly answers = new Map<string, CommandAnswer>();
  /** Commands acknowledged and not yet answered: a stop waits for them (see `settle`). */
  private readonly answering = new Set<Promise<void>>();

  constructor(private readonly signingSecret: string, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /**
   * These slash commands (e.g. `/playbook`) are acknowledged by the receiver itself (an empty 200) as soon
   * as the request is verified and parsed, then `answer` runs on the next turn of the event loop, after the
   * acknowledgements and requests already waiting. Bolt's global middleware and listeners are not run for
   * them: register here only commands whose whole handling is `answer`.
   */
  answerCommands(names: readonly string[], answer: CommandAnswer): void {
    for (const name of names) this.answers.set(name, answer);
  }

  /** Waits until the acknowledged commands are answered, or `timeoutMs` (ms) has passed. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.answering), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    const verdict = verifySlackSignature(this.signingSecret, raw, req.headers, this.now());
    if (!verdict.ok) {
      this.logger.warn({ reason: verdict.reason }, 'slack request refused');
      return send(res, 401, { error: 'invalid request signature' });
    }
    const body = parseBody(raw.toString('utf8'), String(req.headers['content-type'] ?? ''));
    if (!body) return send(res, 400, { error: 'malformed body' });
    if (body.type === 'url_verification' && typeof body.challenge === 'string') return send(res, 200, { challenge: body.challenge });
    // Before Slack answered auth.test the app does not exist yet: Slack retries events it gets a 503 for.
    if (!this.app) return send(res, 503, { error: 'slack is not connected yet' });
    const answer = typeof body.command === 'string' ? this.answers.get(body.command) : undefined;
    if (answer && isSlashCommand(body)) {
      res.writeHead(200);
      res.end();
      const answered = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => answer(body))
        .catch((err: unknown) => this.logger.error({ err, command: body.command }, 'slack command failed'))
        .finally(() => this.answering.delete(answered));
      this.answering.add(answered);
      return;
    }

    let acked = false;
    const respond = (status: number, payload: unknown) => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      if (payload === undefined || payload === '') { res.writeHead(status); res.end(); } else send(res, status, payload);
    };
    const timer = setTimeout(() => respond(200, ''), ACK_DEADLINE_MS);
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => respond(200, response ?? ''),
      retryNum: numberHeader(req.headers['x-slack-retry-num']),
      retryReason: stringHeader(req.headers['x-slack-retry-reason']),
    };
    try {
      await this.app.processEvent(event);
    } catch (err) {
      this.logger.error({ err }, 'slack listener failed');
    } finally {
      // An event no listener acknowledged (an ignored event type) is still a valid delivery.
      respond(200, '');
    }
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    if (contentType.includes('application/json')) {
      const value: unknown = JSON.parse(raw);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload === 'string') {
      const value: unknown = JSON.parse(form.payload);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    }
    return Object.keys(form).length ? form : null;
  } catch {
    return null;
  }
}

/**
 * A slash command with the fields every answer needs (Slack always sends them). Events and interactive
 * payloads all carry a `type`; a slash command's form has none.
 */
function isSlashCommand(body: Record<string, unknown>): body is Record<string, unknown> & SlashCommand {
  return body.type === undefined && typeof body.command === 'string' && typeof body.team_id === 'string'
    && typeof body.channel_id === 'string' && typeof body.user_id === 'string';
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && value !== undefined ? n : undefined;
}

function stringHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
