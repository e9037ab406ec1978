// Purging a workspace through the store port (issue 13, `coach purge`), on both backends: the JSON file and
// PostgreSQL (a real server). What it counts before, that everything of the workspace goes (members,
// channels, challenges, answers, totals, incidents, wall, score log lines, its claims) and nothing of any
// other workspace, that a second purge finds nothing, and, on PostgreSQL, that the score log stays
// append-only for everyone else (the purge's exception lives only in its own transaction). The uninstall
// events' "stop the scheduled posts" goes through the same port: it is checked here on both too.
import { join } from 'node:path';
import { createLogger } from '../../src/app/logger.js';
import { handleUninstall, stopScheduledPosts } from '../../src/adapters/slack/uninstall.js';
import { streakBonus } from '../../src/domain/scores.js';
import { installationsFor } from '../../src/store/choose-installations.js';
import type { SlackInstallationStore } from '../../src/store/installations.js';
import { jsonPort } from '../../src/store/json-port.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { PgPort, pgPort } from '../../src/store/postgres/pg-port.js';
import type { StorePort, WorkspacePort } from '../../src/store/port.js';
import { describePg, useMigratedDatabase } from '../support/postgres.js';
import { orgInstall, teamInstall } from './installations-contract.js';
import { tempDir, warnings } from './tmp.js';

const silent = createLogger({ level: 'silent' });

/** Two channels of data in workspace `id`: a challenge with answers, an award, an incident, a wall, a schedule, a claim. */
async function fill(store: StorePort, id: string): Promise<void> {
  const ws: WorkspacePort = store.workspace(id);
  await ws.updateMember('U1', (m) => { m.name = `Alice ${id}`; }, { create: true });
  const posted = await ws.createChallenge('C1', { id: '2026-12-01-lost-mouse', scenarioId: 'lost-mouse', day: '2026-12-01', postedAt: '2026-12-01T14:00:00.000Z', revealAt: null },
    { expectLatest: null, rotation: { order: ['lost-mouse'], next: 1 }, choiceCount: () => 4 });
  expect(posted.kind).toBe('created');
  for (const user of ['U1', 'U2']) {
    await ws.recordAnswer('C1', { challengeId: '2026-12-01-lost-mouse', user, answer: { at: '2026-12-01T14:05:00.000Z', choice: 1, covered: [], missed: [], flags: [], score: 80 }, week: '2026-W49', streak: (p, d, day, pts) => streakBonus(p ?? undefined, d, day, pts) });
  }
  await ws.award('C2', { user: 'U3', delta: 5, kind: 'award', reason: 'merci', by: 'ADMIN', at: '2026-12-01T15:00:00.000Z', week: '2026-W49' });
  await ws.createIncident('C1', (incidentId) => ({ incident: {
    id: incidentId, title: 'VPN', lang: 'fr', platform: 'slack', openedBy: 'U1', owner: 'U1', names: {}, startedAt: '2026-12-01T14:00:00.000Z', resolvedAt: null, cadenceMin: 30,
    updateDueAt: '2026-12-01T14:30:00.000Z', remindAt: '2026-12-01T14:30:00.000Z', escalateAt: null, draft: '', timeline: [],
  } }));
  await ws.setWall('C1', { tokenHash: (id === 'T1' ? 'a' : 'b').repeat(64), createdAt: '2026-12-01T14:00:00.000Z', createdBy: 'ADMIN' });
  for (const channel of ['C1', 'C2']) await ws.updateChannel(channel, (s) => { s.platform = 'slack'; s.scheduledSince = '2026-12-01T00:00:00.000Z'; });
  expect((await store.claim(`slot:${id}:C1:2026-12-02`, 'replica-1', 60_000, new Date('2026-12-02T14:00:00Z'))).kind).toBe('claimed');
}

function purgeSuite(name: string, open: () => Promise<{ store: StorePort; installations: SlackInstallationStore; close(): Promise<void> }>): void {
  describe(`purge and uninstall through the port: ${name}`, () => {
    let store: StorePort;
    let installations: SlackInstallationStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, installations, close } = await open());
    });
    afterEach(async () => close());

    test('holdings are counted; a purge takes every row of the workspace and nothing of another; a second one finds nothing', async () => {
      await fill(store, 'T1');
      await fill(store, 'T2');
      const otherBefore = { log: (await store.readLog('T2')).length, board: await store.workspace('T2').channelBoard('C1', { week: '2026-W49', viewer: 'U1', limit: 10 }) };
      const held = { workspace: 'T1', found: true, members: 3, channels: 2, challenges: 1, incidents: 1, logEntries: 3, installations: [] };
      expect(await store.workspaceHoldings('T1')).toEqual(held);
      expect(await store.purgeWorkspace('T1')).toEqual(held);

      const gone = store.workspace('T1');
      expect(await store.workspaces()).toEqual(['T2']);
      expect(await store.readLog('T1')).toEqual([]);
      expect(await gone.channels()).toEqual([]);
      expect(await gone.member('U1')).toBeNull();
      expect(await gone.totals('C1', 'U1')).toBeNull();
      expect(await gone.incidents()).toEqual([]);
      expect(await store.wallByTokenHash('a'.repeat(64))).toBeNull();
      // Its slot claim is gone (another replica may claim it), the other workspace's is still held.
      expect((await store.claim('slot:T1:C1:2026-12-02', 'replica-2', 60_000, new Date('2026-12-02T14:00:10Z'))).kind).toBe('claimed');
      expect((await store.claim('slot:T2:C1:2026-12-02', 'replica-2', 60_000, new Date('2026-12-02T14:00:10Z'))).kind).toBe('held');
      expect((await store.activeChannels()).map((a) => `${a.workspace}/${a.channel.id}`).sort()).toEqual(['T2/C1', 'T2/C2']);

      expect((await store.readLog('T2')).length).toBe(otherBefore.log);
      expect(await store.workspace('T2').channelBoard('C1', { week: '2026-W49', viewer: 'U1', limit: 10 })).toEqual(otherBefore.board);
      expect((await store.wallByTokenHash('b'.repeat(64)))?.workspace).toBe('T2');

      const nothing = { workspace: 'T1', found: false, members: 0, channels: 0, challenges: 0, incidents: 0, logEntries: 0, installations: [] };
      expect(await store.workspaceHoldings('T1')).toEqual(nothing);
      expect(await store.purgeWorkspace('T1')).toEqual(nothing);
      expect(await store.workspaceHoldings('T9')).toEqual({ ...nothing, workspace: 'T9' });
    });

    test('uninstall events stop the workspace’s Slack posts through the port and remove its installation, in either order, idempotently', async () => {
      await fill(store, 'T1');
      await fill(store, 'T2');
      await store.workspace('T1').updateChannel('CT', (s) => { s.platform = 'teams'; s.scheduledSince = '2026-12-01T00:00:00.000Z'; });
      await installations.save(teamInstall('T1', 'xoxb-1'));
      await installations.save(orgInstall('E1', 'xoxb-org'));
      await installations.noteTeam('T2', 'E1');
      const deps = { port: store, logger: silent, installations };
      const scheduled = async (ws: string) => (await store.workspace(ws).channels()).filter((c) => c.scheduledSince).map((c) => c.id).sort();

      expect(await handleUninstall(deps, { team_id: 'T1', event: { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } } })).toEqual({ removed: ['T:T1'], stopped: ['T1'], channels: 2 });
      expect(await handleUninstall(deps, { team_id: 'T1', event: { type: 'app_uninstalled' } })).toEqual({ removed: [], stopped: [], channels: 0 });
      // Only Slack channels stop; a Teams channel of the same id space keeps its schedule.
      expect(await scheduled('T1')).toEqual(['CT']);
      expect(await scheduled('T2')).toEqual(['C1', 'C2']);

      const org = { team_id: 'T2', enterprise_id: 'E1', is_enterprise_install: true, event: { type: 'app_uninstalled' } };
      expect(await handleUninstall(deps, org)).toEqual({ removed: ['E:E1'], stopped: ['T2'], channels: 2 });
      expect(await handleUninstall(deps, { ...org, event: { type: 'tokens_revoked', tokens: { bot: ['UBOTG'] } } })).toEqual({ removed: [], stopped: [], channels: 0 });
      expect(await scheduled('T2')).toEqual([]);
      expect(await installations.list()).toEqual([]);
      // The schedule itself stays (a reinstall's `/coach schedule on` resumes it), and nothing else changed.
      expect((await store.workspace('T2').channel('C1'))!.schedule).toEqual((await store.workspace('T1').channel('C1'))!.schedule);
      expect(await stopScheduledPosts(store.workspace('T2'))).toBe(0);
      expect(await stopScheduledPosts(store.workspace('T404'))).toBe(0);
      expect(await store.workspaces()).not.toContain('T404');
    });
  });
}

purgeSuite('JSON file', async () => {
  const json = await openJsonStore(join(tempDir(), 'coach.json'), { backupsKept: 0, warn: warnings().warn });
  const store = jsonPort(json);
  return { store, installations: installationsFor(json), close: () => store.close() };
});

describePg('on PostgreSQL', () => {
  const databases = useMigratedDatabase();

  purgeSuite('PostgreSQL', async () => {
    const store = pgPort(await databases.fresh(), { poolSize: 4 });
    return { store, installations: installationsFor(store), close: () => store.close() };
  });

  test('the score log stays append-only outside the purge’s own transaction, and a table added by a later migration is purged too', async () => {
    const store = pgPort(await databases.fresh(), { poolSize: 2 });
    try {
      await fill(store, 'T1');
      await fill(store, 'T2');
      await store.pool.query("CREATE TABLE later_feature (workspace_id text NOT NULL, item text NOT NULL, FOREIGN KEY (workspace_id, item) REFERENCES channels (workspace_id, channel_id))");
      await store.pool.query("INSERT INTO later_feature VALUES ('T1', 'C1'), ('T2', 'C1')");
      await store.purgeWorkspace('T1');
      expect((await store.pool.query('SELECT workspace_id FROM later_feature')).rows).toEqual([{ workspace_id: 'T2' }]);
      await expect(store.pool.query("DELETE FROM score_log WHERE workspace_id = 'T2'")).rejects.toThrow(/append-only/);
      // Even naming the setting for another workspace lets nothing of T2 go.
      const client = await store.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('coach.purge_workspace', 'T1', true)");
        await expect(client.query("DELETE FROM score_log WHERE workspace_id = 'T2'")).rejects.toThrow(/append-only/);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      expect((await store.readLog('T2')).length).toBe(3);
      expect(store).toBeInstanceOf(PgPort);
    } finally {
      await store.close();
    }
  });
});
