// Several replicas (separate processes) on one PostgreSQL database: they migrate once when started
// together; 1,000 concurrent answers spread over two are each recorded once with totals equal to the
// score log; and a replica killed with SIGKILL mid-burst loses nothing it had confirmed.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { root } from '../helpers.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

interface Replica { port: number; child: ChildProcess; migrated: number; exited: Promise<number | null>; logs: () => string }

const started: Replica[] = [];

async function startReplica(url: string): Promise<Replica> {
  const child = spawn(process.execPath, [join(root, 'test/support/pg-replica.mjs')], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let logs = '';
  child.stdout!.on('data', (d) => (logs += d));
  child.stderr!.on('data', (d) => (logs += d));
  const replica = await new Promise<Replica>((resolve, reject) => {
    const timer = setTimeout(() => { clearInterval(check); reject(new Error(`replica not ready: ${logs}`)); }, 30_000);
    const check = setInterval(() => {
      const m = logs.match(/listening (\d+) migrated (\d+)/);
      if (m) { clearTimeout(timer); clearInterval(check); resolve({ port: Number(m[1]), child, migrated: Number(m[2]), exited, logs: () => logs }); }
    }, 20);
  });
  started.push(replica);
  return replica;
}

afterEach(async () => {
  for (const r of started.splice(0)) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
    await r.exited;
  }
});

type Outcome = { ok: true; kind: string } | { ok: false; error: string };

async function answer(replica: Replica, challengeId: string, user: string, score: number): Promise<Outcome> {
  try {
    const res = await fetch(`http://127.0.0.1:${replica.port}/answer`, {
      method: 'POST',
      body: JSON.stringify({ workspace: 'T1', channel: 'C1', challengeId, user, score, at: '2026-12-01T14:00:00.000Z', week: '2026-W49' }),
    });
    const body = (await res.json()) as { kind?: string; error?: string };
    return res.status === 200 ? { ok: true, kind: body.kind! } : { ok: false, error: body.error ?? String(res.status) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

async function postChallenge(url: string): Promise<string> {
  const store = pgPort(url);
  try {
    const out = await store.workspace('T1').createChallenge('C1', { id: '2026-12-01-s', scenarioId: 's', day: '2026-12-01', postedAt: '2026-12-01T13:00:00.000Z', revealAt: null },
      { expectLatest: null, rotation: { order: [], next: 0 }, choiceCount: () => 4 });
    if (out.kind !== 'created') throw new Error(out.kind);
    return out.challenge.id;
  } finally {
    await store.close();
  }
}

/** What the database holds: answers, answer events, and members whose totals differ from their score log. */
async function audit(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const answers = (await client.query<{ member_id: string }>(`SELECT member_id FROM answers WHERE workspace_id = 'T1'`)).rows.map((r) => r.member_id);
    const events = (await client.query<{ member_id: string }>(`SELECT member_id FROM score_log WHERE workspace_id = 'T1' AND kind = 'answer'`)).rows.map((r) => r.member_id);
    const mismatched = (await client.query(`
      SELECT t.member_id FROM totals t FULL JOIN (SELECT member_id, sum(delta)::int AS points, count(*) FILTER (WHERE kind = 'answer')::int AS answers FROM score_log WHERE workspace_id = 'T1' AND channel_id = 'C1' GROUP BY member_id) l
        ON l.member_id = t.member_id AND t.workspace_id = 'T1' AND t.channel_id = 'C1'
      WHERE t.points IS DISTINCT FROM l.points OR t.answers IS DISTINCT FROM l.answers`)).rows;
    return { answers, events, mismatched };
  } finally {
    await client.end();
  }
}

describePg('replicas on one PostgreSQL database', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
  afterAll(async () => { await db?.close(); });

  it('replicas starting together on a new database migrate it once between them', async () => {
    const url = await db.create();
    const replicas = await Promise.all([startReplica(url), startReplica(url), startReplica(url)]);
    const migrated = replicas.map((r) => r.migrated).sort();
    expect(migrated.filter((n) => n > 0)).toHaveLength(1);
    expect((await migrate(url)).applied).toEqual([]);
    for (const r of replicas) expect((await fetch(`http://127.0.0.1:${r.port}/healthz`)).status).toBe(200);
  }, 60_000);

  it('1,000 concurrent answers spread over two replicas: each recorded once, totals equal to the score log', async () => {
    const url = await db.create();
    await migrate(url);
    const challenge = await postChallenge(url);
    const [a, b] = await Promise.all([startReplica(url), startReplica(url)]);
    // 800 members; 200 of them answer twice at once, once through each replica.
    const requests: Promise<Outcome>[] = [];
    for (let i = 0; i < 800; i++) {
      requests.push(answer(i % 2 ? a! : b!, challenge, `U${i}`, i % 11));
      if (i < 200) requests.push(answer(i % 2 ? b! : a!, challenge, `U${i}`, 10 - (i % 11)));
    }
    const outcomes = await Promise.all(requests);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(outcomes.filter((o) => o.ok && o.kind === 'recorded')).toHaveLength(800);
    expect(outcomes.filter((o) => o.ok && o.kind === 'already')).toHaveLength(200);
    const { answers, events, mismatched } = await audit(url);
    expect(answers).toHaveLength(800);
    expect(new Set(answers).size).toBe(800);
    expect(events.sort()).toEqual(answers.sort());
    expect(mismatched).toEqual([]);
  }, 120_000);

  it('kill -9 of one replica mid-burst: every confirmed answer is there, nothing half-recorded', async () => {
    const url = await db.create();
    await migrate(url);
    const challenge = await postChallenge(url);
    const [victim, survivor] = await Promise.all([startReplica(url), startReplica(url)]);
    const confirmed: string[] = [];
    let victimConfirmed = 0;
    let killed = false;
    let victimFailed = 0;
    const requests: Promise<void>[] = [];
    // The answers arrive over about a second (ten every 5 ms), so the victim dies with work still coming.
    for (let i = 0; i < 1000; i++) {
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
      const target = i % 2 ? victim! : survivor!;
      const user = `U${i}`;
      requests.push(answer(target, challenge, user, 1 + (i % 10)).then((o) => {
        if (!o.ok || o.kind !== 'recorded') {
          if (target === victim) victimFailed += 1;
          return;
        }
        confirmed.push(user);
        if (target === victim && ++victimConfirmed === 100 && !killed) {
          killed = true;
          victim!.child.kill('SIGKILL');
        }
      }));
    }
    await Promise.all(requests);
    expect(killed).toBe(true);
    expect(await victim!.exited).toBeNull(); // killed by the signal
    const { answers, events, mismatched } = await audit(url);
    // Every confirmed answer is recorded; answers the victim took but never confirmed are either wholly
    // there (committed before the kill) or not at all.
    expect(answers).toEqual(expect.arrayContaining(confirmed));
    expect(events.sort()).toEqual([...answers].sort());
    expect(mismatched).toEqual([]);
    // The survivor confirmed all of its own.
    expect(confirmed.filter((u) => Number(u.slice(1)) % 2 === 0)).toHaveLength(500);
    expect(victimFailed).toBeGreaterThan(0);
    expect(victimConfirmed + victimFailed).toBe(500);
  }, 120_000);
});
