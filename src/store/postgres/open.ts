// Opening the PostgreSQL store at start: the migrations first (under the advisory lock, so replicas
// starting together migrate once: migrate.ts), then the pool. A database that cannot be reached or
// migrated stops the start with one clear message (StoreOpenError), the URL's password never in it.
import { StoreOpenError } from '../errors.js';
import { migrate, type MigrateResult } from './migrate.js';
import { PgPort, type PgPortOptions } from './pg-port.js';
import { redactDatabaseUrl } from './url.js';

/** The migrated store and what the migration did (the caller logs it). */
export async function openPostgresStore(url: string, options: PgPortOptions = {}): Promise<{ port: PgPort; migrated: MigrateResult }> {
  const where = redactDatabaseUrl(url);
  let migrated: MigrateResult;
  try {
    migrated = await migrate(url);
  } catch (err) {
    const problem = `cannot be migrated: ${(err as Error).message}`;
    throw new StoreOpenError(`Support Coach cannot start: the database ${where} ${problem}. Check DATABASE_URL and that PostgreSQL is running; \`npx coach migrate\` applies the migrations by hand.`, where, problem, null, 'npx coach migrate', { cause: err });
  }
  return { port: new PgPort(url, { label: where, ...options }), migrated };
}
