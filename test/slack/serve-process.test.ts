// `npm start` with Slack credentials runs the server (not the terminal chat): health check, structured
// logs without secrets, a clean stop on SIGTERM with the data flushed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { startServer } from '../support/serve-child.js';
import { FakeSlack } from './fake-slack.js';

const TOKEN = 'xoxb-111-222-supersecretvalue';
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

test('serves, answers /healthz, logs no secret, stops cleanly on SIGTERM', async () => {
  const fake = new FakeSlack();
  await fake.start();
  const server = await startServer({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/` });
  const { port, dir } = server;
  try {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
    expect(existsSync(join(dir, 'coach.json.lock'))).toBe(false);
    expect(existsSync(join(dir, 'coach.json'))).toBe(true);
    const logs = server.logs();
    const lines = logs.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === 'support coach ready' && l.slack === 'http')).toBe(true);
    expect(lines.some((l) => l.msg === 'support coach stopped')).toBe(true);
    expect(logs).not.toContain('supersecretvalue');
    expect(logs).not.toContain(SECRET);
  } finally {
    server.cleanup();
    await fake.stop();
  }
});

test('a wrong or missing variable stops the start with one clear message each, secrets not echoed', async () => {
  const run = spawn(process.execPath, [join(root, 'bin/coach.js'), 'start'], {
    cwd: root, env: { ...process.env, SLACK_BOT_TOKEN: 'not-a-token-secretish', PORT: 'abc' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  run.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
  expect(code).toBe(1);
  expect(err).toContain('SLACK_BOT_TOKEN: must be a bot token starting with xoxb- (value hidden).');
  expect(err).toContain('PORT: must be a port number');
  expect(err).not.toContain('secretish');
});
