// The persisted shape of incidents (issue 11): kept per channel in ChannelData.incidents, an optional
// field (absent means "no incident ever opened here"), so data files written before it stay valid.
import type { Lang } from '../content/model.js';

/** What happened during an incident, in order; the report's chronology is this list. */
export type IncidentEventKind =
  | 'opened' // the incident was opened (text: its title)
  | 'notice' // the first notice to users was posted (text: the notice)
  | 'update' // a status update was posted (text: the update)
  | 'note' // a note for the record (text)
  | 'owner' // ownership handed over (text: the new owner's id)
  | 'cadence' // the update cadence changed (text: minutes)
  | 'reminder' // the coach reminded the owner that an update is due
  | 'snooze' // the owner snoozed the reminder (text: minutes)
  | 'escalated' // the admins were told that updates are overdue
  | 'impact' | 'cause' | 'prevention' // report answers (text)
  | 'drill-event' // a drill's scripted event was posted (text)
  | 'resolved'; // service restored; the "service restored" notice was posted (text: the summary, if any)

export interface IncidentEvent {
  /** ISO time. */
  at: string;
  kind: IncidentEventKind;
  /** Who acted: a member id, or `coach` for what the coach did on its own (reminders, escalations, drill events). */
  by: string;
  text?: string;
  /** Status communications (notice, update, resolved): when that communication was due (ISO). */
  dueAt?: string;
  /** Status communications: the coach's tips on it (next-update, apology, promise, jargon, placeholder). */
  tips?: string[];
}

export interface DrillData {
  /** The drill script's id (content/drills). */
  script: string;
  /** Who runs the drill: the drill's points go to them. */
  trainee: string;
  /** Index of the next scripted event to post. */
  nextEvent: number;
  /** Set once the drill was scored and its points logged (never scored twice). */
  scoredAt?: string;
  /** The score, out of `max`, with each criterion's points. */
  score?: { points: number; max: number; items: { id: string; points: number; max: number }[] };
}

export interface IncidentData {
  /** Unique within the workspace: a number as text ("1", "2"…), given in order of opening. */
  id: string;
  title: string;
  /** The language of its public posts: the one of the person who opened it. */
  lang: Lang;
  /** The surface it lives on (slack, teams, terminal): reminders are posted there. */
  platform?: string;
  openedBy: string;
  owner: string;
  /** Display names of the people who acted, by id, as last seen (never used to notify). */
  names: Record<string, string>;
  startedAt: string;
  /** Null while the incident is open. */
  resolvedAt: string | null;
  /** Minutes between status updates (default 30, `/incident every MINUTES`). */
  cadenceMin: number;
  /** When the next status update is due (ISO): the time the last one announced, else the last one plus the cadence. */
  updateDueAt: string;
  /** When the next reminder is posted (ISO); null once resolved. Kept in the store so it survives a restart. */
  remindAt: string | null;
  /** When the admins are told that the update is overdue (ISO); null once told for this silence, or resolved. */
  escalateAt: string | null;
  /** The first notice as drafted for the owner from the outage playbook's template. */
  draft: string;
  /** The incident's first post as the surface keeps it (Slack ts, Teams activity id), opaque. */
  postRef?: unknown;
  timeline: IncidentEvent[];
  /** Report answers: the resolution summary, the impact, the cause and the prevention actions, as given. */
  summary?: string;
  impact?: string;
  cause?: string;
  prevention?: string;
  /** Present when the incident is a practice drill (`/incident drill`). */
  drill?: DrillData;
}
