// bench:slack's stand-in for Slack's Web API and the response_url endpoint, in its own process so its work
// does not land on the load generator. It records, for every reply posted to /respond/<key>, how many times
// it came, when the first one arrived (process.hrtime, CLOCK_MONOTONIC: the same clock as the load
// generator's, since both run on this machine) and its language (which playbook title it carries).
// GET /report?prefix=P hands the records whose key starts with P to the bench and forgets them.
// users.info says en-US for user ids starting with UEN, fr-CA for all others.
import { createServer } from 'node:http';

const FR_MARK = Buffer.from(process.env.BENCH_FR_MARK ?? 'Panne d’un serveur');
const EN_MARK = Buffer.from(process.env.BENCH_EN_MARK ?? 'Server or service outage');

/** key → [count, first arrival in µs (monotonic), 'fr' | 'en' | '?'] */
const replies = new Map();
/** Web API method → number of calls. */
const api = new Map();

const json = (res, value) => {
  const text = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const OK = JSON.stringify({ ok: true });
const POSTED = JSON.stringify({ ok: true, ts: '1.1' });

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '/';
    if (url.startsWith('/respond/')) {
      const at = Number(process.hrtime.bigint() / 1000n);
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const key = url.slice('/respond/'.length);
      const seen = replies.get(key);
      if (seen) seen[0]++;
      else replies.set(key, [1, at, body.includes(EN_MARK) ? 'en' : body.includes(FR_MARK) ? 'fr' : '?']);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 });
      return res.end('ok');
    }
    if (url.startsWith('/report')) {
      const prefix = new URL(url, 'http://x').searchParams.get('prefix') ?? '';
      const out = {};
      for (const [key, value] of replies) {
        if (!key.startsWith(prefix)) continue;
        out[key] = value;
        replies.delete(key);
      }
      const calls = Object.fromEntries(api);
      api.clear();
      return json(res, { replies: out, api: calls });
    }
    const method = url.startsWith('/api/') ? url.slice(5).split('?')[0] : url;
    api.set(method, (api.get(method) ?? 0) + 1);
    if (method === 'auth.test') return json(res, { ok: true, user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' });
    if (method === 'users.info') {
      const user = new URLSearchParams(Buffer.concat(chunks).toString()).get('user') ?? '';
      return json(res, { ok: true, user: { id: user, locale: user.startsWith('UEN') ? 'en-US' : 'fr-CA' } });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(method.startsWith('chat.post') ? POSTED : OK);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
