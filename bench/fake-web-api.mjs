// bench:slack's stand-in for Slack's Web API and response_url endpoint, in its own process so its work
// does not land on the load generator. Answers every call with ok.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url.includes('auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' } : req.url.includes('users.info') ? { ok: true, user: { locale: 'fr-CA' } } : { ok: true, ts: '1.1' }));
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
