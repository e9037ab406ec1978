// Reading Bot Framework activities defensively: who, where, what was said or submitted, and where the
// coach may post later. Everything an activity carries is untrusted until checked here (ids become keys
// of the store, serviceUrls become addresses the bot calls).
import type { Activity, ConversationReference } from 'botbuilder';
import type { Lang } from '../../content/model.js';
import type { Request } from '../../core/request.js';
import { ANSWER_INPUT_ID, CARD_LIMITS } from '../../render/adaptive-cards.js';
import { withCommandSlash } from '../../core/command-words.js';
import { MAX_ACTION_VALUE } from '../../core/message.js';

/** What the store keeps to post in a conversation later (ChannelData.postTarget), and nothing more. */
export interface TeamsReference {
  channelId: string;
  serviceUrl: string;
  conversation: { id: string; conversationType?: string; isGroup?: boolean; tenantId?: string };
  bot: { id: string; name?: string };
}

/** Kept with a posted challenge (ChallengeData.postRef): to update its answer count, thread its debrief. */
export interface TeamsPostRef {
  activityId: string;
  conversationReference: TeamsReference;
}

/** Ids become object keys in the store: never one of Object.prototype's names, never control characters. */
const RESERVED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

export function safeId(value: unknown, max = 400): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim();
  if (!id || id.length > max || /[\u0000-\u001f\u007f-\u009f]/.test(id) || RESERVED.has(id)) return null;
  return id;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, max) : undefined;

const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** A Teams channel conversation id names a thread with `;messageid=…`; the channel is the id without it. */
function channelOf(conversationId: string): string {
  return conversationId.replace(/;messageid=[^;]*$/i, '');
}

/** 127.0.0.0/8, ::1 or localhost, over http(s), without credentials in the URL. */
export function isLoopbackUrl(raw: unknown): boolean {
  if (typeof raw !== 'string') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return false;
  const host = url.hostname.toLowerCase(); // the WHATWG parser normalises 127.1, 0x7f.0.0.1, 2130706433…
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether the bot may call this serviceUrl. Anonymous (Emulator) mode: loopback only, so the endpoint can
 * never be used to make the bot call an arbitrary address. Authenticated: https (Teams' own service
 * URLs), or http on loopback (the Emulator with credentials).
 */
export function isCallableServiceUrl(raw: unknown, anonymous: boolean): boolean {
  if (anonymous) return isLoopbackUrl(raw);
  if (typeof raw !== 'string') return false;
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' && !url.username && !url.password) || isLoopbackUrl(raw);
  } catch {
    return false;
  }
}

/** The tenant: the workspace of everything the activity touches. `emulator` only in anonymous mode. */
function workspaceOf(activity: Partial<Activity>, anonymous: boolean): string | null {
  const channelData = record(activity.channelData);
  const tenant = safeId(activity.conversation?.tenantId, 100) ?? safeId(record(channelData?.tenant)?.id, 100);
  return tenant ?? (anonymous ? 'emulator' : null);
}

export type Scope = 'channel' | 'groupChat' | 'personal';

export function scopeOf(activity: Partial<Activity>): Scope {
  const type = activity.conversation?.conversationType;
  return type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
}

/** The neutral request for an activity (without its text), or null when it cannot be attributed safely. */
export function requestBase(activity: Partial<Activity>, anonymous: boolean): Omit<Request, 'text'> | null {
  const workspace = workspaceOf(activity, anonymous);
  const conversationId = safeId(activity.conversation?.id);
  const channel = conversationId && safeId(channelOf(conversationId));
  const from = activity.from;
  const user = safeId(from?.aadObjectId, 200) ?? safeId(from?.id, 200);
  if (!workspace || !channel || !user) return null;
  const channelData = record(activity.channelData);
  const channelName = text(record(channelData?.channel)?.name, 100) ?? generalChannelName(channelData) ?? text(activity.conversation?.name, 100);
  const userName = text(from?.name, 100);
  const locale = typeof activity.locale === 'string' && /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i.test(activity.locale) ? activity.locale : undefined;
  return {
    workspace, channel, user, platform: 'teams',
    ...(scopeOf(activity) === 'personal' ? { direct: true } : {}),
    ...(userName ? { userName } : {}),
    ...(channelName ? { channelName } : {}),
    ...(locale ? { locale } : {}),
  };
}

/**
 * Teams sends no name for a team's General channel (its id is the team's id): the team's name stands for
 * it, as the channel list shows it under the team.
 */
function generalChannelName(channelData: Record<string, unknown> | undefined): string | undefined {
  const channel = record(channelData?.channel);
  const team = record(channelData?.team);
  return channel && team && typeof channel.id === 'string' && channel.id === team.id ? text(team.name, 100) : undefined;
}

/** The coach's words, typed with or without their slash (`playbook outage` = `/playbook outage`). */
export function commandText(raw: string): string {
  return withCommandSlash(raw.replace(/&nbsp;|\u00a0/g, ' ').trim());
}

/**
 * A card submit: the command in `coach`, plus the text of the input `input` names when it is the
 * "own words" answer. Null when the value is not one of ours.
 */
export function submitText(value: unknown): { text: string; lang?: Lang } | null {
  const data = record(value);
  if (!data || typeof data.coach !== 'string' || !data.coach.startsWith('/') || data.coach.length > MAX_ACTION_VALUE) return null;
  let command = data.coach;
  if (data.input !== undefined) {
    if (data.input !== ANSWER_INPUT_ID) return null;
    const answer = typeof data[ANSWER_INPUT_ID] === 'string' ? (data[ANSWER_INPUT_ID] as string).slice(0, CARD_LIMITS.answer).trim() : '';
    command = `${command.trimEnd()} ${answer}`;
  }
  const lang = data.lang === 'fr' || data.lang === 'en' ? data.lang : undefined;
  return { text: command, ...(lang ? { lang } : {}) };
}

/** The reference to post in the activity's channel (not its thread) later; null when unusable. */
export function channelReference(activity: Partial<Activity>, workspace: string): TeamsReference | null {
  const conversationId = safeId(activity.conversation?.id);
  const botId = safeId(activity.recipient?.id, 200);
  const channelId = safeId(activity.channelId, 50);
  if (!conversationId || !botId || !channelId || typeof activity.serviceUrl !== 'string' || activity.serviceUrl.length > 500) return null;
  const conversationType = text(activity.conversation?.conversationType, 30);
  const botName = text(activity.recipient?.name, 100);
  return {
    channelId,
    serviceUrl: activity.serviceUrl,
    conversation: {
      id: channelOf(conversationId),
      ...(conversationType ? { conversationType } : {}),
      ...(typeof activity.conversation?.isGroup === 'boolean' ? { isGroup: activity.conversation.isGroup } : {}),
      ...(workspace !== 'emulator' ? { tenantId: workspace } : {}),
    },
    bot: { id: botId, ...(botName ? { name: botName } : {}) },
  };
}

/**
 * Who to write to privately, and through which connector: the person's 1:1 chat with the bot, created
 * (or found again: Teams keeps one per person and bot) with the activity's serviceUrl. Null when the
 * activity does not say who sent it or which bot received it.
 */
export interface PersonalTarget {
  /** The workspace (tenant, or `emulator`): with `user.id`, the key of the cached 1:1 conversation. */
  workspace: string;
  channelId: string;
  serviceUrl: string;
  /** The Teams tenant, absent in the Emulator. */
  tenantId?: string;
  bot: { id: string; name?: string };
  /** The Bot Framework id of the person (`29:…` in Teams), the one a conversation's members are named by. */
  user: { id: string; name?: string };
}

export function personalTarget(activity: Partial<Activity>, workspace: string): PersonalTarget | null {
  const userId = safeId(activity.from?.id, 200);
  const botId = safeId(activity.recipient?.id, 200);
  const channelId = safeId(activity.channelId, 50);
  if (!userId || !botId || !channelId || typeof activity.serviceUrl !== 'string' || activity.serviceUrl.length > 500) return null;
  const userName = text(activity.from?.name, 100);
  const botName = text(activity.recipient?.name, 100);
  return {
    workspace,
    channelId,
    serviceUrl: activity.serviceUrl,
    ...(workspace !== 'emulator' ? { tenantId: workspace } : {}),
    bot: { id: botId, ...(botName ? { name: botName } : {}) },
    user: { id: userId, ...(userName ? { name: userName } : {}) },
  };
}

/**
 * A person's stored private target (MemberData.personalTarget) read back, for `workspace` only (a target
 * kept under another workspace is never used); null when absent or malformed.
 */
export function parsePersonalTarget(value: unknown, workspace: string): PersonalTarget | null {
  const t = record(value);
  const bot = record(t?.bot);
  const user = record(t?.user);
  if (!t || !bot || !user || t.workspace !== workspace) return null;
  if (typeof t.channelId !== 'string' || typeof t.serviceUrl !== 'string' || typeof bot.id !== 'string' || typeof user.id !== 'string') return null;
  return {
    workspace,
    channelId: t.channelId,
    serviceUrl: t.serviceUrl,
    ...(typeof t.tenantId === 'string' ? { tenantId: t.tenantId } : {}),
    bot: { id: bot.id, ...(typeof bot.name === 'string' ? { name: bot.name } : {}) },
    user: { id: user.id, ...(typeof user.name === 'string' ? { name: user.name } : {}) },
  };
}

/** A stored reference read back (the store is a file: check its shape before calling anything). */
export function parseReference(value: unknown): TeamsReference | null {
  const ref = record(value);
  const conversation = record(ref?.conversation);
  const bot = record(ref?.bot);
  if (!ref || !conversation || !bot) return null;
  if (typeof ref.channelId !== 'string' || typeof ref.serviceUrl !== 'string' || typeof conversation.id !== 'string' || typeof bot.id !== 'string') return null;
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: conversation.id,
      ...(typeof conversation.conversationType === 'string' ? { conversationType: conversation.conversationType } : {}),
      ...(typeof conversation.isGroup === 'boolean' ? { isGroup: conversation.isGroup } : {}),
      ...(typeof conversation.tenantId === 'string' ? { tenantId: conversation.tenantId } : {}),
    },
    bot: { id: bot.id, ...(typeof bot.name === 'string' ? { name: bot.name } : {}) },
  };
}

export function parsePostRef(value: unknown): TeamsPostRef | null {
  const ref = record(value);
  const conversationReference = parseReference(ref?.conversationReference);
  return ref && typeof ref.activityId === 'string' && ref.activityId && conversationReference ? { activityId: ref.activityId, conversationReference } : null;
}

/** The same reference, aimed at the thread of a posted activity (Teams channels) or as a reply to it. */
export function threadOf(ref: TeamsReference, activityId: string): { reference: TeamsReference; replyToId?: string } {
  if (ref.conversation.conversationType === 'channel') {
    return { reference: { ...ref, conversation: { ...ref.conversation, id: `${channelOf(ref.conversation.id)};messageid=${activityId}` } } };
  }
  return { reference: ref, replyToId: activityId };
}

export const asConversationReference = (ref: TeamsReference): Partial<ConversationReference> => ref as Partial<ConversationReference>;
