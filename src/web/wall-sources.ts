// Where the wall's sources beside the challenges are wired: the one place to connect the outage coach's
// open incidents (built separately) once it is merged. Until then walls show no incident.
import type { OpenCoach } from '../app/open-coach.js';
import { NO_INCIDENTS, type WallSources } from './wall-view.js';

/**
 * The running coach's wall sources. To wire the outage coach, return an `openIncident(ws, channel, lang)`
 * that reads the channel's open incident from `ws` (its title, its state worded in `lang`, `since` and
 * `lastUpdateAt` as ISO times), or null when none is open. Incident changes go through the workspace's
 * store slice like every change, so open walls show them within moments.
 */
export function wallSources(_coach: OpenCoach): WallSources {
  return NO_INCIDENTS;
}
