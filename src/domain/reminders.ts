// Reminders that do not nag (issue 14, item 2): who gets a private reminder before a challenge's debrief,
// and when. Pure: the caller (app/reminder-tick.ts) reads and writes through the store port.
//
// The rule: one hour before the open challenge's reveal, each member who answered a challenge in this
// channel in the last 14 days, has not answered this one and did not turn reminders off gets one private
// reminder. Once per challenge: the challenge records `remindedAt` when its reminders go, whoever they
// went to (the port's markReminded). None when the reminder's day or the challenge's day is paused, none for a challenge revealed
// only by hand (no reveal time), none when the hour before the reveal is before the post itself.
import type { ReminderCandidate } from '../store/port.js';
import type { ChallengeData, ChannelData, WorkspaceData } from '../store/schema.js';
import type { SlotCalendar } from './schedule.js';

/** How long before the reveal the reminder goes (ms): one hour. */
export const REMINDER_LEAD_MS = 60 * 60_000;
/** A member is active in a channel when their last answered challenge day there is at most this many days old. */
export const ACTIVE_DAYS = 14;

/** When the reminders of `challenge` are due, or null when it gets none (revealed, no reveal time, too short). */
export function reminderTime(challenge: Readonly<Pick<ChallengeData, 'postedAt' | 'revealAt' | 'revealedAt' | 'remindedAt'>>): Date | null {
  if (challenge.revealedAt || !challenge.revealAt || challenge.remindedAt) return null;
  const at = Date.parse(challenge.revealAt) - REMINDER_LEAD_MS;
  return at > Date.parse(challenge.postedAt) ? new Date(at) : null;
}

export interface DueReminders {
  challenge: ChallengeData;
  /** Members to remind, in id order. */
  users: string[];
}

/**
 * The channel's open challenge when its reminders are due at `now`: its reminder time has come and its
 * reveal has not (a coach that was down catches up until the reveal). `paused`: the challenge's day or
 * today is paused (nobody is reminded, the challenge is still marked so it is never looked at again).
 * `sinceDay`: members whose last answered day is this day or later are active (ACTIVE_DAYS). Null when
 * nothing is due. `channel` is a stored channel or the port's view (its latest challenge last);
 * `calendar` is the channel's (SlotCalendar, with its paused dates).
 */
export function reminderDue<C extends Readonly<Pick<ChallengeData, 'day' | 'postedAt' | 'revealAt' | 'revealedAt' | 'remindedAt'>>>(channel: { challenges: readonly C[]; pausedDates: readonly string[] }, calendar: SlotCalendar, now: Date): { challenge: C; paused: boolean; sinceDay: string } | null {
  const challenge = channel.challenges.at(-1);
  if (!challenge) return null;
  const at = reminderTime(challenge);
  if (!at || at.getTime() > now.getTime() || Date.parse(challenge.revealAt!) <= now.getTime()) return null;
  const paused = new Set(channel.pausedDates);
  return { challenge, paused: paused.has(challenge.day) || paused.has(calendar.dayOf(now)), sinceDay: calendar.dayOf(new Date(now.getTime() - ACTIVE_DAYS * 86_400_000)) };
}

/** Who of the active members (the port's reminderCandidates) gets a reminder: not answered yet, reminders on; in id order. */
export function whoToRemind(candidates: readonly Pick<ReminderCandidate, 'user' | 'answered' | 'reminders'>[]): string[] {
  return candidates.filter((c) => !c.answered && c.reminders).map((c) => c.user).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The channel's reminders due at `now` (reminderDue), with the members to remind (possibly none: the
 * caller still marks the challenge so it is never looked at again), read from a stored workspace. Null
 * when nothing is due.
 */
export function dueReminders(ws: Readonly<WorkspaceData>, channel: Readonly<ChannelData>, calendar: SlotCalendar, now: Date): DueReminders | null {
  const due = reminderDue(channel, calendar, now);
  if (!due) return null;
  if (due.paused) return { challenge: due.challenge, users: [] };
  const challenge = due.challenge;
  const candidates = Object.entries(channel.totals)
    .filter(([, totals]) => totals.lastDay !== null && totals.lastDay >= due.sinceDay)
    .map(([user]) => ({ user, answered: Object.hasOwn(challenge.answers, user), reminders: Object.hasOwn(ws.members, user) ? ws.members[user]?.reminders !== false : true }));
  return { challenge, users: whoToRemind(candidates) };
}
