// Scoring a drill's communication (issue 11), from what the timeline recorded and the tips the coach gave
// at the time, against the outage playbook: a first notice quickly, updates at the announced time, an
// apology, the next update time stated, no restoration time promised, plain words, a complete report.
// Ten points in all, like a challenge answer.
import type { IncidentData, IncidentEvent } from '../../store/schema.js';
import { applyAward } from '../scores.js';
import type { WorkspaceData } from '../../store/schema.js';
import { communicationFigures } from './figures.js';
import { COMMUNICATIONS } from './incidents.js';
import type { ScoreInput } from '../../store/port.js';
import { isoWeek } from '../time.js';

export type CriterionId = 'first-notice' | 'on-time' | 'apology' | 'next-update' | 'no-promise' | 'no-jargon' | 'report';

export interface Criterion {
  id: CriterionId;
  points: number;
  max: number;
  /** The facts behind the points, for the explanation: minutes, counts. */
  facts: Record<string, number>;
}

/** A first notice within this many minutes gets all its points; within twice that, half. */
export const FAST_NOTICE_MIN = 10;

export function scoreDrill(incident: Readonly<IncidentData>, now: Date): { points: number; max: number; criteria: Criterion[] } {
  const figures = communicationFigures(incident, now);
  const updates: IncidentEvent[] = incident.timeline.filter((e) => e.kind === 'notice' || e.kind === 'update');
  const comms = incident.timeline.filter((e) => COMMUNICATIONS.has(e.kind));
  const first = updates.find((e) => e.kind === 'notice');
  const tipped = (id: string) => updates.filter((e) => e.tips?.includes(id)).length;
  const minutes = figures.firstNoticeMs === null ? -1 : Math.round(figures.firstNoticeMs / 60_000);
  const answered = [incident.impact, incident.cause, incident.prevention].filter((x) => x && x.trim()).length;
  const some = updates.length > 0;
  const criteria: Criterion[] = [
    {
      id: 'first-notice', max: 2, facts: { minutes },
      points: minutes < 0 ? 0 : minutes <= FAST_NOTICE_MIN ? 2 : minutes <= 2 * FAST_NOTICE_MIN ? 1 : 0,
    },
    // The "service restored" notice counts among the communications, but alone it is no regular news.
    {
      id: 'on-time', max: 2, facts: { onTime: figures.onTime, total: some ? comms.length : 0 },
      points: !some ? 0 : figures.onTime === comms.length ? 2 : figures.onTime * 2 >= comms.length ? 1 : 0,
    },
    { id: 'apology', max: 1, facts: { total: first ? 1 : 0 }, points: first && !first.tips?.includes('apology') ? 1 : 0 },
    { id: 'next-update', max: 1, facts: { missing: tipped('next-update'), total: updates.length }, points: some && tipped('next-update') === 0 ? 1 : 0 },
    { id: 'no-promise', max: 1, facts: { count: tipped('promise'), total: updates.length }, points: some && tipped('promise') === 0 ? 1 : 0 },
    { id: 'no-jargon', max: 1, facts: { count: tipped('jargon'), total: updates.length }, points: some && tipped('jargon') === 0 ? 1 : 0 },
    { id: 'report', max: 2, facts: { answered }, points: answered === 3 ? 2 : answered === 2 ? 1 : 0 },
  ];
  return { points: criteria.reduce((s, c) => s + c.points, 0), max: criteria.reduce((s, c) => s + c.max, 0), criteria };
}

/**
 * Records a drill's score once: kept on the incident, and its points added to the trainee's totals in
 * the channel and to the score log (kind `drill`). Returns false when it was already scored.
 */
export function recordDrillScore(ws: WorkspaceData, channel: string, incident: IncidentData, now: Date, day: string): boolean {
  const drill = incident.drill;
  if (!drill || drill.scoredAt) return false;
  const score = drillScore(incident, now, day);
  if (score) {
    applyAward(ws, channel, score.user, score.delta, score.reason, score.by, now, day);
    const event = ws.scoreLog.at(-1)!;
    event.kind = 'drill';
    event.incidentId = incident.id;
  }
  return true;
}

/**
 * Scores a drill once, on the incident (drill.scoredAt, drill.score), and returns the score change to
 * record with it in the same atomic step (IncidentStep.addScore: the trainee's totals and a `drill` event
 * of the score log), or null when there are no points or it was scored already.
 */
export function drillScore(incident: IncidentData, now: Date, day: string): ScoreInput | null {
  const drill = incident.drill;
  if (!drill || drill.scoredAt) return null;
  const score = scoreDrill(incident, now);
  drill.scoredAt = now.toISOString();
  drill.score = { points: score.points, max: score.max, items: score.criteria.map((c) => ({ id: c.id, points: c.points, max: c.max })) };
  if (score.points <= 0) return null;
  return { user: drill.trainee, delta: score.points, kind: 'drill', reason: `drill ${drill.script}`, by: drill.trainee, at: now.toISOString(), week: isoWeek(day), incidentId: incident.id };
}
