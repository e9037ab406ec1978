// Real PostgreSQL for the test suites, never a mock. With DATABASE_URL set, the suites use that server
// (each suite in a fresh database of its own, dropped after). Without it, each suite starts a throwaway
// cluster (initdb + pg_ctl) in a temporary folder on a random loopback port and stops and removes it after;
// as root the server programs must run as the `postgres` user (`runuser -u postgres --`), so the folder is
// given to that user. When neither works: with CI=true the suite fails loudly; elsewhere it is skipped with
// one line saying why.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/store/postgres/migrate.js';

/** How the suites reach PostgreSQL, or why they cannot. */
type Availability = { kind: 'url'; url: string } | { kind: 'cluster'; asPostgresUser: boolean; bin: string } | { kind: 'none'; why: string };

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Where initdb and pg_ctl are: on the PATH, else Debian's /usr/lib/postgresql/<version>/bin (the package
 * does not put them on the PATH), newest version first; null when neither.
 */
function serverPrograms(): string | null {
  if (onPath('initdb') && onPath('pg_ctl')) return '';
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => join(base, v, 'bin')).find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  return dir ?? null;
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

function availability(): Availability {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { kind: 'url', url };
  const bin = serverPrograms();
  if (bin === null) return { kind: 'none', why: 'DATABASE_URL is not set and initdb/pg_ctl (PostgreSQL server programs) are neither on the PATH nor in /usr/lib/postgresql/*/bin' };
  const root = process.getuid?.() === 0;
  if (root && !postgresUser()) return { kind: 'none', why: 'running as root, and there is no `postgres` user to run initdb/pg_ctl as' };
  if (root && !onPath('runuser')) return { kind: 'none', why: 'running as root, and runuser is not on the PATH' };
  return { kind: 'cluster', asPostgresUser: root, bin };
}

const found = availability();

/** True when the PostgreSQL suites run here. */
export const postgresAvailable = found.kind !== 'none';

if (found.kind === 'none') {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI (CI=true): ${found.why}. Install PostgreSQL's server programs (Debian: apt-get install -y postgresql) or set DATABASE_URL.`);
  // One clear line per suite; jest shows the suite as skipped.
  process.stderr.write(`PostgreSQL suites skipped: ${found.why}. Set DATABASE_URL=postgres://… or install PostgreSQL 15's server programs.\n`);
}

/** `describe` when PostgreSQL is there, `describe.skip` otherwise. */
export const describePg: jest.Describe = postgresAvailable ? describe : describe.skip;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A running throwaway cluster: its admin URL and a stop that also removes its folder. */
export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication on loopback only). */
  adminUrl: string;
  /** pg_ctl stop -m fast, then the folder removed. Safe to call twice. */
  stop(): void;
}

/** initdb + pg_ctl start in a fresh temporary folder on a free loopback port (about 2 s). */
export async function startCluster(): Promise<Cluster> {
  if (found.kind !== 'cluster') throw new Error('no PostgreSQL server programs to start a cluster with');
  const asPostgres = found.asPostgresUser;
  const dir = mkdtempSync(join(tmpdir(), 'coach-pg-'));
  const user = asPostgres ? postgresUser() : null;
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (name: string, args: string[]) => {
    const program = found.bin ? join(found.bin, name) : name;
    const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
    const result = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try { run('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w']); } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    // A port found free may be taken before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
        started = true;
        return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  } catch (err) {
    stop();
    throw err;
  }
}

/** A database of one's own for a suite, on DATABASE_URL's server or a throwaway cluster. */
export interface TestDatabase {
  /** The URL of the suite's own database. */
  url: string;
  /**
   * Another database on the same server (for tests that need a clean one): empty, or a copy of the
   * database named by `template` (a URL from this object; nobody may be connected to it).
   */
  create(template?: string): Promise<string>;
  /** Drops the databases made and stops the cluster (if one was started). */
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Starts what is needed and makes the suite's database. Call in beforeAll, close in afterAll. */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (found.kind === 'none') throw new Error(found.why);
  const cluster = found.kind === 'cluster' ? await startCluster() : null;
  const adminUrl = cluster ? cluster.adminUrl : found.kind === 'url' ? found.url : '';
  const made: string[] = [];
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (err) {
    cluster?.stop();
    throw err;
  }
  const create = async (template?: string) => {
    const name = `coach_test_${process.pid}_${Date.now().toString(36)}_${made.length}`;
    const from = template ? new URL(template).pathname.slice(1) : null;
    if (from !== null && !made.includes(from)) throw new Error(`not a test database: ${from}`);
    await admin.query(`CREATE DATABASE ${name}${from ? ` TEMPLATE ${from}` : ''}`);
    made.push(name);
    return withDatabase(adminUrl, name);
  };
  let url: string;
  try {
    url = await create();
  } catch (err) {
    await admin.end();
    cluster?.stop();
    throw err;
  }
  return {
    url,
    create,
    close: async () => {
      try {
        for (const name of made.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
        cluster?.stop();
      }
    },
  };
}

/**
 * For a `describePg` block: one test database migrated once (beforeAll), dropped after (afterAll).
 * `fresh()` gives a test its own copy of it (a URL); `bare()` an empty database, not migrated.
 */
export function useMigratedDatabase(): { fresh(): Promise<string>; bare(): Promise<string> } {
  let db: TestDatabase | undefined;
  let migrated = '';
  beforeAll(async () => {
    db = await openTestDatabase();
    migrated = await db.create();
    await migrate(migrated);
  }, 60_000);
  afterAll(async () => { await db?.close(); });
  return { fresh: () => db!.create(migrated), bare: () => db!.create() };
}
