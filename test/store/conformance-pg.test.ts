// The store port's conformance suite on PostgreSQL (a real server: see test/support/postgres.ts). Each
// test gets a fresh database copied from one migrated once.
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { describeStoreConformance } from './conformance.js';

describePg('PostgreSQL store', () => {
  let db: TestDatabase;
  let migrated: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    migrated = await db.create();
    await migrate(migrated);
  }, 60_000);
  afterAll(async () => { await db?.close(); });

  describeStoreConformance('PostgreSQL', async () => {
    const store = pgPort(await db.create(migrated), { poolSize: 10 });
    return { store, close: () => store.close() };
  });
});
