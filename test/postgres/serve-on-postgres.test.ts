// Issue 13: `coach start` with DATABASE_URL serves Slack from PostgreSQL, and several replicas share it.
// Two real processes on one database, signed Slack requests over loopback HTTP, the fake Web API: a
// challenge posted through one replica is answered through the other, the board and the review queue read
// on either see the same data, /healthz names the database, and nothing is written to a data file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../support/serve-child.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { FakeSlack, postSigned, SIGNING_SECRET, slashBody } from '../slack/fake-slack.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

let db: TestDatabase;
beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
afterAll(async () => { await db?.close(); });

describePg('coach start on PostgreSQL, two replicas', () => {
  jest.setTimeout(90_000);

  test('a challenge posted through one replica is answered through the other; boards, queue and health agree', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const env = {
      DATABASE_URL: db.url, SLACK_BOT_TOKEN: 'xoxb-111-222-pgreplicas', SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${fake.url}/api/`, COACH_ADMINS: 'UADMIN', COACH_HOLIDAYS: 'none', COACH_LANG: 'fr',
    };
    const a = await startServer(env);
    const b = await startServer(env);
    try {
      const events = (port: number) => `http://127.0.0.1:${port}/slack/events`;
      let id = 0;
      const slash = async (port: number, command: string, text: string, user: string) => {
        const n = ++id;
        const res = await postSigned(events(port), slashBody(fake, { command, text, user, channel: 'CPG', id: n }), FORM_TYPE);
        expect(res.status).toBe(200);
        return (await fake.response(n)).body;
      };

      // Both replicas opened the same migrated database (the second found nothing left to apply).
      for (const server of [a, b]) {
        const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
      }
      const opened = [a, b].map((s) => s.logs().split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.msg === 'store open'));
      expect(opened.map((l) => l?.store)).toEqual(['postgresql', 'postgresql']);
      expect(a.logs() + b.logs()).not.toContain('pgreplicas');

      // Replica A posts the challenge; replica B takes the answer from the button.
      await postSigned(events(a.port), slashBody(fake, { command: '/coach', text: 'post', user: 'UADMIN', channel: 'CPG', id: ++id }), FORM_TYPE);
      const post = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CPG');
      const button = (post.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((x) => x.type === 'actions')!.elements![0]!;
      const click = (user: string, n: number) => ({
        type: 'block_actions', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, channel: { id: 'CPG' },
        trigger_id: 't', response_url: `${fake.url}/respond/${n}`, actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'b', action_ts: '1' }],
        container: { type: 'message', message_ts: post.body.ts ?? '1', channel_id: 'CPG' }, api_app_id: 'A1', token: 'x',
      });
      const first = ++id;
      expect((await postSigned(events(b.port), `payload=${encodeURIComponent(JSON.stringify(click('UBOB', first)))}`, FORM_TYPE)).status).toBe(200);
      const feedback = JSON.stringify((await fake.response(first)).body);
      const score = Number(feedback.match(/(\d+)\/10/)![1]);
      // The same click on the other replica: one answer only, whichever replica takes it.
      const again = ++id;
      await postSigned(events(a.port), `payload=${encodeURIComponent(JSON.stringify(click('UBOB', again)))}`, FORM_TYPE);
      expect(JSON.stringify((await fake.response(again)).body)).toContain('déjà répondu');

      // The board on replica A shows the answer taken by replica B.
      const board = JSON.stringify(await slash(a.port, '/leaderboard', '', 'UBOB'));
      expect(board).toContain(`#1 cette semaine (${score} pt`);

      // A contest through A is in the queue an admin reads through B (issue 14's data on PostgreSQL).
      expect(JSON.stringify(await slash(a.port, '/coach', 'contest j’ai bien vérifié son identité', 'UBOB'))).toContain('file de révision');
      expect(JSON.stringify(await slash(b.port, '/coach', 'queue', 'UADMIN'))).toContain('j’ai bien vérifié son identité');

      // Everything is in the database, nothing in a data file.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);
        expect(await count(`SELECT count(*) AS n FROM answers WHERE workspace_id = 'T1' AND member_id = 'UBOB'`)).toBe(1);
        expect(await count(`SELECT count(*) AS n FROM score_log WHERE workspace_id = 'T1' AND member_id = 'UBOB' AND kind = 'answer'`)).toBe(1);
        expect(await count(`SELECT count(*) AS n FROM review_items WHERE workspace_id = 'T1'`)).toBe(1);
      } finally {
        await client.end();
      }
      expect(existsSync(join(a.dir, 'coach.json'))).toBe(false);
      expect(existsSync(join(b.dir, 'coach.json'))).toBe(false);
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);
    } finally {
      a.cleanup();
      b.cleanup();
      await fake.stop();
    }
  });
});
