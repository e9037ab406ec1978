// A fake Bot Framework connector (what Teams or the Emulator serve at an activity's serviceUrl) on
// 127.0.0.1, recording every call: sends to a conversation, replies to an activity, updates, member
// look-ups, and the creation of 1:1 conversations (POST /v3/conversations), which it can refuse as
// Teams does when the app is not installed for the person.
import type { IncomingMessage } from 'node:http';
import { LoopbackJsonServer } from '../support/loopback-server.js';

export interface ConnectorCall {
  method: string;
  path: string;
  /** Decoded conversation id of /v3/conversations/{id}/… */
  conversation: string;
  /** `send` (new activity), `reply` (to replyTo), `update` (activity), `member`, `create` (a conversation), or `other`. */
  kind: 'send' | 'reply' | 'update' | 'member' | 'create' | 'other';
  replyTo?: string;
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
}

export class FakeConnector extends LoopbackJsonServer {
  readonly calls: ConnectorCall[] = [];
  /** Members returned by GET …/members/{id}. */
  readonly members = new Map<string, Record<string, unknown>>();
  /** The 1:1 conversations created (`a:1on1-<user>`), with the parameters they were created with. */
  readonly created = new Map<string, Record<string, unknown>>();
  /** Users with whom creating a conversation is refused (403, as when the app is not installed for them). */
  readonly refuseCreate = new Set<string>();
  /** Replies (posts in a thread) to refuse, in order, with these HTTP statuses (403: the bot was removed from the team). */
  readonly refuseReplies: number[] = [];
  private nextId = 1;

  /** The 1:1 conversation id the fake gives a user. */
  static personalId(user: string): string {
    return `a:1on1-${user}`;
  }

  /** Forgets a created 1:1 conversation (the person removed the app): posting to it then fails (404). */
  forget(conversation: string): void {
    this.created.delete(conversation);
  }

  of(kind: ConnectorCall['kind']): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }

  async waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs = 8000): Promise<ConnectorCall> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const found = this.calls.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching connector call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.kind} ${c.conversation}`).join(', ')}`);
  }

  protected async respond(req: IncomingMessage): Promise<[number, unknown]> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
    let body: Record<string, unknown> = {};
    try { body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}; } catch { body = { raw }; }
    const path = (req.url ?? '').split('?')[0]!;
    const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
    const method = req.method ?? 'GET';
    const call: ConnectorCall = { method, path, conversation: parts[2] ?? '', kind: 'other', body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    if (parts[0] === 'v3' && parts[1] === 'conversations') {
      if (parts.length === 2 && method === 'POST') call.kind = 'create';
      else if (parts[3] === 'activities' && method === 'POST' && parts.length === 4) call.kind = 'send';
      else if (parts[3] === 'activities' && method === 'POST' && parts[4]) Object.assign(call, { kind: 'reply', replyTo: parts[4] });
      else if (parts[3] === 'activities' && method === 'PUT' && parts[4]) Object.assign(call, { kind: 'update', activityId: parts[4] });
      else if (parts[3] === 'members' && method === 'GET' && parts[4]) Object.assign(call, { kind: 'member', activityId: parts[4] });
    }
    this.calls.push(call);
    if (call.kind === 'reply' && this.refuseReplies.length > 0) {
      return [this.refuseReplies.shift()!, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }];
    }
    if (call.kind === 'create') {
      const members = Array.isArray(body.members) ? (body.members as { id?: unknown }[]) : [];
      const user = members.length === 1 && typeof members[0]?.id === 'string' ? members[0].id : null;
      if (!user || body.isGroup !== false) return [400, { error: { code: 'BadArgument', message: 'one member, isGroup false' } }];
      if (this.refuseCreate.has(user)) return [403, { error: { code: 'Forbidden', message: 'The bot is not installed in the user’s personal scope' } }];
      const id = FakeConnector.personalId(user);
      this.created.set(id, body);
      return [201, { id }];
    }
    // A 1:1 conversation exists only once created (and until forgotten).
    if (call.conversation.startsWith('a:1on1-') && !this.created.has(call.conversation)) {
      return [404, { error: { code: 'ConversationNotFound', message: 'no such conversation' } }];
    }
    if (call.kind === 'member') {
      const member = this.members.get(parts[4]!);
      return member ? [200, member] : [404, { error: { code: 'MemberNotFound', message: 'no such member' } }];
    }
    if (call.kind === 'update') return [200, { id: call.activityId }];
    return [200, { id: `act-${this.nextId++}` }];
  }
}

/** All the text of the Adaptive Cards an activity carries, without the zero-width spaces. */
export function activityText(body: Record<string, unknown>): string {
  const out: string[] = [];
  JSON.stringify(body.attachments ?? body.text ?? '', (key, value) => {
    if ((key === 'text' || key === 'title' || key === 'placeholder' || key === 'label') && typeof value === 'string') out.push(value.replaceAll('\u200b', ''));
    return value;
  });
  return out.join('\n');
}

/** The Adaptive Card of an activity. */
export function cardOf(body: Record<string, unknown>): { body: Record<string, unknown>[]; actions?: Record<string, unknown>[]; version: string } {
  const attachments = body.attachments as { contentType: string; content: never }[];
  return attachments[0]!.content;
}
