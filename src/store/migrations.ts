// Schema versions and the migrations between them. Each migration takes the data of version N (as found
// on disk) to version N+1; the store runs them in order at open, after keeping a copy of the file as
// `<file>.v<N>.bak`. To change the schema: bump SCHEMA_VERSION in schema.ts, append a migration here,
// and add a fixture of the old shape to test/store/migrations.test.ts.
import { DataFileError, errorText } from './errors.js';
import { SCHEMA_VERSION, type CoachData } from './schema.js';
import { isRecord, parseDataText, validateCurrent, type VersionedData } from './validate.js';

export interface Migration {
  from: number;
  to: number;
  /** One line, for logs: what changes. */
  description: string;
  /** Returns the data of version `to`; may reuse (and mutate) its input. */
  migrate(data: VersionedData): VersionedData;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 0 is the prototype's shape: slices under "teams" (ambiguous once Microsoft Teams came in),
    // workspaces possibly missing their members/channels/score log, channels missing their lists.
    from: 0,
    to: 1,
    description: 'rename "teams" to "workspaces"; fill missing containers',
    migrate(data) {
      const teams = isRecord(data.teams) ? data.teams : {};
      const workspaces: Record<string, unknown> = {};
      for (const [id, team] of Object.entries(teams)) {
        const t = isRecord(team) ? team : {};
        const channels: Record<string, unknown> = {};
        for (const [chId, channel] of Object.entries(isRecord(t.channels) ? t.channels : {})) {
          const c = isRecord(channel) ? channel : {};
          channels[chId] = {
            ...c,
            pausedDates: Array.isArray(c.pausedDates) ? c.pausedDates : [],
            rotation: isRecord(c.rotation) ? c.rotation : { order: [], next: 0 },
            challenges: Array.isArray(c.challenges) ? c.challenges : [],
            totals: isRecord(c.totals) ? c.totals : {},
          };
        }
        workspaces[id] = {
          members: isRecord(t.members) ? t.members : {},
          channels,
          scoreLog: Array.isArray(t.scoreLog) ? t.scoreLog : [],
        };
      }
      const { teams: _dropped, ...rest } = data;
      return { ...rest, schemaVersion: 1, workspaces };
    },
  },
  {
    // Version 2 keeps the score history in the append-only score log file beside the data file. The
    // document counts the log's confirmed lines; a version-1 file has no log yet (0 lines) and still holds
    // its events in each workspace's scoreLog: the store moves those to the log at open (the first write
    // of the new version; the version-1 file is kept as <file>.v1.bak).
    from: 1,
    to: 2,
    description: 'add "logEntries" (0): the score log file starts empty; events in scoreLog are moved to it at open',
    migrate(data) {
      const { schemaVersion: _old, logEntries: _none, ...rest } = data;
      return { schemaVersion: 2, logEntries: 0, ...rest };
    },
  },
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Runs the migrations from data.schemaVersion up to `target`. Throws MigrationError when a step is missing. */
export function migrate(data: VersionedData, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): { data: VersionedData; applied: Migration[] } {
  let current = data;
  const applied: Migration[] = [];
  while (current.schemaVersion < target) {
    const version = current.schemaVersion;
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new MigrationError(`no migration from schema version ${version}`);
    let next: VersionedData;
    try {
      next = step.migrate(current);
    } catch (err) {
      throw new MigrationError(`the migration from version ${step.from} to ${step.to} failed: ${errorText(err)}`, { cause: err });
    }
    if (next.schemaVersion !== step.to) {
      throw new MigrationError(`the migration from version ${step.from} produced version ${String(next.schemaVersion)}, not ${step.to}`);
    }
    applied.push(step);
    current = next;
  }
  return { data: current, applied };
}

/**
 * The data in the text of a data (or backup) file, migrated in memory to the current schema version and
 * checked, with the version the file holds. Every data file is opened through this: the store's, a
 * backup, the one `coach export` reads. Throws DataFileError: the problems of parseDataText, 'newer' (a
 * newer Support Coach wrote it), 'unmigratable' (a migration is missing or fails), 'invalid' (the
 * structure is wrong, as found or once migrated).
 */
export function dataFromText(text: string, file: string): { data: CoachData; version: number } {
  const raw = parseDataText(text, file);
  const version = raw.schemaVersion;
  if (version > SCHEMA_VERSION) {
    throw new DataFileError(file, 'newer', `was written by a newer Support Coach, version ${version}; this one knows up to ${SCHEMA_VERSION}`);
  }
  if (version === SCHEMA_VERSION) return { data: validateCurrent(raw, file), version };
  const cannot = `(schema version ${version}) cannot be migrated to version ${SCHEMA_VERSION}`;
  let migrated: VersionedData;
  try {
    migrated = migrate(raw).data;
  } catch (err) {
    throw new DataFileError(file, 'unmigratable', `${cannot}: ${errorText(err)}`, { cause: err });
  }
  try {
    return { data: validateCurrent(migrated, file), version };
  } catch (err) {
    // Data that does not have the structure it should (rather than a migration that cannot run).
    if (!(err instanceof DataFileError)) throw err;
    throw new DataFileError(file, err.problem, `${cannot}: the result ${err.description}`, { cause: err });
  }
}
