// The Slack installations on PostgreSQL (a real server: test/support/postgres.ts): the contract every
// backend keeps, plus what only a database shared by replicas has: two stores on one database (two
// replicas' pools) see each other's installs, and a hold on an installation is held across them.
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { pgInstallations } from '../../src/store/postgres/pg-installations.js';
import { installationsFor } from '../../src/store/choose-installations.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { installationStoreContract, orgInstall, teamInstall } from './installations-contract.js';

describePg('Slack installations on PostgreSQL', () => {
  let db: TestDatabase;
  let migrated: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    migrated = await db.create();
    await migrate(migrated);
  }, 60_000);
  afterAll(async () => { await db?.close(); });

  installationStoreContract('PostgreSQL', async () => {
    const port = pgPort(await db.create(migrated), { poolSize: 4 });
    return { store: installationsFor(port), close: () => port.close() };
  });

  test('two replicas on one database: an install made by one is fetched by the other, and a hold on it waits for the other’s', async () => {
    const url = await db.create(migrated);
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
    const port = pgPort(await db.create(migrated), { poolSize: 2 });
    try {
      await expect(port.pool.query(`INSERT INTO slack_installations (installation_key, is_enterprise_install, team_id, installed_at, updated_at) VALUES ('T:TB', false, 'TA', now(), now())`)).rejects.toThrow(/check constraint/);
      await expect(port.pool.query(`INSERT INTO slack_installations (installation_key, is_enterprise_install, enterprise_id, installed_at, updated_at) VALUES ('T:E1', true, 'E1', now(), now())`)).rejects.toThrow(/check constraint/);
    } finally {
      await port.close();
    }
  });
});
