// Slack request authenticity: the v0 HMAC signature (via Bolt's own check) and a replay window of five
// minutes on BOTH sides. Bolt alone refuses old timestamps but accepts ones far in the future, which a
// replayed, pre-signed request could use.
import { isValidSlackRequest } from '@slack/bolt';

const REPLAY_WINDOW_S = 5 * 60;

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verifySlackSignature(signingSecret: string, rawBody: string, headers: Record<string, string | string[] | undefined>, nowMs = Date.now()): Verdict {
  const signature = one(headers['x-slack-signature']);
  const timestampText = one(headers['x-slack-request-timestamp']);
  if (!signature || !timestampText) return { ok: false, reason: 'missing Slack signature headers' };
  if (!/^\d{1,12}$/.test(timestampText)) return { ok: false, reason: 'malformed timestamp' };
  const timestamp = Number(timestampText);
  const skew = timestamp - Math.floor(nowMs / 1000);
  if (skew > REPLAY_WINDOW_S) return { ok: false, reason: 'timestamp is in the future' };
  if (-skew > REPLAY_WINDOW_S) return { ok: false, reason: 'timestamp is too old' };
  const valid = isValidSlackRequest({ signingSecret, body: rawBody, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: nowMs });
  return valid ? { ok: true } : { ok: false, reason: 'bad signature' };
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
