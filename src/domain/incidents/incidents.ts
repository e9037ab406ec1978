// Incidents in a team channel (issue 11): open, communicate, remind, escalate, hand over, resolve. Pure
// functions on one workspace's data, called inside the store's update (so each change is atomic and
// recorded like an answer); no Slack, no Teams, no storage engine. Times are ISO strings in the data and
// Dates at the edges.
import type { Lang } from '../../content/model.js';
import type { ChannelData, DrillData, IncidentData, IncidentEvent, IncidentEventKind, WorkspaceData } from '../../store/schema.js';
import { emptyChannel } from '../channel-defaults.js';
import type { TipId } from './text-checks.js';

/** Minutes between status updates unless the owner says otherwise (`/incident every MINUTES`). */
export const DEFAULT_CADENCE_MIN = 30;
export const MIN_CADENCE_MIN = 5;
export const MAX_CADENCE_MIN = 240;
/** Before the first notice the owner is nudged after this many minutes (the playbook: a first notice quickly). */
export const FIRST_NOTICE_NUDGE_MIN = 10;
/** "Overdue by twice the cadence": the admins are told when the update due is this many cadences late. */
export const ESCALATE_AFTER_CADENCES = 2;
export const DEFAULT_SNOOZE_MIN = 15;
export const MAX_SNOOZE_MIN = 240;
export const MAX_TITLE_CHARS = 150;
/** Longest status update, note or report answer kept (Slack's own limit for one text is 3,000). */
export const MAX_TEXT_CHARS = 3000;
/** A timeline longer than this is a runaway script, not an incident: further notes are refused. */
export const MAX_TIMELINE_EVENTS = 500;

/** The id the coach writes for what it did on its own in a timeline. */
export const COACH = 'coach';

const MINUTE = 60_000;
const iso = (at: Date) => at.toISOString();
const plus = (at: Date | string, minutes: number) => new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + minutes * MINUTE);

/** A channel's incidents, oldest first (none when the field is absent: data from before issue 11). */
export function incidentsOf(ws: Readonly<WorkspaceData>, channel: string): readonly IncidentData[] {
  const list = ws.channels[channel]?.incidents;
  return Array.isArray(list) ? list : [];
}

/** Every incident of the workspace with its channel, oldest first within each channel. */
export function allIncidents(ws: Readonly<WorkspaceData>): { channel: string; incident: IncidentData }[] {
  return Object.entries(ws.channels).flatMap(([channel, data]) => (Array.isArray(data.incidents) ? data.incidents : []).map((incident) => ({ channel, incident })));
}

/** An incident by its id, in whichever channel of the workspace it lives. */
export function incidentById(ws: Readonly<WorkspaceData>, id: string): { channel: string; incident: IncidentData } | null {
  return allIncidents(ws).find((x) => x.incident.id === id) ?? null;
}

/** The next id of the workspace: one more than the highest so far. */
export function nextIncidentId(ws: Readonly<WorkspaceData>): string {
  return String(allIncidents(ws).reduce((max, x) => Math.max(max, Number(x.incident.id) || 0), 0) + 1);
}

export const isOpen = (incident: Readonly<IncidentData>) => incident.resolvedAt === null;

/** Status communications to users: the first notice, the updates, and the "service restored" notice. */
export const COMMUNICATIONS: ReadonlySet<IncidentEventKind> = new Set(['notice', 'update', 'resolved']);

/** When users last heard from the team (the last communication), or the start when they never did. */
export function lastNewsAt(incident: Readonly<IncidentData>): string {
  return incident.timeline.filter((e) => COMMUNICATIONS.has(e.kind)).at(-1)?.at ?? incident.startedAt;
}

export const hasFirstNotice = (incident: Readonly<IncidentData>) => incident.timeline.some((e) => e.kind === 'notice');

export interface OpenFacts {
  title: string;
  lang: Lang;
  platform?: string;
  by: string;
  byName?: string;
  now: Date;
  /** Builds the first notice's draft once the id and times are known. */
  draft: (incident: Readonly<IncidentData>) => string;
  drill?: DrillData;
  cadenceMin?: number;
}

/** Opens an incident in a channel (creating the channel's data if needed) and returns it. */
export function openIncident(ws: WorkspaceData, channel: string, facts: OpenFacts): IncidentData {
  const incident = newIncident(nextIncidentId(ws), facts);
  const data: ChannelData = (ws.channels[channel] ??= emptyChannel());
  (data.incidents ??= []).push(incident);
  return incident;
}

/** A new incident with the id `id` (the store port gives it: WorkspacePort.createIncident), not stored yet. */
export function newIncident(id: string, facts: OpenFacts): IncidentData {
  const cadence = facts.cadenceMin ?? DEFAULT_CADENCE_MIN;
  const due = plus(facts.now, cadence);
  const incident: IncidentData = {
    id,
    title: facts.title.slice(0, MAX_TITLE_CHARS),
    lang: facts.lang,
    ...(facts.platform ? { platform: facts.platform } : {}),
    openedBy: facts.by,
    owner: facts.by,
    names: facts.byName ? { [facts.by]: facts.byName } : {},
    startedAt: iso(facts.now),
    resolvedAt: null,
    cadenceMin: cadence,
    updateDueAt: iso(due),
    remindAt: iso(plus(facts.now, Math.min(FIRST_NOTICE_NUDGE_MIN, cadence))),
    escalateAt: iso(plus(due, ESCALATE_AFTER_CADENCES * cadence)),
    draft: '',
    timeline: [{ at: iso(facts.now), kind: 'opened', by: facts.by, text: facts.title.slice(0, MAX_TITLE_CHARS) }],
    ...(facts.drill ? { drill: facts.drill } : {}),
  };
  incident.draft = facts.draft(incident);
  return incident;
}

/** Remembers a person's display name in the incident (for the report's people involved). */
export function noteName(incident: IncidentData, user: string, name: string | undefined): void {
  if (name && user !== COACH) incident.names[user] = name.slice(0, 100);
}

export interface Communication {
  by: string;
  text: string;
  now: Date;
  /** The next update time the text announces, if any: it becomes the due time. */
  announced: Date | null;
  tips: TipId[];
}

/**
 * Records a status communication (the first notice, or an update) and restarts the timers: the next
 * update is due at the time it announced, else one cadence from now; reminders and escalation follow.
 */
export function recordCommunication(incident: IncidentData, c: Communication): IncidentEvent {
  const event: IncidentEvent = {
    at: iso(c.now),
    kind: hasFirstNotice(incident) ? 'update' : 'notice',
    by: c.by,
    text: c.text.slice(0, MAX_TEXT_CHARS),
    dueAt: incident.updateDueAt,
    ...(c.tips.length ? { tips: c.tips } : {}),
  };
  incident.timeline.push(event);
  const due = c.announced && c.announced.getTime() > c.now.getTime() ? c.announced : plus(c.now, incident.cadenceMin);
  incident.updateDueAt = iso(due);
  incident.remindAt = iso(due);
  incident.escalateAt = iso(plus(due, ESCALATE_AFTER_CADENCES * incident.cadenceMin));
  return event;
}

/** A communication was on time when sent no later than it was due. */
export const onTime = (event: Readonly<IncidentEvent>) => !event.dueAt || Date.parse(event.at) <= Date.parse(event.dueAt);

export type TimelineRefusal = 'full';

/** Adds a note (or a report answer) to the timeline; 'full' when the timeline is at its limit. */
export function addEvent(incident: IncidentData, kind: IncidentEventKind, by: string, now: Date, text?: string): IncidentEvent | TimelineRefusal {
  if (incident.timeline.length >= MAX_TIMELINE_EVENTS && kind === 'note') return 'full';
  const event: IncidentEvent = { at: iso(now), kind, by, ...(text !== undefined ? { text: text.slice(0, MAX_TEXT_CHARS) } : {}) };
  incident.timeline.push(event);
  if (kind === 'impact' || kind === 'cause' || kind === 'prevention') incident[kind] = event.text;
  return event;
}

/** Hands the incident over; its reminders go to the new owner from now on. */
export function changeOwner(incident: IncidentData, owner: string, by: string, now: Date): void {
  incident.owner = owner;
  addEvent(incident, 'owner', by, now, owner);
}

/** A new cadence, for the updates to come: escalation is recomputed with it, the update already due stays due. */
export function changeCadence(incident: IncidentData, minutes: number, by: string, now: Date): void {
  incident.cadenceMin = minutes;
  if (incident.escalateAt !== null) incident.escalateAt = iso(plus(incident.updateDueAt, ESCALATE_AFTER_CADENCES * minutes));
  addEvent(incident, 'cadence', by, now, String(minutes));
}

/** Puts the next reminder off by `minutes` (escalation is not put off: it protects against endless snoozing). */
export function snooze(incident: IncidentData, minutes: number, by: string, now: Date): Date {
  const until = plus(now, minutes);
  incident.remindAt = iso(until);
  addEvent(incident, 'snooze', by, now, String(minutes));
  return until;
}

export interface Due {
  reminder: boolean;
  escalation: boolean;
}

/** What the scheduler owes an open incident now. */
export function dueNow(incident: Readonly<IncidentData>, now: Date): Due {
  if (!isOpen(incident)) return { reminder: false, escalation: false };
  const t = now.getTime();
  return {
    reminder: incident.remindAt !== null && Date.parse(incident.remindAt) <= t,
    escalation: incident.escalateAt !== null && Date.parse(incident.escalateAt) <= t,
  };
}

/** A reminder was posted: the next one comes a cadence later if still no news. */
export function recordReminder(incident: IncidentData, now: Date): void {
  incident.remindAt = iso(plus(now, incident.cadenceMin));
  addEvent(incident, 'reminder', COACH, now);
}

/** The admins were told: not again until the next communication restarts the timers. */
export function recordEscalation(incident: IncidentData, now: Date, told: string[]): void {
  incident.escalateAt = null;
  addEvent(incident, 'escalated', COACH, now, told.join(', '));
}

/** Service restored: the "service restored" notice is a communication, the timers stop. */
export function resolveIncident(incident: IncidentData, by: string, now: Date, notice: string, summary: string | undefined): IncidentEvent {
  const event: IncidentEvent = { at: iso(now), kind: 'resolved', by, text: notice.slice(0, MAX_TEXT_CHARS), dueAt: incident.updateDueAt };
  incident.timeline.push(event);
  incident.resolvedAt = iso(now);
  incident.remindAt = null;
  incident.escalateAt = null;
  if (summary) incident.summary = summary.slice(0, MAX_TEXT_CHARS);
  return event;
}

/** Everyone who acted (opened, communicated, noted, answered), in order of first action; never the coach. */
export function peopleInvolved(incident: Readonly<IncidentData>): { id: string; name: string; did: IncidentEventKind[] }[] {
  const people = new Map<string, IncidentEventKind[]>();
  for (const e of incident.timeline) {
    if (e.by === COACH) continue;
    const did = people.get(e.by) ?? [];
    if (!did.includes(e.kind)) did.push(e.kind);
    people.set(e.by, did);
  }
  if (!people.has(incident.owner)) people.set(incident.owner, []);
  return [...people].map(([id, did]) => ({ id, name: incident.names[id] ?? id, did }));
}
