// A fake Slack Web API (and response_url endpoint) on 127.0.0.1, recording every call. It can answer
// 429 with Retry-After to exercise rate-limit handling.
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoopbackJsonServer } from '../support/loopback-server.js';

export interface Call {
  method: string;
  body: Record<string, unknown>;
  at: number;
  path: string;
  /** The token the call was made with (its `Authorization: Bearer` header, else its `token` field). */
  token?: string;
}

/** A file uploaded through files.uploadV2's steps: what getUploadURLExternal was told, the bytes, the completion. */
export interface Upload { id: string; filename: string; length: number; altText?: string; bytes?: Buffer; completed?: Record<string, unknown> }

export class FakeSlack extends LoopbackJsonServer {
  readonly calls: Call[] = [];
  private nextTs = 1000;
  /** Methods that answer 429 (Retry-After: 1) this many more times. */
  readonly rateLimit = new Map<string, number>();
  /**
   * When set, chat.postMessage accepts one message per channel in this many ms (Slack: one a second);
   * a closer one answers 429 with Retry-After: 1, recorded as `chat.postMessage:429`.
   */
  channelGapMs: number | undefined;
  private readonly lastPost = new Map<string, number>();
  /** What users.info tells about a user beyond their id and locale (profile, is_bot…). */
  readonly users = new Map<string, Record<string, unknown>>();
  /** What conversations.info tells about a channel; unknown channels answer channel_not_found. */
  readonly channels = new Map<string, Record<string, unknown>>();
  /** Methods that answer { ok: false, error } (e.g. conversations.open → cannot_dm_bot). */
  readonly errors = new Map<string, string>();
  /**
   * Failures to answer instead, per method (`response_url` for response URLs), in order: a Slack error
   * code (`not_in_channel`: 200 with ok false, as Slack refuses) or an HTTP status (500). Recorded as
   * `method:failure`.
   */
  readonly failures = new Map<string, (string | number)[]>();
  /** Methods whose answer waits until this promise settles (the call is recorded at once). */
  readonly holds = new Map<string, Promise<unknown>>();
  /** Files uploaded with files.uploadV2, by file id (files.getUploadURLExternal → POST /upload/ID → files.completeUploadExternal). */
  readonly uploads = new Map<string, Upload>();
  private nextFile = 1;
  /** Answers of our own per method (oauth.v2.access, auth.test per token…), before the built-in ones. */
  readonly handlers = new Map<string, (body: Record<string, unknown>, token: string | undefined) => unknown>();
  of(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The reply posted to the response_url of request `id`. */
  response(id: number): Promise<Call> {
    return this.waitFor('response_url', (c) => c.path === `/respond/${id}`);
  }

  /** Waits (bounded) until a call matching the predicate arrived. */
  async waitFor(method: string, predicate: (c: Call) => boolean = () => true, timeoutMs = 8000): Promise<Call> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const found = this.calls.find((c) => c.method === method && predicate(c));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${method} call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`);
  }

  protected async respond(req: IncomingMessage): Promise<[number, unknown, Record<string, string>?]> {
    const bytes = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '').split('?')[0]!;
    // The upload step of files.uploadV2: the file's bytes, POSTed to the URL files.getUploadURLExternal gave.
    if (path.startsWith('/upload/')) {
      const upload = this.uploads.get(path.slice('/upload/'.length));
      this.calls.push({ method: 'upload', body: { length: bytes.length }, at: Date.now(), path });
      if (!upload) return [404, { ok: false, error: 'unknown upload url' }];
      upload.bytes = fileBytes(bytes, String(req.headers['content-type'] ?? ''));
      return [200, 'OK - ' + upload.bytes.length];
    }
    const body = parse(raw, String(req.headers['content-type'] ?? ''));
    const method = path.startsWith('/api/') ? path.slice(5) : path.startsWith('/respond/') ? 'response_url' : path;
    const limited = this.rateLimit.get(method) ?? 0;
    if (limited > 0) {
      this.rateLimit.set(method, limited - 1);
      this.calls.push({ method: `${method}:429`, body, at: Date.now(), path });
      return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }];
    }
    if (method === 'chat.postMessage' && this.channelGapMs !== undefined) {
      const channel = String(body.channel);
      const now = performance.now();
      if (now - (this.lastPost.get(channel) ?? -Infinity) < this.channelGapMs) {
        this.calls.push({ method: `${method}:429`, body, at: Date.now(), path });
        return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }];
      }
      this.lastPost.set(channel, now);
    }
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      this.calls.push({ method: `${method}:${failure}`, body, at: Date.now(), path });
      return typeof failure === 'number' ? [failure, { ok: false, error: 'fake_http_error' }] : [200, { ok: false, error: failure }];
    }
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
    this.calls.push({ method, body, at: Date.now(), path, ...(token ? { token } : {}) });
    await this.holds.get(method)?.catch(() => undefined);
    const error = this.errors.get(method);
    if (error) return [200, { ok: false, error }];
    const handler = this.handlers.get(method);
    if (handler) return [200, handler(body, token)];
    switch (method) {
      case 'auth.test': return [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'coach' }];
      case 'users.info': return [200, { ok: true, user: { id: body.user, locale: String(body.user).startsWith('UEN') ? 'en-US' : 'fr-CA', ...this.users.get(String(body.user)) } }];
      case 'conversations.info': {
        const channel = this.channels.get(String(body.channel));
        return [200, channel ? { ok: true, channel: { id: body.channel, ...channel } } : { ok: false, error: 'channel_not_found' }];
      }
      case 'chat.postMessage': return [200, { ok: true, channel: body.channel, ts: `${this.nextTs++}.000100` }];
      case 'conversations.open': return [200, { ok: true, channel: { id: `D-${String(body.users ?? '').split(',')[0]}` } }];
      case 'response_url': return [200, { ok: true }];
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0) return [200, { ok: false, error: 'invalid_arguments' }];
        const id = `F${this.nextFile++}`;
        this.uploads.set(id, { id, filename: String(body.filename), length, ...(body.alt_text !== undefined ? { altText: String(body.alt_text) } : {}) });
        return [200, { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id }];
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(body.files) ? body.files : []) as { id?: string }[];
        const known = files.map((f) => this.uploads.get(String(f.id)));
        // Slack refuses to complete a file whose bytes never arrived, or arrived short.
        if (!known.length || known.some((u) => !u?.bytes || u.bytes.length !== u.length)) return [200, { ok: false, error: 'file_not_found' }];
        for (const u of known) u!.completed = body;
        return [200, { ok: true, files: files.map((f) => ({ id: f.id })) }];
      }
      default: return [200, { ok: true }];
    }
  }
}

/** The file in an upload's body: the raw bytes, or the first part of a multipart/form-data body. */
function fileBytes(body: Buffer, type: string): Buffer {
  const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(type)?.[2];
  if (!boundary) return body;
  const start = body.indexOf('\r\n\r\n', body.indexOf(`--${boundary}`));
  const end = body.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? Buffer.alloc(0) : body.subarray(start + 4, end);
}

function parse(raw: string, type: string): Record<string, unknown> {
  try {
    if (type.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(raw));
    for (const [k, v] of Object.entries(form)) if (/^[[{]/.test(v)) try { form[k] = JSON.parse(v); } catch { /* keep text */ }
    return form;
  } catch {
    return { raw };
  }
}

export const SIGNING_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export function signedHeaders(body: string, contentType: string, tsSeconds = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${tsSeconds}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(tsSeconds), 'x-slack-signature': signature };
}

export async function postSigned(url: string, body: string, contentType: string, ts?: number, secret?: string) {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: signedHeaders(body, contentType, ts, secret), body });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

export function slashBody(fake: FakeSlack, fields: { command: string; text: string; user?: string; team?: string; channel?: string; channelName?: string; id?: number }) {
  return new URLSearchParams({
    token: 'legacy', team_id: fields.team ?? 'T1', team_domain: 'acme', channel_id: fields.channel ?? 'C1', channel_name: fields.channelName ?? 'support',
    user_id: fields.user ?? 'U1', user_name: (fields.user ?? 'U1').toLowerCase(), command: fields.command, text: fields.text,
    api_app_id: 'A1', response_url: `${fake.url}/respond/${fields.id ?? 1}`, trigger_id: 'trig.1',
  }).toString();
}
