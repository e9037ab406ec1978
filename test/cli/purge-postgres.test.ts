// `npx coach purge --workspace ID` on PostgreSQL (DATABASE_URL set, no --file), as an operator runs it:
// spawned bin/coach.js against a real server (test/support/postgres.ts). The confirmation typed on stdin,
// what it prints (the URL's password never), every row of the workspace gone (score log lines through the
// log's documented purge exception, claims, its Slack installation and org membership) and nothing of the
// other workspace; a database not migrated yet is refused before anything is deleted.
import { installationsFor } from '../../src/store/choose-installations.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { coachOnDatabase } from '../support/coach-on-database.js';
import { describePg, useMigratedDatabase } from '../support/postgres.js';
import { teamInstall } from '../store/installations-contract.js';

const PASSWORD = 'pUrge-s3cret';

const coach = coachOnDatabase;

/** The URL with a password (the test cluster trusts loopback, so any password connects). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

describePg('coach purge on PostgreSQL', () => {
  const databases = useMigratedDatabase();

  async function seeded(): Promise<string> {
    const url = await databases.fresh();
    const port = pgPort(url, { poolSize: 2 });
    try {
      for (const team of ['TGONE', 'TSTAY']) {
        const ws = port.workspace(team);
        for (let i = 0; i < 3; i++) await ws.award('C1', { user: `U_${team}`, delta: 2 + i, kind: 'award', reason: `merci ${team}`, by: 'U_LEAD', at: '2026-12-01T14:00:00.000Z', week: '2026-W49', name: `Member ${team}` });
        await port.claim(`slot:${team}:C1:2026-12-01`, 'replica-1', 60_000, new Date('2026-12-01T14:00:00Z'));
        await installationsFor(port).save(teamInstall(team, `xoxb-${team.toLowerCase()}-secret`, 'E1'));
        await installationsFor(port).noteTeam(team, 'E1');
      }
    } finally {
      await port.close();
    }
    return withPassword(url);
  }

  async function count(url: string, sql: string): Promise<number> {
    const port = pgPort(url, { poolSize: 1 });
    try {
      return (await port.pool.query<{ n: number }>(`SELECT (${sql})::int AS n`)).rows[0]!.n;
    } finally {
      await port.close();
    }
  }

  test('confirmed on stdin: every row of the workspace goes, the other keeps everything, the password is never printed', async () => {
    const url = await seeded();
    const run = await coach(url, ['purge', '--workspace', 'TGONE'], 'TGONE\n');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Workspace "TGONE" in postgres://');
    expect(run.stderr).toContain('holds: 1 member, 1 channel (0 challenges, 0 incidents), 3 score log lines, its Slack installation.');
    expect(run.stdout).toMatch(/^Purged workspace "TGONE" from postgres:\/\/.*:\n/);
    expect(run.stdout).toContain('  score log lines deleted: 3\n');
    expect(run.stdout).toContain('  Slack installation: removed (T:TGONE)');
    expect(run.stdout).toContain('pg_dump');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(run.stdout + run.stderr).not.toMatch(/xoxb-/);
    for (const table of ['members', 'channels', 'totals', 'score_log']) {
      expect(await count(url, `SELECT count(*) FROM ${table} WHERE workspace_id = 'TGONE'`)).toBe(0);
      expect(await count(url, `SELECT count(*) FROM ${table} WHERE workspace_id = 'TSTAY'`)).toBeGreaterThan(0);
    }
    expect(await count(url, "SELECT count(*) FROM claims WHERE key LIKE 'slot:TGONE:%'")).toBe(0);
    expect(await count(url, "SELECT count(*) FROM claims WHERE key LIKE 'slot:TSTAY:%'")).toBe(1);
    expect(await count(url, "SELECT count(*) FROM slack_installations WHERE team_id = 'TGONE'")).toBe(0);
    expect(await count(url, "SELECT count(*) FROM slack_enterprise_teams WHERE team_id = 'TGONE'")).toBe(0);
    expect(await count(url, "SELECT count(*) FROM slack_installations WHERE team_id = 'TSTAY'")).toBe(1);
    expect(await count(url, "SELECT count(*) FROM score_log WHERE workspace_id = 'TSTAY'")).toBe(3);

    const again = await coach(url, ['purge', '--workspace', 'TGONE', '--yes']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('has no workspace "TGONE" (it has: TSTAY). Nothing was deleted.');
  });

  test('not confirmed, or a database not migrated: nothing is deleted', async () => {
    const url = await seeded();
    const wrong = await coach(url, ['purge', '--workspace', 'TGONE'], 'TSTAY\n');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('not confirmed ("TSTAY" is not "TGONE"). Nothing was deleted.');
    expect(await count(url, "SELECT count(*) FROM score_log WHERE workspace_id = 'TGONE'")).toBe(3);

    const bare = withPassword(await databases.bare());
    const refused = await coach(bare, ['purge', '--workspace', 'TGONE', '--yes']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is not up to date');
    expect(refused.stderr).toContain('npx coach migrate');
    expect(refused.stderr).not.toContain(PASSWORD);
  });
});
