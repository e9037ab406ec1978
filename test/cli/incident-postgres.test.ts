// `coach incident list` and `coach incident report ID` on PostgreSQL (DATABASE_URL set, no --file), as an
// operator runs them: the incidents the coach keeps in the database, never "the data file does not exist".
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { coachOnDatabase } from '../support/coach-on-database.js';
import { describePg, useMigratedDatabase } from '../support/postgres.js';

describePg('coach incident on PostgreSQL', () => {
  const databases = useMigratedDatabase();

  test('lists the incidents of every workspace and writes one’s report; unknown ones are refused', async () => {
    const url = await databases.fresh();
    const port = pgPort(url, { poolSize: 2 });
    try {
      for (const [workspace, title] of [['T1', 'VPN en panne'], ['T2', 'Courriel lent']] as const) {
        await port.workspace(workspace).updateChannel('C1', (s) => { s.name = 'soutien'; s.schedule = { cron: '0 9 * * 1-5', timezone: 'America/Toronto' }; }, { create: true });
        await port.workspace(workspace).createIncident('C1', (id) => ({ incident: {
          id, title, lang: 'fr', platform: 'slack', openedBy: 'U1', owner: 'U1', names: { U1: 'Alice' }, startedAt: '2026-11-14T12:00:00.000Z', resolvedAt: null,
          cadenceMin: 30, updateDueAt: '2026-11-14T12:30:00.000Z', remindAt: '2026-11-14T12:30:00.000Z', escalateAt: null, draft: '',
          timeline: [{ at: '2026-11-14T12:00:00.000Z', kind: 'opened', by: 'U1', text: title }],
        } }));
      }
    } finally {
      await port.close();
    }
    const list = await coachOnDatabase(url, ['incident', 'list']);
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      'workspace\tid\tchannel\tstate\tkind\tstarted\tresolved\towner\ttitle',
      'T1\t1\tC1\topen\tincident\t2026-11-14T12:00:00.000Z\t\tAlice\tVPN en panne',
      'T2\t1\tC1\topen\tincident\t2026-11-14T12:00:00.000Z\t\tAlice\tCourriel lent',
    ]);
    const ambiguous = await coachOnDatabase(url, ['incident', 'report', '1']);
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toContain('incident 1 exists in several workspaces (T1, T2): name one with --workspace');
    const report = await coachOnDatabase(url, ['incident', 'report', '1', '--workspace', 'T1']);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('VPN en panne');
    expect(report.stdout).toMatch(/07 h 00|7 h 00/); // 12:00 UTC in the channel's zone (Toronto)
    const unknown = await coachOnDatabase(url, ['incident', 'list', '--workspace', 'T9']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^coach incident: there is no workspace "T9" in postgres:\/\//);
  });
});
