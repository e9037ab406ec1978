// The wall's sources beside the challenges: the outage coach's open incident in the wall's channel.
import type { ServedCoach } from '../app/open-coach.js';
import { stateLine } from '../core/incidents/incident-messages.js';
import { hasFirstNotice, isOpen, lastNewsAt } from '../domain/incidents/incidents.js';
import { NO_INCIDENTS, type WallSources } from './wall-view.js';

/**
 * The running coach's wall sources: the channel's latest open incident (a drill included: the wall shows
 * the team practising), its state worded in the wall's language, `since` its start and `lastUpdateAt` its
 * last news to users (ISO times; null before the first notice). No incident feature (no outage template
 * in the content): walls show none. Read through the port (the channel's open incidents only); incident
 * changes are announced like every change, so open walls show them within moments.
 */
export function wallSources(coach: ServedCoach): WallSources {
  if (!coach.incidents) return NO_INCIDENTS;
  return {
    async openIncident(ws, channel, lang, settings) {
      const incident = (await ws.incidents({ channel, open: true })).map((x) => x.incident).filter(isOpen).at(-1);
      if (!incident) return null;
      const timeZone = coach.challenges.schedule(settings).timezone;
      return {
        title: incident.title,
        state: stateLine({ ...incident, lang }, timeZone),
        since: incident.startedAt,
        lastUpdateAt: hasFirstNotice(incident) ? lastNewsAt(incident) : null,
      };
    },
  };
}
