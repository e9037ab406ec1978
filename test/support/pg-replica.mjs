// One replica for the multi-process PostgreSQL tests and bench:postgres: a process that opens the
// PostgreSQL store as the coach does at start (migrations under the advisory lock, then a pg Pool) and
// takes answers over loopback HTTP. A 200 answer to POST /answer is the confirmation: it is sent only
// after the answer's transaction committed. GET /healthz is the store's health, GET /stats the process's
// memory and CPU time; GET /ping runs `SELECT 1` through the pool and GET /noop answers at once (the
// floors bench:postgres measures the answers' confirmations against). Run from the compiled code (npm run build). Prints `listening PORT` once ready.
import { createServer } from 'node:http';
import { openPostgresStore } from '../../dist/store/postgres/open.js';
import { streakBonus } from '../../dist/domain/scores.js';

const url = process.env.DATABASE_URL;
const { port: store, migrated } = await openPostgresStore(url, { poolSize: Number(process.env.POOL_SIZE ?? 10) });
const rule = (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points);

const server = createServer((req, res) => {
  const send = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  if (req.method === 'GET' && req.url === '/healthz') {
    void store.health().then((h) => send(h.ok ? 200 : 503, h));
    return;
  }
  if (req.method === 'GET' && req.url === '/stats') {
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    return send(200, { rss: m.rss, heapUsed: m.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (req.method === 'GET' && req.url === '/noop') return send(200, {});
  if (req.method === 'GET' && req.url === '/ping') {
    void store.pool.query('SELECT 1').then(() => send(200, {}), (err) => send(500, { error: err.message }));
    return;
  }
  if (req.method === 'GET' && req.url?.startsWith('/leaderboard?')) {
    const q = new URL(req.url, 'http://x').searchParams;
    void store.workspace(q.get('workspace')).channelBoard(q.get('channel'), { week: q.get('week'), viewer: q.get('viewer'), limit: 10 })
      .then((board) => send(200, board), (err) => send(500, { error: err.message }));
    return;
  }
  if (req.method !== 'POST' || req.url !== '/answer') return send(404, {});
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    const a = JSON.parse(body);
    store.workspace(a.workspace).recordAnswer(a.channel, {
      challengeId: a.challengeId, user: a.user, name: a.name,
      answer: { at: a.at, choice: a.choice ?? null, covered: [], missed: [], flags: [], score: a.score },
      week: a.week, streak: rule,
    }).then((out) => send(200, { kind: out.kind, ...(out.kind === 'recorded' ? { totals: out.totals } : {}) }), (err) => send(500, { error: err.message }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port} migrated ${migrated.applied.length}\n`));
const stop = () => server.close(() => void store.close().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
