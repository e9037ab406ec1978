// `coach recap [--channel ID] --out recap.png` (issue 14): a channel's weekly recap as the coach would post
// it, its text on standard output and its chart written as a PNG. Like `coach export`, it reads the data
// file and its score log without opening the store (so it works while the coach runs) and never writes
// them; with DATABASE_URL (and no --file) it reads PostgreSQL through the store port.
import { open, rename, unlink } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ContentError, loadLibrary } from '../app/build-coach.js';
import { loadConfig } from '../config.js';
import { Challenges } from '../domain/challenges.js';
import { DEFAULT_RECAP_CRON } from '../domain/recap/recap-slot.js';
import { systemClock, zonedTime } from '../domain/time.js';
import { RecapCommands } from '../core/recap/recap-commands.js';
import { renderTerminal } from '../render/terminal.js';
import { contentGrader } from '../app/grader.js';
import { errorText, forEachLogEntry, scoreLogFile, shortLogProblem, type CoachData, type ScoreEvent, type WorkspaceStore } from '../store/index.js';
import { readOnlyJsonWorkspace } from '../store/json-port.js';
import type { WorkspacePort } from '../store/port.js';
import { pgPort } from '../store/postgres/pg-port.js';
import { databaseUrlProblem, redactDatabaseUrl } from '../store/postgres/url.js';
import { wantsHelp } from './args.js';
import { readDataFileForCli } from './data-file.js';
import type { Io } from './io.js';

const USAGE = `usage: coach recap [--channel ID] [--workspace ID] [--date YYYY-MM-DD] [--out FILE.png] [--file DATA_FILE]
The weekly recap of a channel, as the coach posts it: its text on standard output and, with --out, its
chart (participation and average score per day over four weeks) written as a PNG file.
--channel: the channel (default: the only channel with challenges); --workspace: needed when the data
file holds several; --date: a day of the week to recap (default: today in the channel's time zone).
The data file is COACH_DATA_FILE (default ./data/coach.json) unless --file is given; with DATABASE_URL
set (and no --file), the recap is read from that PostgreSQL database.
`;

/** A read-only slice over data read from the file (the recap never writes). */
function readOnlySlice(data: CoachData, workspace: string, log: ScoreEvent[]): WorkspaceStore {
  return {
    workspace,
    read: (fn) => fn(data.workspaces[workspace]!),
    update: () => Promise.reject(new Error('coach recap never writes the data file')),
    readLog: async () => log,
  };
}

/** Where the recap is read from: the data file (read whole, never opened as a store) or PostgreSQL. */
interface RecapSource {
  where: string;
  workspaces(): Promise<string[]>;
  workspace(id: string): WorkspacePort;
  close(): Promise<void>;
}

/** The data file and its score log (only `channel`'s events when it is named), read without opening the store. */
async function jsonSource(io: Io, fileOption: string | undefined, channel: string | undefined): Promise<RecapSource | null> {
  const read = await readDataFileForCli('coach recap', io, fileOption);
  if (!read) return null;
  const { file, data } = read;
  const logs = new Map<string, ScoreEvent[]>();
  try {
    for (const workspace of Object.keys(data.workspaces)) logs.set(workspace, []);
    const lines = await forEachLogEntry(scoreLogFile(file), { maxLines: data.logEntries }, (entry) => {
      if (channel === undefined || entry.channel === channel) logs.get(entry.workspace)?.push(entry);
    });
    if (lines < data.logEntries) throw new Error(`the score log ${scoreLogFile(file)} ${shortLogProblem(lines, data.logEntries, file)}`);
    for (const [workspace, ws] of Object.entries(data.workspaces)) logs.get(workspace)!.push(...ws.scoreLog.filter((e) => channel === undefined || e.channel === channel));
  } catch (err) {
    io.err(`coach recap: ${errorText(err)}\n`);
    return null;
  }
  return {
    where: file,
    workspaces: async () => Object.keys(data.workspaces),
    workspace: (id) => readOnlyJsonWorkspace(readOnlySlice(data, id, logs.get(id) ?? [])),
    close: async () => {},
  };
}

/** The PostgreSQL database at DATABASE_URL, through the store port (reads only; migrations are `coach migrate`'s). */
async function postgresSource(url: string, io: Io): Promise<RecapSource | null> {
  const problem = databaseUrlProblem(url);
  const where = redactDatabaseUrl(url);
  if (problem) {
    io.err(`coach recap: DATABASE_URL ${problem} (got ${where}).\n`);
    return null;
  }
  const port = pgPort(url, { poolSize: 2, label: where });
  return { where, workspaces: async () => (await port.workspaces()).sort(), workspace: (id) => port.workspace(id), close: () => port.close() };
}

export async function recapCommand(argv: string[], io: Io): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: {
      channel: { type: 'string' }, workspace: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' },
    } }));
  } catch (err) {
    io.err(`coach recap: ${errorText(err)}\n${USAGE}`);
    return 2;
  }
  if (values.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || Number.isNaN(Date.parse(`${values.date}T12:00:00Z`)))) {
    io.err(`coach recap: --date must be a day as YYYY-MM-DD (got "${values.date}").\n`);
    return 2;
  }
  if (values.out !== undefined && !/\.png$/i.test(values.out)) {
    io.err(`coach recap: --out must name a .png file (got "${values.out}").\n`);
    return 2;
  }
  const loaded = loadConfig(io.env);
  if (!loaded.ok) {
    io.err(loaded.errors.map((e) => `coach recap: ${e}\n`).join(''));
    return 1;
  }
  const config = loaded.config;
  let library;
  try {
    library = loadLibrary(config.contentDir);
  } catch (err) {
    io.err(err instanceof ContentError ? `coach recap: ${err.message}:\n${err.lines.join('\n')}\n` : `coach recap: ${errorText(err)}\n`);
    return 1;
  }
  const challenges = new Challenges({
    library, grader: contentGrader(), holidays: config.holidays,
    defaultSchedule: { cron: config.schedule, timezone: config.timezone }, revealLeadMs: config.revealLeadMs,
  });
  // With DATABASE_URL (and no --file), the recap is read from PostgreSQL through the store port.
  const databaseUrl = io.env.DATABASE_URL?.trim();
  const source = databaseUrl && values.file === undefined ? await postgresSource(databaseUrl, io) : await jsonSource(io, values.file, values.channel);
  if (!source) return 1;
  let message;
  let zone: string;
  try {
    const workspaces = await source.workspaces();
    const workspace = values.workspace ?? (workspaces.length === 1 ? workspaces[0] : undefined);
    if (!workspace || !workspaces.includes(workspace)) {
      io.err(values.workspace !== undefined
        ? `coach recap: there is no workspace "${values.workspace}" in ${source.where} (there are: ${workspaces.join(', ') || 'none'}).\n`
        : `coach recap: ${source.where} holds ${workspaces.length ? `several workspaces (${workspaces.join(', ')})` : 'no workspace yet'}: name one with --workspace.\n`);
      return 1;
    }
    const store = source.workspace(workspace);
    const channels = await store.channels();
    const ids = channels.map((c) => c.id);
    const withChallenges = channels.filter((c) => c.challenges.length > 0 || c.scheduledSince).map((c) => c.id);
    const channel = values.channel ?? (withChallenges.length === 1 ? withChallenges[0] : undefined);
    if (!channel || !ids.includes(channel)) {
      io.err(values.channel !== undefined
        ? `coach recap: there is no channel "${values.channel}" in workspace "${workspace}" (there are: ${ids.join(', ') || 'none'}).\n`
        : `coach recap: ${withChallenges.length ? `several channels have challenges (${withChallenges.join(', ')})` : 'no channel has challenges yet'}: name one with --channel.\n`);
      return 1;
    }
    const never = () => Promise.reject(new Error('coach recap never schedules'));
    const port = { workspace: () => store, activeChannels: never, claim: never, release: never };
    const recaps = new RecapCommands({ library, challenges, port, clock: systemClock, isAdmin: () => false, recapCron: config.recap ?? DEFAULT_RECAP_CRON, defaultLang: config.defaultLang });
    zone = challenges.schedule(channels.find((c) => c.id === channel)).timezone;
    // A day of the week to recap: noon of that day in the channel's zone.
    const at = values.date ? zonedTime(values.date, 12, 0, zone) : systemClock.now();
    message = await recaps.build(store, channel, at, config.defaultLang);
  } catch (err) {
    io.err(`coach recap: ${errorText(err)}\n`);
    return 1;
  } finally {
    await source.close();
  }
  const { chart, ...textOnly } = message;
  io.out(renderTerminal(textOnly, { color: false, width: 0 }));
  if (values.out && chart) {
    try {
      await writePng(values.out, chart.png);
    } catch (err) {
      io.err(`coach recap: cannot write ${values.out}: ${errorText(err)}\n`);
      return 1;
    }
    io.out(`${config.defaultLang === 'fr' ? 'Graphique écrit dans' : 'Chart written to'} ${values.out} (${chart.width} × ${chart.height} px, ${zone}).\n`);
  }
  return 0;
}

/** Writes the PNG through a temporary file renamed over `file`, so `file` is never half written. */
async function writePng(file: string, png: Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(png);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
