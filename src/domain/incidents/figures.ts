// The communication figures that end an incident report (issue 11): how fast users heard first, how
// many updates, how many came on time, and the longest time they heard nothing.
import type { IncidentData } from '../../store/schema.js';
import { COMMUNICATIONS, onTime } from './incidents.js';

export interface CommunicationFigures {
  /** From the start to the first notice (ms); null when none was sent. */
  firstNoticeMs: number | null;
  /** Status updates sent, the first notice included, the "service restored" notice not. */
  updates: number;
  /** Communications (first notice, updates, "service restored") sent, and how many of them on time. */
  communications: number;
  onTime: number;
  /** onTime / communications, from 0 to 1; null when nothing was sent. */
  onTimeShare: number | null;
  /** The longest time without news (ms), from the start to the resolution (or `now` while it is open). */
  longestSilenceMs: number;
}

export function communicationFigures(incident: Readonly<IncidentData>, now: Date): CommunicationFigures {
  const comms = incident.timeline.filter((e) => COMMUNICATIONS.has(e.kind));
  const first = comms.find((e) => e.kind === 'notice');
  const start = Date.parse(incident.startedAt);
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now.getTime();
  let longest = 0;
  let previous = start;
  for (const t of [...comms.map((e) => Date.parse(e.at)), end]) {
    longest = Math.max(longest, t - previous);
    previous = Math.max(previous, t);
  }
  const timely = comms.filter(onTime).length;
  return {
    firstNoticeMs: first ? Date.parse(first.at) - start : null,
    updates: comms.filter((e) => e.kind !== 'resolved').length,
    communications: comms.length,
    onTime: timely,
    onTimeShare: comms.length ? timely / comms.length : null,
    longestSilenceMs: longest,
  };
}
