// Versioned migrations on a real PostgreSQL: applied once, also by replicas starting together, and the
// schema's constraints carry the rules (one answer per member per challenge, an append-only score log).
import pg from 'pg';
import { migrate } from '../../src/store/postgres/migrate.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

describePg('PostgreSQL migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
  afterAll(async () => { await db?.close(); });

  async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { return await fn(client); } finally { await client.end(); }
  }

  it('applies every migration once; a second run applies nothing', async () => {
    const first = await migrate(db.url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.current).toEqual(first.applied);
    const second = await migrate(db.url);
    expect(second.applied).toEqual([]);
    expect(second.current).toEqual(first.current);
  });

  it('two concurrent runs on a fresh database migrate once between them, both succeed', async () => {
    const url = await db.create();
    const runs = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const applied = runs.flatMap((r) => r.applied);
    expect(applied).toEqual(runs[0]!.current);
    expect(new Set(applied).size).toBe(applied.length);
    for (const r of runs) expect(r.current).toEqual(runs[0]!.current);
    const count = await withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM pgmigrations')).rows[0].n);
    expect(count).toBe(runs[0]!.current.length);
  });

  describe('constraints', () => {
    let url: string;
    beforeAll(async () => {
      url = await db.create();
      await migrate(url);
      await withClient(url, async (c) => {
        await c.query(`INSERT INTO channels (workspace_id, channel_id, settings) VALUES ('T1', 'C1', '{}')`);
        await c.query(`INSERT INTO challenges (workspace_id, channel_id, challenge_id, scenario_id, day, posted_at) VALUES ('T1', 'C1', '2026-11-30-s', 's', '2026-11-30', now())`);
        await c.query(`INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id) VALUES ('T1', 'C1', 'U1', now(), 5, 'award', 'help', 'A1'), ('T2', 'C1', 'U1', now(), 3, 'award', 'help', 'A1')`);
      });
    });

    const answer = (member: string) => `INSERT INTO answers (workspace_id, channel_id, challenge_id, member_id, at, score) VALUES ('T1', 'C1', '2026-11-30-s', '${member}', now(), 7)`;

    it('refuses a second answer of the same member to the same challenge', async () => {
      await withClient(url, async (c) => {
        await c.query(answer('U1'));
        await c.query(answer('U2'));
        await expect(c.query(answer('U1'))).rejects.toThrow(/duplicate key value violates unique constraint "answers_pkey"/);
      });
    });

    it('refuses a second challenge on the same day in a channel', async () => {
      await withClient(url, async (c) => {
        await expect(c.query(`INSERT INTO challenges (workspace_id, channel_id, challenge_id, scenario_id, day, posted_at) VALUES ('T1', 'C1', '2026-11-30-t', 't', '2026-11-30', now())`))
          .rejects.toThrow(/challenges_workspace_id_channel_id_day_key/);
      });
    });

    it('refuses to update, delete or truncate the score log', async () => {
      await withClient(url, async (c) => {
        await expect(c.query(`UPDATE score_log SET delta = 100`)).rejects.toThrow(/append-only: UPDATE refused/);
        await expect(c.query(`DELETE FROM score_log`)).rejects.toThrow(/append-only: DELETE refused/);
        await expect(c.query(`TRUNCATE score_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
        // Even in the pseudonymisation transaction, only who it names may change, never the points.
        await c.query('BEGIN');
        await c.query(`SET LOCAL coach.pseudonymise = 'on'`);
        await expect(c.query(`UPDATE score_log SET delta = 100 WHERE workspace_id = 'T1'`)).rejects.toThrow(/append-only/);
        await c.query('ROLLBACK');
        const { rows } = await c.query('SELECT workspace_id, member_id, delta FROM score_log ORDER BY id');
        expect(rows).toEqual([{ workspace_id: 'T1', member_id: 'U1', delta: 5 }, { workspace_id: 'T2', member_id: 'U1', delta: 3 }]);
      });
    });

    it('lets the right to be forgotten rename a member, and a purge delete only its own workspace', async () => {
      await withClient(url, async (c) => {
        await c.query('BEGIN');
        await c.query(`SET LOCAL coach.pseudonymise = 'on'`);
        await c.query(`UPDATE score_log SET member_id = 'forgotten-1', reason = 'help' WHERE workspace_id = 'T1' AND member_id = 'U1'`);
        await c.query('COMMIT');
        await c.query('BEGIN');
        await c.query(`SET LOCAL coach.purge_workspace = 'T2'`);
        await expect(c.query(`DELETE FROM score_log`)).rejects.toThrow(/append-only: DELETE refused/);
        await c.query('ROLLBACK');
        await c.query('BEGIN');
        await c.query(`SET LOCAL coach.purge_workspace = 'T2'`);
        await c.query(`DELETE FROM score_log WHERE workspace_id = 'T2'`);
        await c.query('COMMIT');
        const { rows } = await c.query('SELECT workspace_id, member_id, delta FROM score_log ORDER BY id');
        expect(rows).toEqual([{ workspace_id: 'T1', member_id: 'forgotten-1', delta: 5 }]);
        // The setting was local to those transactions.
        await expect(c.query(`UPDATE score_log SET member_id = 'x'`)).rejects.toThrow(/append-only/);
      });
    });
  });
});
