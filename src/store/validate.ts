// Checks on the text and structure of a data file. Used on the data file at open, on backups, and by
// `coach restore`. Cheap and structural: containers are checked down to the channel level, answers and
// score events are not inspected one by one (a 10 MB file is checked in a few milliseconds).
import { DataFileError, errorText } from './errors.js';
import type { CoachData } from './schema.js';

/** Any version of the data: an object with a schema version, the rest unknown until migrated. */
export type VersionedData = { schemaVersion: number } & Record<string, unknown>;

/** Parses the text of a data file: JSON, an object, with an integer schemaVersion >= 0. */
export function parseDataText(text: string, file: string): VersionedData {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM left by a text editor
  if (body.trim() === '') {
    throw new DataFileError(file, 'empty', text.length === 0 ? 'is empty (0 bytes)' : `is empty (${text.length} bytes of blanks)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const detail = errorText(err);
    // Truncated: the parser ran out of text ("Unexpected end of JSON input", or an error at the very end).
    const at = /at position (\d+)/.exec(detail);
    const truncated = /end of JSON input/i.test(detail) || (at !== null && Number(at[1]) >= body.trimEnd().length);
    throw new DataFileError(
      file,
      truncated ? 'truncated' : 'not-json',
      `is not valid JSON (${truncated ? 'truncated?' : 'corrupted?'}): ${detail}`,
      { cause: err },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataFileError(file, 'not-object', `does not hold a JSON object (found ${describe(value)}): it is not a Support Coach data file`);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) {
    throw new DataFileError(file, 'no-version', 'has no schemaVersion: it is not a Support Coach data file');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new DataFileError(file, 'no-version', `has an invalid schemaVersion (${JSON.stringify(version)}): it is not a Support Coach data file`);
  }
  return value as VersionedData;
}

/** Checks that data of the current version has the structure of schema.ts; returns it typed. */
export function validateCurrent(data: VersionedData, file: string): CoachData {
  const problem = structureProblem(data);
  if (problem) throw new DataFileError(file, 'invalid', `does not have the expected structure: ${problem}`);
  return data as unknown as CoachData;
}

function structureProblem(data: VersionedData): string | null {
  const entries = data.logEntries;
  if (typeof entries !== 'number' || !Number.isSafeInteger(entries) || entries < 0) return `"logEntries" is ${describe(entries)}, not a whole number >= 0`;
  if (!isRecord(data.workspaces)) return `"workspaces" is ${describe(data.workspaces)}, not an object`;
  for (const [wsId, ws] of Object.entries(data.workspaces)) {
    const at = `workspaces[${JSON.stringify(wsId)}]`;
    if (!isRecord(ws)) return `${at} is ${describe(ws)}, not an object`;
    if (!isRecord(ws.members)) return `${at}.members is ${describe(ws.members)}, not an object`;
    if (!isRecord(ws.channels)) return `${at}.channels is ${describe(ws.channels)}, not an object`;
    if (!Array.isArray(ws.scoreLog)) return `${at}.scoreLog is ${describe(ws.scoreLog)}, not a list`;
    for (const [chId, ch] of Object.entries(ws.channels)) {
      const c = `${at}.channels[${JSON.stringify(chId)}]`;
      if (!isRecord(ch)) return `${c} is ${describe(ch)}, not an object`;
      if (!Array.isArray(ch.pausedDates)) return `${c}.pausedDates is ${describe(ch.pausedDates)}, not a list`;
      if (!isRecord(ch.rotation) || !Array.isArray(ch.rotation.order) || typeof ch.rotation.next !== 'number') {
        return `${c}.rotation is not { order: [...], next: number }`;
      }
      if (!Array.isArray(ch.challenges)) return `${c}.challenges is ${describe(ch.challenges)}, not a list`;
      if (!isRecord(ch.totals)) return `${c}.totals is ${describe(ch.totals)}, not an object`;
    }
  }
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
