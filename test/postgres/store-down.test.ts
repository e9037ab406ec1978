// A database that goes away while the coach runs: every surface tells the person at once, in their
// language, that nothing was recorded, and keeps running (the terminal chat stays open, Slack still
// answers at the response_url). Found by a tester who stopped PostgreSQL under a running coach.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../helpers.js';
import { startServer } from '../support/serve-child.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { FakeSlack, postSigned, SIGNING_SECRET, slashBody } from '../slack/fake-slack.js';

let db: TestDatabase;
beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
afterAll(async () => { await db?.close(); });

/** Drops the database at `url` under the coach's feet (its connections are ended too). */
async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Resolves once `read()` contains `text` (bounded). */
async function until(read: () => string, text: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!read().includes(text)) {
    if (Date.now() > end) throw new Error(`never saw ${JSON.stringify(text)} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describePg('the database goes away under a running coach', () => {
  jest.setTimeout(90_000);

  test('the terminal chat says nothing was recorded, in the person’s language, and stays open', async () => {
    const url = await db.create();
    const child = spawn(process.execPath, [join(root, 'bin/coach.js'), 'start'], {
      cwd: root, stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: url, COACH_LANG: 'fr', COACH_HOLIDAYS: 'none', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', MICROSOFT_APP_ID: '', TEAMS_ALLOW_ANONYMOUS: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      child.stdin.write('/leaderboard\n');
      await until(() => out, 'Classement');
      await dropDatabase(url);
      child.stdin.write('/leaderboard\n/coach lang en\n/playbook outage\n/quit\n');
      expect(await exited).toBe(0);
      expect(out).toContain('Le coach n’arrive pas à joindre ses données en ce moment : rien n’a été enregistré pour cette demande.');
      // Every later line got an answer too, the chat never died.
      expect(out.match(/Le coach n’arrive pas à joindre ses données/g)!.length).toBeGreaterThanOrEqual(2);
      expect(err).not.toMatch(/StoreWriteError|at async/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('Slack: a slash command still gets its reply at the response_url, in the person’s language', async () => {
    const url = await db.create();
    const fake = new FakeSlack();
    await fake.start();
    const server = await startServer({ DATABASE_URL: url, SLACK_BOT_TOKEN: 'xoxb-111-222-storedown', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, COACH_LANG: 'fr' });
    try {
      const events = `http://127.0.0.1:${server.port}/slack/events`;
      await dropDatabase(url);
      const res = await postSigned(events, slashBody(fake, { command: '/leaderboard', text: '', user: 'UBOB', channel: 'CDOWN', id: 1 }), 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
      expect(JSON.stringify((await fake.response(1)).body)).toContain('Le coach n’arrive pas à joindre ses données en ce moment');
      // Eve's Slack is in English (users.info: en-US): she is answered in English.
      const english = await postSigned(events, slashBody(fake, { command: '/playbook', text: 'the server is down and nobody can log in', user: 'UENEVE', channel: 'CDOWN', id: 2 }), 'application/x-www-form-urlencoded');
      expect(english.status).toBe(200);
      expect(JSON.stringify((await fake.response(2)).body)).toContain('The coach cannot reach its data right now: nothing was recorded for this request.');
      // /healthz says why.
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(503);
      expect(await server.stop()).toBe(0);
    } finally {
      server.cleanup();
      await fake.stop();
    }
  });
});
