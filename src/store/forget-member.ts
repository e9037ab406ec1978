// A member's right to be forgotten (Quebec's Law 25; issue 16, item 5): what the data file keeps about a
// member, and how it is removed. The store applies scrubMember to its document and rewrites the score log
// with pseudonymiseEntry (JsonStore.forgetMember): the only time a recorded line of the log changes.
//
// What goes: the member's entry (name, language, opt-out, private address), their answers in every
// channel's challenges, their running totals as a person (streak, last day), their name in incidents.
// What stays, under a pseudonym (`forgotten-<8 hex>`): the points they earned, in each channel's totals
// and in the score log, so team totals and the score history still add up. The pseudonym is hidden from
// public leaderboards (an opted-out member with no name) and is linked to nobody: nothing records it.
import { randomBytes } from 'node:crypto';
import type { LogEntry, WorkspaceData } from './schema.js';
import { itemsOf, scrubQueue } from './review-queue-data.js';

/** What forgetting a member removed (or, from describeMember, would remove). Counts are of items. */
export interface ForgetReport {
  workspace: string;
  member: string;
  /** The id their score history is now kept under. */
  pseudonym: string;
  /** Their display name as it was kept, if any (said once, to the person running the command). */
  name?: string;
  /** Whether a member entry (name, language, preferences, private address) was removed. */
  memberEntry: boolean;
  /** Answers removed from challenges. */
  answers: number;
  /** Channels whose running totals for them were moved to the pseudonym. */
  totals: number;
  /** Points those totals held (kept under the pseudonym). */
  points: number;
  /** Incidents that named them (opened, owned, acted, drilled), now naming the pseudonym. */
  incidents: number;
  /** Wall pages they made, now credited to the pseudonym. */
  walls: number;
  /** Score log lines rewritten (their id, or their name in a reason, replaced by the pseudonym). */
  logEntries: number;
}

/** A new pseudonym: `forgotten-` and 8 random hex digits. */
export function newPseudonym(): string {
  return `forgotten-${randomBytes(4).toString('hex')}`;
}

/** Whether the workspace keeps anything about `member` (the score log aside). */
export function knowsMember(ws: Readonly<WorkspaceData> | undefined, member: string): boolean {
  if (!ws) return false;
  if (Object.hasOwn(ws.members, member)) return true;
  if (itemsOf(ws).some((i) => i.user === member)) return true;
  return Object.values(ws.channels).some((ch) =>
    Object.hasOwn(ch.totals, member) ||
    ch.challenges.some((c) => Object.hasOwn(c.answers, member)) ||
    ch.wall?.createdBy === member ||
    (ch.incidents ?? []).some((i) => incidentNames(i, member)));
}

/**
 * Removes `member` from `ws` (mutating it), keeping their points under `pseudonym`. Returns the report,
 * with logEntries 0 (the log is the store's part). Idempotent: a second call finds nothing.
 */
export function scrubMember(ws: WorkspaceData, workspace: string, member: string, pseudonym: string): ForgetReport {
  const entry = Object.hasOwn(ws.members, member) ? ws.members[member] : undefined;
  const name = typeof entry?.name === 'string' && entry.name.trim() ? entry.name.trim() : undefined;
  const report: ForgetReport = { workspace, member, pseudonym, ...(name ? { name } : {}), memberEntry: Boolean(entry), answers: 0, totals: 0, points: 0, incidents: 0, walls: 0, logEntries: 0 };
  if (entry) delete ws.members[member];
  const swap = textSwapper(member, name, pseudonym);
  for (const channel of Object.values(ws.channels)) {
    for (const challenge of channel.challenges) {
      if (Object.hasOwn(challenge.answers, member)) {
        delete challenge.answers[member];
        report.answers += 1;
      }
    }
    const totals = Object.hasOwn(channel.totals, member) ? channel.totals[member] : undefined;
    if (totals) {
      delete channel.totals[member];
      // Their points stay with the team; what described the person (streak, last day played) goes.
      channel.totals[pseudonym] = { ...totals, streak: 0, bestStreak: 0, lastDay: null };
      report.totals += 1;
      report.points += typeof totals.points === 'number' ? totals.points : 0;
    }
    if (channel.wall?.createdBy === member) {
      channel.wall.createdBy = pseudonym;
      report.walls += 1;
    }
    for (const incident of channel.incidents ?? []) {
      if (!incidentNames(incident, member) && !(name && JSON.stringify(incident).includes(name))) continue;
      delete incident.names[member];
      if (incident.openedBy === member) incident.openedBy = pseudonym;
      if (incident.owner === member) incident.owner = pseudonym;
      if (incident.drill?.trainee === member) incident.drill.trainee = pseudonym;
      for (const event of incident.timeline) {
        if (event.by === member) event.by = pseudonym;
        if (typeof event.text === 'string') event.text = swap(event.text);
      }
      for (const key of ['title', 'summary', 'impact', 'cause', 'prevention', 'draft'] as const) {
        const value = incident[key];
        if (typeof value === 'string') incident[key] = swap(value);
      }
      report.incidents += 1;
    }
  }
  // Their review-queue items (issue 14) and any words held for a contest go; a reviewer's id is replaced.
  scrubQueue(ws, member, pseudonym);
  if (report.totals > 0) ws.members[pseudonym] = { optOut: true };
  return report;
}

/** The same line with `member` replaced by `pseudonym` (user, by, and their id or name in the reason), or null when it does not name them. */
export function pseudonymiseEntry(entry: LogEntry, member: string, name: string | undefined, pseudonym: string): LogEntry | null {
  const swap = textSwapper(member, name, pseudonym);
  const reason = typeof entry.reason === 'string' ? swap(entry.reason) : entry.reason;
  if (entry.user !== member && entry.by !== member && reason === entry.reason) return null;
  return { ...entry, ...(entry.user === member ? { user: pseudonym } : {}), ...(entry.by === member ? { by: pseudonym } : {}), reason };
}

function incidentNames(incident: { openedBy: string; owner: string; names: Record<string, string>; timeline: { by: string; kind: string; text?: string }[]; drill?: { trainee: string } }, member: string): boolean {
  return incident.openedBy === member || incident.owner === member || Object.hasOwn(incident.names ?? {}, member) ||
    incident.drill?.trainee === member || incident.timeline.some((e) => e.by === member || (e.kind === 'owner' && e.text === member));
}

/** Replaces the member's id (as a word, or `@id`) and their display name (3 characters or more) in free text. */
function textSwapper(member: string, name: string | undefined, pseudonym: string): (text: string) => string {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = [member, ...(name && name.length >= 3 ? [name] : [])].map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])@?(?:${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return (text) => text.replace(pattern, pseudonym);
}
