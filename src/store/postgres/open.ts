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

/**
 * Why a running coach does not start on PostgreSQL yet: walls, incidents and privacy requests still read
 * and write the JSON data file directly (not through the store port), so a coach on DATABASE_URL would keep
 * part of its data in each place. Refusing is better than splitting the data. The commands that work on
 * the database today are named. Remove this once every module goes through the port (then openCoach opens
 * openPostgresStore(config.databaseUrl) instead of the JSON store).
 */
export function notServedOnPostgres(url: string): StoreOpenError {
  const where = redactDatabaseUrl(url);
  const problem = 'is set, but this version of the coach still keeps walls, incidents and privacy requests in the JSON data file';
  return new StoreOpenError(
    `Support Coach cannot start on PostgreSQL: DATABASE_URL (${where}) ${problem}, and it will not split your data between the two. Unset DATABASE_URL to run on the data file. Already working with the database: \`npx coach migrate\`, \`npx coach migrate --from data/coach.json\`, \`npx coach export\` and \`npx coach restore\`.`,
    where, problem, null, null);
}
