// bench:postgres's fan-out stand-in for Slack's Web API, in its own process: chat.postMessage is accepted
// at most once per second per channel (Slack's rule for posting messages); a second message to the same
// channel within the second answers 429 with Retry-After: 1, as Slack does. It counts, per channel, the
// messages accepted and the 429s sent, and when the first and the last message were accepted.
// GET /report gives the counts; auth.test answers the bench's single bot token.
import { createServer } from 'node:http';

/** channel → [accepted, refused (429), last accepted (ms, monotonic)] */
const channels = new Map();
let first = null;
let last = null;
const other = new Map();

const json = (res, status, value, headers = {}) => {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

let ts = 1;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '/';
    if (url === '/report') {
      const posts = {};
      let refused = 0;
      for (const [channel, [accepted, no]] of channels) { posts[channel] = accepted; refused += no; }
      return json(res, 200, { posts, refused, first, last, other: Object.fromEntries(other) });
    }
    const method = url.startsWith('/api/') ? url.slice(5).split('?')[0] : url;
    if (method === 'auth.test') return json(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' });
    if (method !== 'chat.postMessage') {
      other.set(method, (other.get(method) ?? 0) + 1);
      return json(res, 200, { ok: true });
    }
    const body = Buffer.concat(chunks).toString();
    const params = body.startsWith('{') ? JSON.parse(body) : Object.fromEntries(new URLSearchParams(body));
    const channel = String(params.channel);
    const now = performance.now();
    const seen = channels.get(channel) ?? [0, 0, -Infinity];
    channels.set(channel, seen);
    if (now - seen[2] < 1000) {
      seen[1]++;
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    seen[0]++;
    seen[2] = now;
    first ??= Date.now();
    last = Date.now();
    return json(res, 200, { ok: true, channel, ts: `${Math.floor(Date.now() / 1000)}.${String(ts++).padStart(6, '0')}` });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
