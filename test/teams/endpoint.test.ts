// The /api/messages handler before botbuilder: body checks, anonymous mode's loopback rules, and the
// Express-style response CloudAdapter writes to.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import { checkActivity, ResponseShim, teamsEndpoint } from '../../src/adapters/teams/endpoint.js';
import { isCallableServiceUrl, isLoopbackUrl } from '../../src/adapters/teams/activity.js';
import { silentLogger } from '../../src/app/logger.js';

function fakeResponse() {
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' as string | Buffer | undefined, headersSent: false };
  const res = {
    get headersSent() { return out.headersSent; },
    socket: {},
    writeHead(status: number, headers: Record<string, unknown>) { out.status = status; out.headers = headers; out.headersSent = true; return res; },
    end(body?: string | Buffer) { out.body = body; return res; },
  };
  return { res: res as unknown as ServerResponse, out };
}

const activity = (serviceUrl: string) => Buffer.from(JSON.stringify({ type: 'message', conversation: { id: 'c' }, serviceUrl, text: 'hi' }));

test('loopback: 127.0.0.0/8 (however spelled), ::1 and localhost; nothing else', () => {
  for (const url of ['http://127.0.0.1:3978', 'https://127.8.9.10/', 'http://localhost:50000/', 'http://[::1]:80/', 'http://127.1/', 'http://2130706433/', 'http://0x7f.0.0.1/']) expect(isLoopbackUrl(url)).toBe(true);
  for (const url of ['http://10.0.0.1/', 'http://localhost.evil.example/', 'http://127.0.0.1.nip.io/', 'http://user:pw@127.0.0.1/', 'ftp://127.0.0.1/', 'http://[::ffff:7f00:1]/', 'http://0.0.0.0/', '', 'x']) expect(isLoopbackUrl(url)).toBe(false);
  expect(isCallableServiceUrl('https://smba.trafficmanager.net/amer/', false)).toBe(true);
  expect(isCallableServiceUrl('http://smba.trafficmanager.net/amer/', false)).toBe(false);
  expect(isCallableServiceUrl('https://smba.trafficmanager.net/amer/', true)).toBe(false);
});

test('checkActivity: JSON object with a type, a conversation id and an allowed serviceUrl', () => {
  expect(checkActivity(Buffer.from('{'), true)).toMatchObject({ ok: false, status: 400 });
  expect(checkActivity(Buffer.from('"text"'), true)).toMatchObject({ ok: false, status: 400 });
  expect(checkActivity(Buffer.from('{"type":"message","serviceUrl":"http://127.0.0.1"}'), true)).toMatchObject({ ok: false, error: 'the activity has no conversation' });
  expect(checkActivity(activity('https://evil.example'), true)).toMatchObject({ ok: false, status: 400 });
  expect(checkActivity(activity('http://127.0.0.1:1'), true)).toMatchObject({ ok: true });
  expect(checkActivity(activity('https://smba.trafficmanager.net/amer/'), false)).toMatchObject({ ok: true });
});

test('anonymous mode: a request from another machine is refused before anything else; nothing reaches botbuilder', async () => {
  const calls: unknown[] = [];
  const adapter = { process: async (...args: unknown[]) => { calls.push(args); } } as unknown as CloudAdapter;
  const handler = teamsEndpoint(adapter, async () => {}, { anonymous: true, logger: silentLogger });
  const remote = fakeResponse();
  await handler({ socket: { remoteAddress: '192.0.2.7' }, headers: {}, method: 'POST' } as unknown as IncomingMessage, remote.res, activity('http://127.0.0.1:1'));
  expect(remote.out.status).toBe(403);
  const mapped = fakeResponse();
  await handler({ socket: { remoteAddress: '::ffff:127.0.0.1' }, headers: {}, method: 'POST' } as unknown as IncomingMessage, mapped.res, activity('http://127.0.0.1:1'));
  expect(mapped.out.status).toBe(200);
  expect(calls).toHaveLength(1);
  // With credentials, no Authorization header: 401 without calling botbuilder.
  const authed = teamsEndpoint(adapter, async () => {}, { anonymous: false, logger: silentLogger });
  const unsigned = fakeResponse();
  await authed({ socket: { remoteAddress: '203.0.113.9' }, headers: {}, method: 'POST' } as unknown as IncomingMessage, unsigned.res, activity('https://smba.trafficmanager.net/amer/'));
  expect(unsigned.out.status).toBe(401);
  expect(calls).toHaveLength(1);
});

test('ResponseShim: status, header, send (object as JSON) and end, once', () => {
  const { res, out } = fakeResponse();
  const shim = new ResponseShim(res);
  shim.status(501).header('X-Test', 'yes').send({ a: 1 });
  shim.end();
  shim.status(200).end();
  expect(out.status).toBe(501);
  expect(out.headers).toMatchObject({ 'x-test': 'yes', 'content-type': 'application/json; charset=utf-8' });
  expect(out.body).toBe('{"a":1}');
  expect(shim.done).toBe(true);
});
