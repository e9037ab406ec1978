// `npm start` with a Slack token and secret but no route to Slack (SLACK_API_URL on a closed loopback
// port): /healthz says what it waits for, Teams serves meanwhile, the start gives up waiting after the
// bound with one clear error line, Slack joins as soon as it answers, and SIGTERM still stops cleanly.
import { createServer } from 'node:net';
import { Readiness } from '../../src/app/readiness.js';
import { startServer } from '../support/serve-child.js';
import { FakeConnector, activityText } from '../teams/fake-connector.js';
import { FakeSlack, SIGNING_SECRET, postSigned, slashBody } from './fake-slack.js';

const TOKEN = 'xoxb-111-222-unreachable';

/** A loopback port nothing listens on (connections are refused at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls /healthz (bounded) until `done` says so; returns that answer. */
async function healthUntil(port: number, done: (h: { status: number; body: Record<string, unknown> }) => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const h = await health(port);
    if (done(h) || Date.now() > end) return h;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const logLines = (logs: string) => logs.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string; [k: string]: unknown });

test('Slack unreachable, Teams on: starting → degraded (Teams serving) → ok once Slack answers', async () => {
  const port = await closedPort();
  const connector = new FakeConnector();
  await connector.start();
  const slackApi = new FakeSlack();
  const server = await startServer({
    SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    TEAMS_ALLOW_ANONYMOUS: 'true', COACH_STARTUP_TIMEOUT_SECONDS: '3',
  }, { until: 'listening' });
  try {
    const first = await health(server.port);
    expect(first).toEqual({ status: 503, body: { status: 'starting', waiting: ['slack auth.test'] } });

    // Teams answers meanwhile.
    const activity = {
      type: 'message', id: 'm-1', channelId: 'msteams', serviceUrl: connector.url, locale: 'fr-CA', text: 'playbook outage',
      from: { id: '29:u', aadObjectId: 'aad-u', name: 'Uma' }, recipient: { id: '28:bot', name: 'Coach' },
      conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
    };
    const teams = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(teams.status).toBe(200);
    expect(activityText((await connector.waitFor((c) => c.kind === 'reply')).body)).toContain('Panne');

    // Slack's own route says why it cannot answer yet.
    const events = `http://127.0.0.1:${server.port}/slack/events`;
    const refused = await postSigned(events, slashBody(slackApi, { command: '/playbook', text: 'outage' }), 'application/x-www-form-urlencoded');
    expect(refused.status).toBe(503);
    expect(refused.text).toContain('slack is not connected yet');

    // After the bound: degraded, still 200 because Teams serves; one clear error line, no retry noise.
    const degraded = await healthUntil(server.port, (h) => h.body.status !== 'starting');
    expect(degraded).toEqual({ status: 200, body: { status: 'degraded', waiting: ['slack auth.test'], serving: ['teams'] } });
    const errors = logLines(server.logs()).filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('Slack did not answer within 3 s (slack auth.test at http://127.0.0.1:');
    expect(errors[0]!.msg).toContain('Teams keeps serving');
    expect(logLines(server.logs()).filter((l) => l.level >= 40 && /http request failed/.test(l.msg))).toHaveLength(0);

    // Slack comes back where it was: the coach joins it without a restart.
    await slackApi.start(port);
    const ok = await healthUntil(server.port, (h) => h.body.status === 'ok');
    expect(ok).toEqual({ status: 200, body: { status: 'ok' } });
    expect(server.logs()).toContain('slack connected: Slack requests are served again');
    const served = await postSigned(events, slashBody(slackApi, { command: '/playbook', text: 'outage', id: 77 }), 'application/x-www-form-urlencoded');
    expect(served.status).toBe(200);
    await slackApi.response(77);
    expect(await server.stop()).toBe(0);
    expect(server.logs()).not.toContain('unreachable'); // the token's tail is never logged
  } finally {
    server.cleanup();
    await connector.stop();
    await slackApi.stop().catch(() => undefined);
  }
});

test('Slack alone and unreachable: degraded 503 after the bound, and SIGTERM stops at once', async () => {
  const port = await closedPort();
  const server = await startServer({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `http://127.0.0.1:${port}/api/`, COACH_STARTUP_TIMEOUT_SECONDS: '1' }, { until: 'listening' });
  try {
    const degraded = await healthUntil(server.port, (h) => h.body.status !== 'starting');
    expect(degraded).toEqual({ status: 503, body: { status: 'degraded', waiting: ['slack auth.test'], serving: [] } });
    expect(await server.stop()).toBe(0);
    expect(server.logs()).toContain('support coach stopped');
  } finally {
    server.cleanup();
  }
});

test('Slack refuses the token: alone, the start stops with one clear line (exit 1); with Teams, Teams goes on', async () => {
  const slackApi = new FakeSlack();
  await slackApi.start();
  slackApi.failures.set('auth.test', ['invalid_auth', 'invalid_auth']);
  const alone = await startServer({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slackApi.url}/api/` }, { until: 'listening' });
  try {
    expect(await alone.exited).toBe(1);
    const errors = logLines(alone.logs()).filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN');
  } finally {
    alone.cleanup();
  }
  const both = await startServer({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slackApi.url}/api/`, TEAMS_ALLOW_ANONYMOUS: 'true' }, { until: 'listening' });
  try {
    const h = await healthUntil(both.port, (x) => x.body.status !== 'starting');
    expect(h).toEqual({ status: 200, body: { status: 'degraded', failed: [{ part: 'slack', error: 'Slack refused the bot token (invalid_auth)' }], serving: ['teams'] } });
    expect(await both.stop()).toBe(0);
  } finally {
    both.cleanup();
    await slackApi.stop();
  }
});

test('the health report, part by part', () => {
  const r = new Readiness();
  expect(r.report()).toEqual({ status: 200, body: { status: 'ok' } });
  r.ready('teams');
  r.waitFor('slack', 'slack auth.test');
  expect(r.report()).toEqual({ status: 503, body: { status: 'starting', waiting: ['slack auth.test'] } });
  r.startupOver();
  expect(r.report()).toEqual({ status: 200, body: { status: 'degraded', waiting: ['slack auth.test'], serving: ['teams'] } });
  r.ready('slack');
  expect(r.report()).toEqual({ status: 200, body: { status: 'ok' } });
  const failing = new Readiness();
  failing.waitFor('slack', 'slack auth.test');
  failing.fail('slack', 'Slack refused the bot token (token_revoked)');
  expect(failing.report()).toEqual({ status: 503, body: { status: 'degraded', failed: [{ part: 'slack', error: 'Slack refused the bot token (token_revoked)' }], serving: [] } });
});
