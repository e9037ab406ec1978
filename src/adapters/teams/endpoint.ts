// POST /api/messages on our HTTP server: the body (already size-limited) parsed and checked, then handed
// to CloudAdapter.process through a tiny Express-style response over node:http. Malformed input gets a
// 4xx, never a crash. In anonymous (Emulator) mode only loopback clients are served, and an activity
// whose serviceUrl is not loopback is refused before botbuilder sees it: the bot would otherwise call
// whatever address the activity names.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, Request as BotRequest, Response as BotResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../../app/logger.js';
import { send, type RouteHandler } from '../../server/http-server.js';
import { isCallableServiceUrl, isLoopbackUrl } from './activity.js';

export interface EndpointOptions {
  anonymous: boolean;
  logger: Logger;
}

/** The Express-like surface CloudAdapter.process uses (status, header, send, end), over ServerResponse. */
export class ResponseShim implements BotResponse {
  private statusCode = 200;
  private readonly headers: Record<string, string> = {};
  private body: string | Buffer | undefined;
  private ended = false;

  constructor(private readonly res: ServerResponse) {}

  get socket(): unknown {
    return this.res.socket;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: unknown): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  send(body?: unknown): this {
    if (body === undefined || body === null) return this;
    if (Buffer.isBuffer(body) || typeof body === 'string') this.body = body;
    else {
      this.body = JSON.stringify(body);
      this.headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    return this;
  }

  end(): this {
    if (this.ended || this.res.headersSent) return this;
    this.ended = true;
    if (this.body !== undefined) this.headers['content-type'] ??= 'text/plain; charset=utf-8';
    this.res.writeHead(this.statusCode, this.headers);
    this.res.end(this.body);
    return this;
  }

  get done(): boolean {
    return this.ended;
  }
}

export type ActivityCheck = { ok: true; activity: Record<string, unknown> } | { ok: false; status: number; error: string };

/** The checks before botbuilder: JSON object, type, conversation id, a serviceUrl the bot may call. */
export function checkActivity(raw: Buffer, anonymous: boolean): ActivityCheck {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, status: 400, error: 'malformed JSON' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, status: 400, error: 'the body must be an activity object' };
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type.trim() || activity.type.length > 50) return { ok: false, status: 400, error: 'the activity has no type' };
  const conversation = activity.conversation as { id?: unknown } | null | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string' || !conversation.id) return { ok: false, status: 400, error: 'the activity has no conversation' };
  if (typeof activity.serviceUrl !== 'string' || !activity.serviceUrl) return { ok: false, status: 400, error: 'the activity has no serviceUrl' };
  if (anonymous ? !isLoopbackUrl(activity.serviceUrl) : !isCallableServiceUrl(activity.serviceUrl, false)) {
    return { ok: false, status: 400, error: anonymous ? 'anonymous mode accepts only loopback serviceUrls' : 'the serviceUrl is not allowed' };
  }
  return { ok: true, activity };
}

export function teamsEndpoint(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>, options: EndpointOptions): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    // Anonymous mode serves this machine only (the Emulator): nobody else may make the bot call its
    // loopback addresses, even if HOST was left at 0.0.0.0.
    if (options.anonymous && !isLoopbackAddress(req.socket.remoteAddress)) {
      options.logger.warn({ remote: req.socket.remoteAddress }, 'teams activity refused: anonymous mode answers loopback clients only');
      return send(res, 403, { error: 'anonymous mode answers loopback clients only' });
    }
    const checked = checkActivity(raw, options.anonymous);
    if (!checked.ok) {
      options.logger.warn({ reason: checked.error, serviceUrlHost: hostOf(raw) }, 'teams activity refused');
      return send(res, checked.status, { error: checked.error });
    }
    // With credentials, an unsigned request is refused here (botbuilder would say the same, on stdout).
    if (!options.anonymous && !req.headers.authorization) return send(res, 401, { error: 'missing Authorization header' });
    const shim = new ResponseShim(res);
    const request: BotRequest = { body: checked.activity, headers: req.headers as BotRequest['headers'], method: req.method ?? 'POST' };
    await adapter.process(request, shim, logic);
    if (!shim.done) shim.status(200).end();
  };
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function hostOf(raw: Buffer): string | undefined {
  try {
    const url = (JSON.parse(raw.toString('utf8')) as { serviceUrl?: unknown }).serviceUrl;
    return typeof url === 'string' ? new URL(url).host.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}
