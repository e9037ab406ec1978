// `npx coach forget` on PostgreSQL (DATABASE_URL set, no --file), spawned as an operator runs it, against a
// real server: the member's entry, answers and name go, their score log lines are rewritten under a
// pseudonym (the log's documented exception), the team's totals stay, other members and workspaces are
// untouched; unknown members and workspaces are refused; without a terminal it asks for --yes.
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { coachOnDatabase } from '../support/coach-on-database.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const coach = coachOnDatabase;

describePg('coach forget on PostgreSQL', () => {
  let db: TestDatabase;
  let url: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    url = await db.create();
    await migrate(url);
    const port = pgPort(url, { poolSize: 2 });
    try {
      for (const team of ['T1', 'T2']) {
        const ws = port.workspace(team);
        await ws.award('C1', { user: 'U_ZOE', delta: 5, kind: 'award', reason: 'merci', by: 'U_LEAD', at: '2026-12-01T14:00:00.000Z', week: '2026-W49', name: 'Zoé Tremblay' });
        await ws.award('C1', { user: 'U_BOB', delta: 3, kind: 'award', reason: 'merci', by: 'U_ZOE', at: '2026-12-01T14:01:00.000Z', week: '2026-W49', name: 'Bob' });
      }
    } finally {
      await port.close();
    }
  }, 60_000);
  afterAll(async () => { await db?.close(); });

  test('refusals first: no terminal and no --yes, an unknown member, an unknown workspace; then --yes forgets them in that workspace only', async () => {
    const noTty = await coach(url, ['forget', '--workspace', 'T1', '--member', 'U_ZOE']);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toContain('run it in a terminal to confirm, or add --yes. Nothing was removed.');
    const nobody = await coach(url, ['forget', '--workspace', 'T1', '--member', 'U_NOBODY', '--yes']);
    expect([nobody.status, nobody.stderr]).toEqual([1, 'coach forget: workspace "T1" keeps nothing about member "U_NOBODY". Nothing was removed.\n']);
    const noWs = await coach(url, ['forget', '--workspace', 'T9', '--member', 'U_ZOE', '--yes']);
    expect(noWs.status).toBe(1);
    expect(noWs.stderr).toContain('has no workspace "T9"');

    const run = await coach(url, ['forget', '--workspace', 'T1', '--member', 'U_ZOE', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Forgot member "U_ZOE" of workspace "T1" \(known as “Zoé Tremblay”, a name no longer kept\):/);
    expect(run.stdout).toMatch(/running totals: 1 channel, 5 points kept for the team under forgotten-[0-9a-f]{8}/);
    expect(run.stdout).toMatch(/score log lines rewritten with forgotten-[0-9a-f]{8}: 2/);
    expect(run.stdout).toContain('pg_dump');

    const port = pgPort(url, { poolSize: 1 });
    try {
      const named = async (sql: string) => (await port.pool.query<{ n: number }>(`SELECT (${sql})::int AS n`)).rows[0]!.n;
      expect(await named("SELECT count(*) FROM score_log WHERE workspace_id = 'T1' AND (member_id = 'U_ZOE' OR by_id = 'U_ZOE' OR reason LIKE '%Zoé%')")).toBe(0);
      expect(await named("SELECT count(*) FROM members WHERE workspace_id = 'T1' AND (member_id = 'U_ZOE' OR name LIKE 'Zoé%')")).toBe(0);
      expect(await named("SELECT sum(points) FROM totals WHERE workspace_id = 'T1'")).toBe(8);
      expect(await named("SELECT count(*) FROM score_log WHERE workspace_id = 'T2' AND member_id = 'U_ZOE'")).toBe(1);
      expect(await named("SELECT count(*) FROM members WHERE workspace_id = 'T1' AND member_id = 'U_BOB'")).toBe(1);
    } finally {
      await port.close();
    }
  });
});
