// `coach export [--workspace ID] [--out FILE]`: the append-only score log as CSV (who, when, why), oldest
// first. Reads the files without opening the store, so it works while the coach is running: the data file
// first (replaced atomically, never partly written), then the first `logEntries` lines of the score log
// beside it (coach.scores.jsonl): those lines were on disk before that data file was, and any line after
// them is not confirmed yet. The data file is checked as the coach checks it at open (checkDataFile): one
// written by a newer version is refused, an older one is migrated in memory. A data file from before the
// score log still holds its events in each workspace's scoreLog: those are exported too.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import { errorText, forEachLogEntry, scoreLogFile, shortLogProblem, type CoachData, type ScoreEvent } from '../store/index.js';
import type { Io } from './io.js';
import { wantsHelp } from './args.js';
import { readDataFileForCli } from './data-file.js';
import { cleanName } from '../text/display-name.js';
import { exportFromPostgres } from './export-postgres.js';

const USAGE = `usage: coach export [--workspace ID] [--out FILE] [--file DATA_FILE]
The data file is COACH_DATA_FILE (default ./data/coach.json) unless --file is given; its score log is
beside it (coach.scores.jsonl). With DATABASE_URL set (and no --file), the score log is read from
PostgreSQL. The CSV goes to standard output unless --out is given.
`;
export const EXPORT_COLUMNS = ['workspace', 'channel', 'user', 'name', 'at', 'delta', 'kind', 'reason', 'by', 'challenge'];
/** Rows are turned into CSV and written in batches of this many. */
const BATCH_ROWS = 2000;

export async function exportScores(argv: string[], io: Io): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { workspace: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' } } }));
  } catch (err) {
    io.err(`coach export: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  // With DATABASE_URL (and no --file naming a JSON data file), the score log is in PostgreSQL.
  const databaseUrl = io.env.DATABASE_URL?.trim();
  if (databaseUrl && values.file === undefined) {
    return exportFromPostgres(databaseUrl, { ...(values.workspace !== undefined ? { workspace: values.workspace } : {}), ...(values.out !== undefined ? { out: values.out } : {}) }, io);
  }
  const read = await readDataFileForCli('coach export', io, values.file);
  if (!read) return 1;
  const { file, data } = read;
  const log = scoreLogFile(file);
  const only = values.workspace;
  // A mistyped workspace would give an empty CSV that looks like "no scores": say so and fail instead.
  if (only !== undefined && !Object.hasOwn(data.workspaces, only)) {
    const known = Object.keys(data.workspaces).sort();
    io.err(`coach export: no workspace "${only}" in ${file}; ${known.length ? `its workspaces: ${known.join(', ')}` : 'it has no workspace yet'}.\n`);
    return 1;
  }

  const temp = values.out ? `${values.out}.tmp-${process.pid}` : null;
  let fd: number | null = null;
  let batch: CsvRow[] = [];
  let rows = 0;
  let header = EXPORT_COLUMNS.join(',') + '\r\n'; // our own names: nothing to quote
  const flush = () => {
    const text = header + (batch.length ? csvText(batch) : '');
    header = '';
    batch = [];
    if (text === '') return;
    if (fd !== null) writeSync(fd, text);
    else io.out(text);
  };
  const row = (workspace: string, e: ScoreEvent) => {
    const ws = Object.hasOwn(data.workspaces, workspace) ? data.workspaces[workspace] : undefined;
    const name = ws && Object.hasOwn(ws.members, e.user) ? (cleanName(ws.members[e.user]?.name) ?? '') : '';
    const delta = typeof e.delta === 'number' && Number.isFinite(e.delta) ? e.delta : String(e.delta ?? '');
    batch.push([workspace, e.channel, e.user, name, e.at, delta, e.kind, e.reason, e.by, e.challengeId ?? ''].map((v) => (typeof v === 'number' ? v : String(v ?? ''))));
    rows += 1;
    if (batch.length >= BATCH_ROWS) flush();
  };

  try {
    if (temp !== null) fd = openSync(temp, 'w');
    const read = await forEachLogEntry(log, { maxLines: data.logEntries, workspace: only }, (entry) => row(entry.workspace, entry));
    if (read < data.logEntries) {
      throw new Error(`the score log ${log} ${shortLogProblem(read, data.logEntries, file)}. The export would be incomplete; see \`npx coach restore --help\`.`);
    }
    // A data file from before the score log: its events are still in the document.
    for (const [workspace, ws] of Object.entries(data.workspaces)) {
      if (only !== undefined && workspace !== only) continue;
      for (const e of ws.scoreLog) row(workspace, e);
    }
    flush();
    if (fd !== null && temp !== null && values.out) {
      closeSync(fd);
      fd = null;
      renameSync(temp, values.out);
      io.err(`${rows} score changes written to ${values.out}\n`);
    }
    return 0;
  } catch (err) {
    if (fd !== null) closeSync(fd);
    if (temp !== null) {
      try {
        unlinkSync(temp);
      } catch {
        // never created
      }
    }
    io.err(`coach export: ${errorText(err)}\n`);
    return 1;
  }
}

type CsvRow = (string | number)[];

/** Leading characters that make a spreadsheet run a cell (OWASP "CSV injection"), also after spaces. */
const FORMULA_START = /^(?:[\t\r]|[\s\u200b\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

const CSV_OPTIONS: CsvOptions = {
  record_delimiter: '\r\n',
  quoted_string: true, // every text cell quoted: no list separator (`,` `;` tab) or line break splits it
  escape_formulas: true,
  // csv-stringify's escape_formulas looks at the first character only: "  =1+2" is caught here.
  cast: { string: (value) => (FORMULA_START.test(value) ? `'${value}` : value) },
};

/**
 * Rows as CSV (RFC 4180, CRLF), safe to open in a spreadsheet whatever its list separator: text cells
 * quoted, those that would start a formula prefixed with `'`; numbers left as numbers.
 */
export function csvText(rows: CsvRow[]): string {
  return stringify(rows, CSV_OPTIONS);
}
