// The store a maintenance command (`coach purge`, `coach forget`) works on, through the store port: the
// JSON data file (COACH_DATA_FILE, or --file; opening it takes its lock, so the command refuses while a
// coach runs on that file), or PostgreSQL when DATABASE_URL is set and no --file is given (each change is
// one transaction, so the coach may keep running; the database must be migrated already: the command
// never changes the schema).
import { dataFileFromEnv, errorText, jsonPort, openJsonStore, StoreOpenError } from '../store/index.js';
import { installationsFor } from '../store/choose-installations.js';
import type { SlackInstallationStore } from '../store/installations.js';
import type { StorePort } from '../store/port.js';
import { pendingMigrations } from '../store/postgres/migrate.js';
import { pgPort } from '../store/postgres/pg-port.js';
import { databaseUrlProblem, redactDatabaseUrl } from '../store/postgres/url.js';
import type { Io } from './io.js';

export interface CliBackend {
  port: StorePort;
  installations: SlackInstallationStore;
  /** The data file, or the database URL without its password: how messages name the store. */
  where: string;
  /** The data file (its backups folder is beside it), or null on PostgreSQL. */
  file: string | null;
  close(): Promise<void>;
}

/**
 * Opens the store for `command` (named in its messages). Null when it cannot be used, after saying why on
 * stderr, followed by `nothingDone` ("Nothing was deleted.").
 */
export async function openCliBackend(command: string, nothingDone: string, fileArg: string | undefined, io: Io & { env: Record<string, string | undefined> }): Promise<CliBackend | null> {
  const url = io.env.DATABASE_URL?.trim();
  return url && fileArg === undefined ? openDatabase(command, nothingDone, url, io) : openFile(command, nothingDone, dataFileFromEnv(io.env, fileArg), io);
}

async function openFile(command: string, nothingDone: string, file: string, io: Io): Promise<CliBackend | null> {
  let store;
  try {
    store = await openJsonStore(file, { warn: (m) => io.err(`${m}\n`) });
  } catch (err) {
    io.err(`${command}: ${err instanceof StoreOpenError ? err.message.replace(/^Support Coach cannot start: /, '') : `cannot open ${file}: ${errorText(err)}`}\n${nothingDone}\n`);
    return null;
  }
  const port = jsonPort(store);
  return { port, installations: installationsFor(store), where: file, file, close: () => port.close() };
}

async function openDatabase(command: string, nothingDone: string, url: string, io: Io): Promise<CliBackend | null> {
  const where = redactDatabaseUrl(url);
  const problem = databaseUrlProblem(url);
  if (problem) {
    io.err(`${command}: DATABASE_URL ${problem} (got ${where}). ${nothingDone}\n`);
    return null;
  }
  let pending: string[];
  try {
    pending = await pendingMigrations(url);
  } catch (err) {
    io.err(`${command}: cannot reach the database ${where}: ${errorText(err)}\n${nothingDone}\n`);
    return null;
  }
  if (pending.length) {
    io.err(`${command}: the database ${where} is not up to date (${pending.length} migration${pending.length === 1 ? '' : 's'} to apply); run \`npx coach migrate\` first. ${nothingDone}\n`);
    return null;
  }
  const port = pgPort(url, { label: where, poolSize: 2 });
  return { port, installations: installationsFor(port), where, file: null, close: () => port.close() };
}
