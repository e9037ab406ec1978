// Replies through a slash command's or action's response_url. Bolt's `respond` goes through fetch, and
// node:http's request builds a full ClientRequest per call; undici's connection pool with a body encoded once
// costs the least CPU per reply (measured at 50 concurrent 9 KB posts on loopback: fetch ~130 µs,
// http.request ~30–40 µs, undici Pool ~16 µs). Under load that CPU is taken from the acknowledgements of the
// next requests. Only Slack's own hosts (or the configured SLACK_API_URL's host, for GovSlack and tests)
// are ever called.
// By sub-module: undici's root also loads fetch, WebSocket, caches and mocks (~3 MB of heap held for the
// life of the process, measured with `process.memoryUsage()` after a full GC); the pool alone is 1.7 MB.
// Its types: undici-modules.d.ts.
import type { Dispatcher, Pool } from 'undici';
import PoolClass from 'undici/lib/dispatcher/pool.js';

const SLACK_HOSTS = /(^|\.)(slack\.com|slack-gov\.com)$/i;
/**
 * Connections per host: as many replies in flight at once (more wait their turn). At Slack's ~50 ms round
 * trip, 256 carry ~5,000 replies a second; on bench:slack's loopback, 64 left up to 500 replies queued
 * behind a busy endpoint in a burst of 1,000 commands. Opened only as needed.
 */
const CONNECTIONS_PER_HOST = 256;
/** Hosts with a pool at once: Slack's response_url host and the configured API host, in practice. */
const MAX_POOLS = 8;
const HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const pools = new Map<string, Pool>();
const apiUrls = new Map<string, URL | null>();

/**
 * The response_url parsed, when the coach may post to it: HTTPS on a Slack host, or the same scheme and
 * host as `apiUrl` (SLACK_API_URL). Anything else (another host, not a URL) gives undefined.
 */
export function allowedResponseUrl(url: string, apiUrl?: string): URL | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'https:' && SLACK_HOSTS.test(parsed.hostname)) return parsed;
  if (!apiUrl) return undefined;
  let api = apiUrls.get(apiUrl);
  if (api === undefined) {
    api = URL.canParse(apiUrl) ? new URL(apiUrl) : null;
    apiUrls.set(apiUrl, api);
  }
  return api && parsed.protocol === api.protocol && parsed.host === api.host ? parsed : undefined;
}

/** Whether the coach may post to this response_url (see `allowedResponseUrl`). */
export function isAllowedResponseUrl(url: string, apiUrl?: string): boolean {
  return allowedResponseUrl(url, apiUrl) !== undefined;
}

/**
 * POSTs `payload` (the JSON body, already serialised; a Buffer is sent as is) to `url` over a kept-alive
 * connection. Resolves once the endpoint answered 2xx; rejects on another status, a network error, or no
 * answer within `timeoutMs` (ms, for the headers and again for the body).
 */
export async function postToResponseUrl(url: string | URL, payload: string | Buffer, timeoutMs = 10_000): Promise<void> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const pool = poolFor(target.origin);
  // Dispatched with a handler that keeps only the status: `request()` would build a body stream, a request
  // handler and an object of the response's headers for every reply, which the coach never reads. Under
  // bench:slack's bursts those outlived two scavenges and were the largest share of the garbage promoted
  // to the old generation (V8's sampling heap profiler), which sets the coach's peak memory.
  await new Promise<void>((resolve, reject) => {
    let status = 0;
    const handler: Dispatcher.DispatchHandler = {
      onConnect: () => undefined,
      onHeaders: (statusCode) => {
        status = statusCode;
        return true;
      },
      onData: () => true,
      onComplete: () => (status >= 200 && status < 300 ? resolve() : reject(new Error(`response_url answered ${status}`))),
      onError: reject,
    };
    pool.dispatch({ path: `${target.pathname}${target.search}`, method: 'POST', headers: HEADERS, body: payload, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }, handler);
  });
}

/** Closes the kept-alive connections (on stop); later posts open new ones. */
export async function closeResponseUrlPools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close().catch(() => pool.destroy())));
}

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    if (pools.size >= MAX_POOLS) {
      const [oldest, old] = pools.entries().next().value as [string, Pool];
      pools.delete(oldest);
      void old.close().catch(() => old.destroy());
    }
    pool = new PoolClass(origin, { connections: CONNECTIONS_PER_HOST, keepAliveTimeout: 30_000 });
    pools.set(origin, pool);
  }
  return pool;
}
