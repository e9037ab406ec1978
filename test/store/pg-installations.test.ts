// The Slack installations on PostgreSQL (a real server: test/support/postgres.ts): the contract every
// backend keeps, plus what only a database shared by replicas has: two stores on one database (two
// replicas' pools) see each other's installs, and a hold on an installation is held across them.
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { pgInstallations } from '../../src/store/postgres/pg-installations.js';
import { installationsFor } from '../../src/store/choose-installations.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonStore } from '../../src/store/json-store.js';
import { jsonInstallations } from '../../src/store/json-installations.js';
import { describeImport, importJson } from '../../src/store/postgres/import-json.js';
import { describePg, useMigratedDatabase } from '../support/postgres.js';
import { installationStoreContract, orgInstall, teamInstall } from './installations-contract.js';

describePg('Slack installations on PostgreSQL', () => {
  const databases = useMigratedDatabase();

  installationStoreContract('PostgreSQL', async () => {
    const port = pgPort(await databases.fresh(), { poolSize: 4 });
    return { store: installationsFor(port), close: () => port.close() };
  });

  test('two replicas on one database: an install made by one is fetched by the other, and a hold on it waits for the other’s', async () => {
    const url = await databases.fresh();
    const ports: PgPort[] = [pgPort(url, { poolSize: 3 }), pgPort(url, { poolSize: 3 })];
    try {
      const [a, b] = ports.map((p) => pgInstallations(p));
      await a!.save(teamInstall('TA', 'xoxb-1', undefined, 1000));
      await a!.save(orgInstall('E1', 'xoxb-org'));
      await b!.noteTeam('TX', 'E1');
      expect((await b!.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-1');
      expect((await a!.fetch({ isEnterpriseInstall: false, teamId: 'TX' }))?.bot?.token).toBe('xoxb-org');

      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let firstHolds = false;
      const first = a!.exclusive('T:TA', async (held) => {
        await held.current();
        firstHolds = true;
        await gate;
        await held.save(teamInstall('TA', 'xoxb-2', undefined, 5000));
      });
      for (let i = 0; i < 500 && !firstHolds; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = b!.exclusive('T:TA', async (held) => (await held.current())?.bot?.token);
      // The second replica's transaction is waiting on the row lock (seen by the server), not running.
      const waiting = async () => (await ports[0]!.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM slack_installations%FOR UPDATE%'")).rows[0]!.n;
      for (let i = 0; i < 500 && (await waiting()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await waiting()).toBe(1);
      release();
      await first;
      expect(await second).toBe('xoxb-2');
    } finally {
      await Promise.all(ports.map((p) => p.close()));
    }
  });

  test('the schema keeps the key and the ids together: a row whose key names another workspace is refused', async () => {
    const port = pgPort(await databases.fresh(), { poolSize: 2 });
    try {
      await expect(port.pool.query(`INSERT INTO slack_installations (installation_key, is_enterprise_install, team_id, installed_at, updated_at) VALUES ('T:TB', false, 'TA', now(), now())`)).rejects.toThrow(/check constraint/);
      await expect(port.pool.query(`INSERT INTO slack_installations (installation_key, is_enterprise_install, enterprise_id, installed_at, updated_at) VALUES ('T:E1', true, 'E1', now(), now())`)).rejects.toThrow(/check constraint/);
    } finally {
      await port.close();
    }
  });

  test('coach migrate --from carries the data file’s installations over, once, keeping what the database has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-import-installations-'));
    const url = await databases.fresh();
    const port = pgPort(url, { poolSize: 2 });
    try {
      const file = join(dir, 'coach.json');
      const json = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
      const installs = jsonInstallations(json);
      await installs.save(teamInstall('TA', 'xoxb-a', undefined, 1_700_000_000));
      await installs.save(orgInstall('E1', 'xoxb-org'));
      await installs.noteTeam('TX', 'E1');
      const fromJson = { ta: await installs.fetch({ isEnterpriseInstall: false, teamId: 'TA' }), list: await installs.list() };
      await json.close();
      const data = JSON.parse(readFileSync(file, 'utf8'));
      // The database already has its own install of TB; a broken entry in the file is left out.
      data.slackOAuth.installations['T:TBROKEN'] = { installation: 'not an object' };
      await pgInstallations(port).save(teamInstall('TB', 'xoxb-db'));
      data.slackOAuth.installations['T:TB'] = { installation: teamInstall('TB', 'xoxb-file'), installedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

      const first = await importJson(url, data, []);
      expect(first.installations).toEqual({ added: 2, skipped: 2 });
      expect(describeImport(first, file, 'postgres://db')).toContain('Slack installations (with their bot tokens): 2 added, 2 already there or unusable, kept as they were.');
      const pg = pgInstallations(port);
      expect(await pg.fetch({ isEnterpriseInstall: false, teamId: 'TA' })).toEqual(fromJson.ta);
      expect((await pg.fetch({ isEnterpriseInstall: false, teamId: 'TX' }))?.bot?.token).toBe('xoxb-org');
      expect((await pg.fetch({ isEnterpriseInstall: false, teamId: 'TB' }))?.bot?.token).toBe('xoxb-db');
      const listed = await pg.list();
      for (const key of ['T:TA', 'E:E1']) expect(listed.find((i) => i.key === key)).toEqual(fromJson.list.find((i) => i.key === key));

      const again = await importJson(url, data, []);
      expect(again.installations).toEqual({ added: 0, skipped: 4 });
      expect(describeImport(again, file, 'postgres://db')).toMatch(/^Nothing new to import/);
    } finally {
      await port.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
