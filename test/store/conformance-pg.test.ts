// The store port's conformance suite on PostgreSQL (a real server: see test/support/postgres.ts). Each
// test gets a fresh database copied from one migrated once.
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { describePg, useMigratedDatabase } from '../support/postgres.js';
import { describeStoreConformance } from './conformance.js';

describePg('PostgreSQL store', () => {
  const databases = useMigratedDatabase();

  describeStoreConformance('PostgreSQL', async () => {
    const store = pgPort(await databases.fresh(), { poolSize: 10 });
    return { store, close: () => store.close() };
  });
});
