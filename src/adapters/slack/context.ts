// What every Slack listener needs: the core, delivery helpers, and the person's locale (cached).
import type { WebClient } from '@slack/web-api';
import type { SurfaceDeps } from '../surface-deps.js';
import { slackPerson } from './people.js';

export interface SlackDeps extends SurfaceDeps {
  /** SLACK_API_URL when set: its host may also receive response_url replies (GovSlack, tests). */
  apiUrl?: string;
}

/** The person's Slack locale (users.info include_locale, cached with their name); undefined when Slack does not say. */
export async function userLocale(client: WebClient, team: string, user: string): Promise<string | undefined> {
  return (await slackPerson(client, team, user))?.locale;
}

/**
 * Called right after ack(): lets the event loop send pending acknowledgements and read new requests
 * before this one's work (routing, rendering, Web API calls) takes its turn. Acks stay fast under load.
 */
export function afterAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
