// bench:slack's floor: a raw Node server that only checks the Slack signature (v0 HMAC, five-minute
// window on both sides) and acknowledges. Nothing can acknowledge a signed request much faster than this.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.SLACK_SIGNING_SECRET;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const ts = Number(req.headers['x-slack-request-timestamp']);
    const given = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
    const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`);
    const fresh = Math.abs(Math.floor(Date.now() / 1000) - ts) <= 300;
    if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) { res.writeHead(401); res.end(); return; }
    res.writeHead(200); res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.once('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
