// Versioned schema migrations for PostgreSQL: the SQL files in `migrations/` (repository root), applied in
// order by node-pg-migrate and recorded in its `pgmigrations` table. Applied by `npx coach migrate` and by
// every coach at start, under a PostgreSQL advisory lock that waits: when several replicas start together,
// the first migrates and the others wait for it, then find nothing left to do.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

// Compiled code runs as ESM (dist/store/postgres), the tests as CommonJS (src/store/postgres): both are
// three folders below the repository root.
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** The folder holding the migration files (`<timestamp>_<name>.sql`, with `-- Up Migration` / `-- Down Migration`). */
export const MIGRATIONS_DIR = resolve(here, '../../../migrations');

/** The table node-pg-migrate records applied migrations in. */
export const MIGRATIONS_TABLE = 'pgmigrations';

/**
 * The advisory lock key every coach takes while migrating (any fixed 64-bit number; this one is
 * "coach-mg" in ASCII). node-pg-migrate's own lock only tries once and fails; ours waits.
 */
export const MIGRATION_LOCK = 0x636f6163682d6d67n;

export interface MigrateResult {
  /** The migrations this call applied, oldest first (names without the extension); empty when up to date. */
  applied: string[];
  /** Every migration now recorded in the database, oldest first. */
  current: string[];
}

/**
 * Brings the database at `connection` (a URL or pg client settings) up to the newest migration. Waits for
 * the advisory lock MIGRATION_LOCK first, so concurrent calls (replicas starting together) migrate once.
 * Each migration runs in its own transaction. Rejects with the database's error when one fails (that
 * migration is rolled back; those before it stay applied).
 */
export async function migrate(connection: string | pg.ClientConfig, options: { dir?: string } = {}): Promise<MigrateResult> {
  const client = new pg.Client(typeof connection === 'string' ? { connectionString: connection } : connection);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      const ran = await runner({
        dbClient: client,
        dir: options.dir ?? MIGRATIONS_DIR,
        migrationsTable: MIGRATIONS_TABLE,
        direction: 'up',
        count: Infinity,
        checkOrder: true,
        noLock: true,
        log: () => {},
      });
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`);
      return { applied: ran.map((m) => m.name), current: rows.map((r) => r.name) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** The migrations found in `dir` that the database has not applied (without applying anything). */
export async function pendingMigrations(connection: string, options: { dir?: string } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    const ran = await runner({ dbClient: client, dir: options.dir ?? MIGRATIONS_DIR, migrationsTable: MIGRATIONS_TABLE, direction: 'up', count: Infinity, dryRun: true, noLock: true, log: () => {} });
    return ran.map((m) => m.name);
  } finally {
    await client.end();
  }
}
