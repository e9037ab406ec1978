// A Bolt receiver on our own HTTP server: verifies each request (signature, both sides of the replay
// window), parses it (JSON events, form-encoded commands and interactive payloads), hands it to Bolt and
// sends Bolt's acknowledgement as the HTTP response. Malformed input gets a 4xx, never a crash.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../app/logger.js';
import { send } from '../../server/http-server.js';
import { verifySlackSignature } from './verify.js';

/** Slack waits 3 s for the acknowledgement; if a listener has not acked by then, we answer for it. */
const ACK_DEADLINE_MS = 2500;

export class SlackHttpReceiver implements Receiver {
  private app: App | null = null;

  constructor(private readonly signingSecret: string, private readonly logger: Logger, private readonly now: () => number = Date.now) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  readonly handle = async (req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> => {
    const rawBody = raw.toString('utf8');
    const verdict = verifySlackSignature(this.signingSecret, rawBody, req.headers, this.now());
    if (!verdict.ok) {
      this.logger.warn({ reason: verdict.reason }, 'slack request refused');
      return send(res, 401, { error: 'invalid request signature' });
    }
    const body = parseBody(rawBody, String(req.headers['content-type'] ?? ''));
    if (!body) return send(res, 400, { error: 'malformed body' });
    if (body.type === 'url_verification' && typeof body.challenge === 'string') return send(res, 200, { challenge: body.challenge });
    // Before Slack answered auth.test the app does not exist yet: Slack retries events it gets a 503 for.
    if (!this.app) return send(res, 503, { error: 'slack is not connected yet' });

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

function numberHeader(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && value !== undefined ? n : undefined;
}

function stringHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
