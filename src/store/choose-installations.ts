// Which SlackInstallationStore goes with the store the coach runs on (issue 13): the installations live in
// the same place as the rest of the data, so a backup, a purge or a move covers them too.
import type { SlackInstallationStore } from './installations.js';
import { jsonInstallations } from './json-installations.js';
import { PgPort } from './postgres/pg-port.js';
import { pgInstallations } from './postgres/pg-installations.js';
import type { CoachStore } from './store.js';

/**
 * The installations of `backend`: its tables on PostgreSQL (a PgPort), else the JSON data file's
 * `slackOAuth` field. `now` gives the dates kept with each installation.
 */
export function installationsFor(backend: CoachStore | PgPort, now?: () => Date): SlackInstallationStore {
  return backend instanceof PgPort ? pgInstallations(backend, now) : jsonInstallations(backend, now);
}
