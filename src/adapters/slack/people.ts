// Who people and channels are, as Slack tells it: one users.info call per person gives their locale,
// display name and whether they are a bot; conversations.info gives a channel's name when the request did
// not carry it. Both cached, so a busy channel costs one call per person every few hours.
import type { WebClient } from '@slack/web-api';
import type { NameLookup } from '../../core/request.js';
import { cleanName } from '../../text/display-name.js';

export interface SlackPerson {
  locale?: string;
  /** Display name, else real name, else the handle, cleaned (cleanName). */
  name?: string;
  bot: boolean;
}

/** Slackbot's fixed user id: a bot, though users.info does not always say so. */
export const SLACKBOT = 'USLACKBOT';

const TTL_MS = 6 * 3_600_000;
/** A failed look-up is retried after this long (Slack briefly unreachable, rate-limited…). */
const FAILED_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 50_000;

interface Entry<T> { value: T; until: number }
const people = new Map<string, Entry<SlackPerson | undefined>>();
const channels = new Map<string, Entry<string | undefined>>();

function cached<T>(cache: Map<string, Entry<T>>, key: string, now: number): Entry<T> | undefined {
  const hit = cache.get(key);
  return hit && hit.until > now ? hit : undefined;
}

function keep<T>(cache: Map<string, Entry<T>>, key: string, value: T, ok: boolean): T {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { value, until: Date.now() + (ok ? TTL_MS : FAILED_TTL_MS) });
  return value;
}

interface UsersInfoUser {
  name?: string;
  real_name?: string;
  is_bot?: boolean;
  is_app_user?: boolean;
  locale?: string;
  profile?: { display_name?: string; real_name?: string };
}

/** The person as Slack describes them (users.info with their locale); undefined when Slack cannot tell. */
export async function slackPerson(client: WebClient, team: string, user: string): Promise<SlackPerson | undefined> {
  return slackPersonNow(client, team, user);
}

/**
 * Like `slackPerson`, but a fresh cached answer comes back as is, without a promise: the slash-command
 * path asks for the same few people thousands of times, and each promise there is CPU taken from the
 * next acknowledgement.
 */
export function slackPersonNow(client: WebClient, team: string, user: string): SlackPerson | undefined | Promise<SlackPerson | undefined> {
  const key = `${team}:${user}`;
  const hit = cached(people, key, Date.now());
  return hit ? hit.value : lookUpPerson(client, key, user);
}

async function lookUpPerson(client: WebClient, key: string, user: string): Promise<SlackPerson | undefined> {
  try {
    const info = await client.users.info({ user, include_locale: true });
    const u = info.user as UsersInfoUser | undefined;
    if (!u) return keep(people, key, undefined, false);
    const name = cleanName(u.profile?.display_name) ?? cleanName(u.profile?.real_name) ?? cleanName(u.real_name) ?? cleanName(u.name);
    return keep(people, key, {
      ...(u.locale ? { locale: u.locale } : {}),
      ...(name ? { name } : {}),
      bot: Boolean(u.is_bot) || user === SLACKBOT,
    }, true);
  } catch {
    return keep(people, key, user === SLACKBOT ? { bot: true } : undefined, false);
  }
}

/** Slack's own names for DMs and private channels in slash-command payloads: not names at all. */
const PLACEHOLDER_CHANNEL_NAMES = new Set(['directmessage', 'privategroup']);

/** Whether a conversation id or its payload name is a direct message (no team lives there). */
export function isDirect(channel: string, givenName?: string): boolean {
  return channel.startsWith('D') || givenName === 'directmessage';
}

/**
 * The channel's name: the one the request carried when it is a real name, else conversations.info
 * (cached). Undefined for direct messages and when Slack cannot tell.
 */
export async function slackChannelName(client: WebClient, team: string, channel: string, given?: string): Promise<string | undefined> {
  return slackChannelNameNow(client, team, channel, given);
}

/** Like `slackChannelName`, but a name known at once (given, or cached) comes back without a promise. */
export function slackChannelNameNow(client: WebClient, team: string, channel: string, given?: string): string | undefined | Promise<string | undefined> {
  if (isDirect(channel, given)) return undefined;
  const name = given && !PLACEHOLDER_CHANNEL_NAMES.has(given) ? cleanGiven(given) : undefined;
  if (name) return name;
  const key = `${team}:${channel}`;
  const hit = cached(channels, key, Date.now());
  return hit ? hit.value : lookUpChannel(client, key, channel);
}

/** Payload channel names, cleaned once each (a busy channel sends the same name with every command). */
const givenNames = new Map<string, string | undefined>();
function cleanGiven(given: string): string | undefined {
  if (givenNames.has(given)) return givenNames.get(given);
  if (givenNames.size >= MAX_ENTRIES) givenNames.clear();
  const name = cleanName(given);
  givenNames.set(given, name);
  return name;
}

async function lookUpChannel(client: WebClient, key: string, channel: string): Promise<string | undefined> {
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel as { name?: string; is_im?: boolean } | undefined;
    return keep(channels, key, c?.is_im ? undefined : cleanName(c?.name), true);
  } catch {
    return keep(channels, key, undefined, false);
  }
}

/** The names Slack can tell on demand, for the core's boards (see NameLookup). */
export function slackNames(client: WebClient, team: string): NameLookup {
  let byTeam = lookups.get(client);
  if (!byTeam) lookups.set(client, (byTeam = new Map()));
  let names = byTeam.get(team);
  if (!names) {
    names = {
      user: async (id) => (await slackPerson(client, team, id))?.name,
      channel: (id) => slackChannelName(client, team, id),
    };
    byTeam.set(team, names);
  }
  return names;
}
/** One NameLookup per client and workspace, not one per request. */
const lookups = new WeakMap<WebClient, Map<string, NameLookup>>();

/**
 * Mentions as the core wants them: each with its display name (looked up when Slack sent `<@U…>` without
 * one) and `bot: true` for bots (the coach itself, Slackbot, any user Slack marks as a bot).
 */
export async function resolveMentions(
  client: WebClient, team: string, mentions: { id: string; name?: string }[], coachUserId?: string,
): Promise<{ id: string; name?: string; bot?: boolean }[]> {
  if (mentions.length === 0) return [];
  return Promise.all(mentions.slice(0, 20).map(async (m) => {
    const person = await slackPerson(client, team, m.id);
    const name = person?.name ?? cleanName(m.name);
    const bot = Boolean(person?.bot) || m.id === SLACKBOT || (coachUserId !== undefined && m.id === coachUserId);
    return { id: m.id, ...(name ? { name } : {}), ...(bot ? { bot: true } : {}) };
  }));
}

/** For tests: forget what was looked up. */
export function clearSlackPeople(): void {
  people.clear();
  channels.clear();
  givenNames.clear();
}
