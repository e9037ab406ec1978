// `npm start` with Teams settings runs the server: anonymous (Emulator) mode warns and answers on
// /api/messages; with credentials an unsigned request is refused and the password never reaches the logs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { startServer } from '../support/serve-child.js';
import { FakeConnector } from './fake-connector.js';

const PASSWORD = 'Zx8~supersecretpassword.value';

test('TEAMS_ALLOW_ANONYMOUS=true: npm start serves /api/messages, with a warning, and stops cleanly', async () => {
  const fake = new FakeConnector();
  await fake.start();
  const server = await startServer({ TEAMS_ALLOW_ANONYMOUS: 'true' });
  try {
    const activity = {
      type: 'message', id: '1', channelId: 'emulator', serviceUrl: fake.url, locale: 'en-US', text: 'playbook outage',
      from: { id: 'user-1', name: 'User' }, recipient: { id: 'bot-1', name: 'Bot' }, conversation: { id: 'conv-1' },
    };
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    expect(fake.of('reply')).toHaveLength(1);
    expect(await server.stop()).toBe(0);
    const lines = server.logs().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === 'support coach ready' && l.teams === 'anonymous' && l.slack === 'off')).toBe(true);
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('TEAMS_ALLOW_ANONYMOUS'))).toBe(true);
  } finally {
    server.cleanup();
    await fake.stop();
  }
});

test('with credentials: an unsigned activity gets 401; the password is never logged', async () => {
  const server = await startServer({ MICROSOFT_APP_ID: '6b1f3c2a-0d4e-4f5a-8b9c-0a1b2c3d4e5f', MICROSOFT_APP_PASSWORD: PASSWORD, MICROSOFT_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
  try {
    const activity = {
      type: 'message', id: '1', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/', text: 'playbook outage',
      from: { id: '29:u' }, recipient: { id: '28:b' }, conversation: { id: 'a:1', tenantId: 't' },
    };
    const res = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(await server.stop()).toBe(0);
    expect(server.logs()).toContain('"teams":"on"');
    expect(server.logs()).not.toContain('supersecretpassword');
  } finally {
    server.cleanup();
  }
});

test('a bad Teams variable stops the start with a clear message, the password not echoed', async () => {
  const run = spawn(process.execPath, [join(root, 'bin/coach.js'), 'start'], {
    cwd: root, env: { ...process.env, MICROSOFT_APP_ID: 'not-a-guid', MICROSOFT_APP_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  run.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  expect(code).toBe(1);
  expect(err).toContain('MICROSOFT_APP_ID: must be the bot’s Microsoft app id');
  expect(err).not.toContain('supersecretpassword');
});
