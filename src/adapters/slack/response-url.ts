// Replies through a slash command's or action's response_url. Bolt's `respond` goes through fetch
// (undici), which costs several times more CPU per call than a plain keep-alive request; under load that
// CPU is taken from the acknowledgements of the next requests. Only Slack's own hosts (or the configured
// SLACK_API_URL's host, for GovSlack and tests) are ever called.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const SLACK_HOSTS = /(^|\.)(slack\.com|slack-gov\.com)$/i;

export function isAllowedResponseUrl(url: string, apiUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && SLACK_HOSTS.test(parsed.hostname)) return true;
  if (!apiUrl) return false;
  const api = new URL(apiUrl);
  return parsed.protocol === api.protocol && parsed.host === api.host;
}

/** `payload`: the JSON body, already serialised. */
export function postToResponseUrl(url: string, payload: string, timeoutMs = 10_000): Promise<void> {
  const target = new URL(url);
  const body = Buffer.from(payload);
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: secure ? httpsAgent : httpAgent,
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length },
      timeout: timeoutMs,
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`response_url answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('response_url timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
