// Posting replies to a response_url: only Slack's hosts (or the configured API host), the body sent once as
// given, a refusal or a silent endpoint reported as an error, connections closed on stop.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedResponseUrl, closeResponseUrlPools, isAllowedResponseUrl, postToResponseUrl } from '../../src/adapters/slack/response-url.js';

let server: Server;
let base: string;
const received: { path: string; type: string; body: string }[] = [];
let answer: (req: IncomingMessage) => number | null = () => 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', type: String(req.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') });
      const status = answer(req);
      if (status === null) return; // never answers
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await closeResponseUrlPools();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  answer = () => 200;
});

test('only HTTPS Slack hosts, or the configured API host, may receive replies', () => {
  for (const url of ['https://hooks.slack.com/commands/T1/1/abc', 'https://hooks.slack-gov.com/actions/T1/2/x', 'https://slack.com/x']) {
    expect(isAllowedResponseUrl(url)).toBe(true);
  }
  for (const url of ['http://hooks.slack.com/commands/T1', 'https://hooks.slack.com.evil.example/x', 'https://evilslack.com/x', 'https://evil.example/hooks.slack.com', 'not a url', '']) {
    expect(isAllowedResponseUrl(url)).toBe(false);
  }
  expect(allowedResponseUrl(`${base}/respond/1`, `${base}/api/`)?.pathname).toBe('/respond/1');
  expect(isAllowedResponseUrl(`${base}/respond/1`)).toBe(false);
  expect(isAllowedResponseUrl('http://127.0.0.1:1/respond/1', `${base}/api/`)).toBe(false);
  expect(isAllowedResponseUrl(`${base.replace('http:', 'https:')}/respond/1`, `${base}/api/`)).toBe(false);
  expect(isAllowedResponseUrl(`${base}/respond/1`, 'not a url')).toBe(false);
});

test('the JSON body is posted once, as given (text or bytes), to the path and query of the URL', async () => {
  const payload = JSON.stringify({ text: 'Panne d’un serveur — réponse ✔' });
  await postToResponseUrl(`${base}/respond/7?x=1`, payload);
  await postToResponseUrl(new URL(`${base}/respond/8`), Buffer.from(payload));
  expect(received).toEqual([
    { path: '/respond/7?x=1', type: 'application/json; charset=utf-8', body: payload },
    { path: '/respond/8', type: 'application/json; charset=utf-8', body: payload },
  ]);
});

test('many replies at once each arrive exactly once', async () => {
  await Promise.all(Array.from({ length: 300 }, (_, i) => postToResponseUrl(`${base}/respond/${i}`, `{"n":${i}}`)));
  expect(received.map((r) => r.path).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `/respond/${i}`).sort());
});

test('a refusal or an endpoint that never answers is an error, not a hang', async () => {
  answer = () => 404;
  await expect(postToResponseUrl(`${base}/respond/gone`, '{}')).rejects.toThrow('response_url answered 404');
  answer = () => null;
  await expect(postToResponseUrl(`${base}/respond/silent`, '{}', 300)).rejects.toThrow();
});

test('after the connections are closed, a later reply opens new ones', async () => {
  await closeResponseUrlPools();
  await postToResponseUrl(`${base}/respond/again`, '{}');
  expect(received.map((r) => r.path)).toEqual(['/respond/again']);
});
