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

/**
 * What a log line may say of a failed Web API call: the client's error code (`slack_webapi_platform_error`…)
 * and Slack's own error (`not_in_channel`…), never the request, its token or its text.
 */
export function slackError(err: unknown): { code?: string; error?: string; message?: string } {
  const e = err as { code?: unknown; data?: { error?: unknown }; message?: unknown } | null;
  return {
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.data?.error === 'string' ? { error: e.data.error } : {}),
    ...(typeof e?.message === 'string' ? { message: e.message.slice(0, 200) } : {}),
  };
}
