// `coach purge --workspace ID [--file DATA_FILE] [--yes]`: deletes everything the coach keeps about one
// workspace, for good (issue 13): its members, channels, challenges, incidents, score log lines, claims and
// Slack installation. Unlike `coach forget`, nothing is kept under a pseudonym. Works on both backends,
// through the store port (StorePort.workspaceHoldings / purgeWorkspace) and the installations store:
//   - the JSON data file (COACH_DATA_FILE, or --file): opening it takes its lock, so it refuses while the
//     coach runs on that file;
//   - PostgreSQL when DATABASE_URL is set and no --file is given: one transaction, so the coach may keep
//     running (its replicas then stop finding the workspace); the database must be migrated already.
// It says what the workspace holds, asks to type the workspace id (on a terminal or piped stdin) unless
// --yes, then deletes and prints what went.
// Exit codes: 0 purged; 1 nothing known about the workspace, the store in use or unusable; 2 usage, or
// not confirmed.
import { createInterface } from 'node:readline';
import { backupDir, errorText } from '../store/index.js';
import type { WorkspacePurgeReport } from '../store/purge-workspace.js';
import { DEFAULT_BACKUPS_KEPT } from '../store/backups.js';
import { parseCommand } from './args.js';
import { openCliBackend } from './cli-backend.js';
import type { StartIo } from './start.js';

const USAGE = `usage: coach purge --workspace ID [--file DATA_FILE] [--yes]
Deletes a workspace's data for good: its members, channels, challenges, incidents, its lines of the score
log, its claims and its Slack installation. From the data file (COACH_DATA_FILE, default ./data/coach.json,
or --file; stop the coach first: the file must not be in use), or from PostgreSQL when DATABASE_URL is set
and --file is not given (the coach may keep running). Asks you to type the workspace id to confirm (on a
terminal or piped stdin) unless --yes. Older backups keep it until they age out or are deleted.
`;

export async function purgeCommand(argv: string[], io: StartIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseCommand(argv, { workspace: { type: 'string' }, file: { type: 'string' }, yes: { type: 'boolean' } }, USAGE, io);
  if (!parsed) return 2;
  const { workspace, file: fileArg, yes } = parsed.values as { workspace?: string; file?: string; yes?: boolean };
  if (parsed.positionals.length > 0 || !workspace?.trim()) {
    io.err(`coach purge: ${parsed.positionals.length > 0 ? `unexpected argument "${parsed.positionals[0]}"` : '--workspace is needed'}.\n${USAGE}`);
    return 2;
  }
  const ws = workspace.trim();
  const backend = await openCliBackend('coach purge', 'Nothing was deleted.', fileArg, io);
  if (!backend) return 1;
  const backupsNote = backend.file
    ? `Today's backup was made again without it; older backups in ${backupDir(backend.file)} still hold it until they age out (${DEFAULT_BACKUPS_KEPT} days by default). Delete them to erase it at once.`
    : 'Dumps of the database made before now (pg_dump) still hold it until you delete them.';
  try {
    const { port, installations, where } = backend;
    const held = await port.workspaceHoldings(ws);
    const ownInstall = (await installations.list()).some((i) => i.key === `T:${ws}`);
    const org = await installations.enterpriseOf(ws);
    if (!held.found && held.logEntries === 0 && !ownInstall && !org) {
      const known = (await port.workspaces()).sort();
      io.err(`coach purge: ${where} has no workspace "${ws}"${known.length ? ` (it has: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''})` : ''}. Nothing was deleted.\n`);
      return 1;
    }
    if (!yes) {
      io.err(`Workspace "${ws}" in ${where} holds: ${holdings(held, ownInstall)}.\nThis deletes it for good (nothing is kept under a pseudonym). Type the workspace id (${ws}) to confirm: `);
      const answer = await firstLine(io.stdin);
      if (answer?.trim() !== ws) {
        io.err(`\ncoach purge: not confirmed${answer === undefined ? ' (no answer on stdin)' : ` ("${answer.trim().slice(0, 60)}" is not "${ws}")`}. Nothing was deleted.\n`);
        return 2;
      }
    }
    // The installation first: on the file, the purge then refreshes today's backup without either.
    const removed = await installations.forgetTeam(ws);
    const report = await port.purgeWorkspace(ws);
    report.installations = removed;
    io.out(describePurge(report, where, backupsNote, org));
    return 0;
  } catch (err) {
    io.err(`coach purge: ${errorText(err)}\n`);
    return 1;
  } finally {
    await backend.close().catch(() => undefined);
  }
}

/** What the workspace holds, in one phrase: "3 members, 2 channels (5 challenges, 1 incident), 12 score log lines, its Slack installation". */
function holdings(r: WorkspacePurgeReport, install: boolean): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(r.members, 'member', 'members'),
    `${n(r.channels, 'channel', 'channels')} (${n(r.challenges, 'challenge', 'challenges')}, ${n(r.incidents, 'incident', 'incidents')})`,
    n(r.logEntries, 'score log line', 'score log lines'),
    ...(install ? ['its Slack installation'] : []),
  ].join(', ');
}

/** The report printed after a purge: what went, and what the backups still hold. */
export function describePurge(r: WorkspacePurgeReport, where: string, backupsNote: string, org?: string): string {
  const lines = [
    `Purged workspace "${r.workspace}" from ${where}:`,
    `  members: ${r.members}`,
    `  channels: ${r.channels} (challenges: ${r.challenges}, incidents: ${r.incidents})`,
    `  score log lines deleted: ${r.logEntries}`,
    `  Slack installation: ${r.installations.length ? `removed (${r.installations.join(', ')})` : 'none'}${org ? `; the org-wide installation of ${org} stays (other workspaces of the org use it)` : ''}`,
    backupsNote,
  ];
  return lines.join('\n') + '\n';
}

/** The first line typed or piped on stdin, or undefined when it ends first. */
function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!done) resolve(undefined);
    });
  });
}
