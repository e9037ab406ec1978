// `coach forget --workspace W --member ID [--file DATA_FILE] [--yes]`: a member's right to be forgotten
// (Quebec's Law 25; issue 16, item 5), through the store port (WorkspacePort.footprint, forgetPreview,
// forgetMember), so it works on the JSON data file and on PostgreSQL alike (cli-backend.ts: DATABASE_URL
// without --file). Says what it would remove, asks for a confirmation on a terminal (or takes --yes), then
// removes them and prints what was removed.
// Exit codes: 0 forgotten; 1 nothing known about them, the store in use or unusable; 2 usage, or no
// confirmation (declined, or no terminal to ask on and no --yes).
import { createInterface } from 'node:readline/promises';
import { backupDir, errorText, type ForgetReport } from '../store/index.js';
import { DEFAULT_BACKUPS_KEPT } from '../store/backups.js';
import { parseCommand } from './args.js';
import { openCliBackend } from './cli-backend.js';
import type { StartIo } from './start.js';

const USAGE = `usage: coach forget --workspace ID --member ID [--file DATA_FILE] [--yes]
Removes a member's name, language, answers and totals and replaces their id in the score log by a
pseudonym, so team totals stay right. From the data file (COACH_DATA_FILE, default ./data/coach.json, or
--file; stop the coach first: the file must not be in use), or from PostgreSQL when DATABASE_URL is set and
--file is not given (the coach may keep running). Asks for a confirmation unless --yes.
`;

export async function forgetCommand(argv: string[], io: StartIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseCommand(argv, { workspace: { type: 'string' }, member: { type: 'string' }, file: { type: 'string' }, yes: { type: 'boolean' } }, USAGE, io);
  if (!parsed) return 2;
  const { workspace, member, file: fileArg, yes } = parsed.values as { workspace?: string; member?: string; file?: string; yes?: boolean };
  if (parsed.positionals.length > 0 || !workspace?.trim() || !member?.trim()) {
    io.err(`coach forget: ${parsed.positionals.length > 0 ? `unexpected argument "${parsed.positionals[0]}"` : 'both --workspace and --member are needed'}.\n${USAGE}`);
    return 2;
  }
  const ws = workspace.trim();
  const id = member.trim().replace(/^@/, '');
  const backend = await openCliBackend('coach forget', 'Nobody was forgotten.', fileArg, io);
  if (!backend) return 1;
  try {
    const { port, where } = backend;
    if (!(await port.workspaces()).includes(ws)) {
      io.err(`coach forget: ${where} has no workspace "${ws}". Nothing was removed.\n`);
      return 1;
    }
    const slice = port.workspace(ws);
    if (!(await slice.footprint(id)).known) {
      io.err(`coach forget: workspace "${ws}" keeps nothing about member "${id}". Nothing was removed.\n`);
      return 1;
    }
    if (!yes) {
      if (!io.stdin.isTTY) {
        io.err(`coach forget: this cannot be undone; run it in a terminal to confirm, or add --yes. Nothing was removed.\n`);
        return 2;
      }
      const preview = await slice.forgetPreview(id);
      const rl = createInterface({ input: io.stdin, output: io.stdout });
      const answer = await rl.question(`Forget member "${id}" of workspace "${ws}" in ${where}? ${previewLine(preview)} This cannot be undone. Type yes to confirm: `);
      rl.close();
      if (!/^(yes|y|oui|o)$/i.test(answer.trim())) {
        io.err('coach forget: not confirmed. Nothing was removed.\n');
        return 2;
      }
    }
    const report = await slice.forgetMember(id);
    const backupsNote = backend.file
      ? `Today's backup was made again without them; older backups in ${backupDir(backend.file)} still hold them until they age out (${DEFAULT_BACKUPS_KEPT} days by default).`
      : 'Dumps of the database made before now (pg_dump) still hold them until you delete them.';
    io.out(describeReport(report, backupsNote));
    return 0;
  } catch (err) {
    io.err(`coach forget: ${errorText(err)}\n`);
    return 1;
  } finally {
    await backend.close().catch(() => undefined);
  }
}

/** What forgetting would remove, in one sentence for the confirmation. */
function previewLine(r: ForgetReport): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `It removes ${r.memberEntry ? 'their member entry, ' : ''}${n(r.answers, 'answer', 'answers')} and their name from ${n(r.totals, 'channel’s totals', 'channels’ totals')}, and rewrites ${n(r.logEntries, 'score log line', 'score log lines')} under a pseudonym.`;
}

/** What was removed, one line each, for the person who ran the command. */
export function describeReport(r: ForgetReport, backupsNote: string): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const lines = [
    `Forgot member "${r.member}" of workspace "${r.workspace}"${r.name ? ` (known as “${r.name}”, a name no longer kept)` : ''}:`,
    `  member entry (name, language, preferences, private address): ${r.memberEntry ? 'removed' : 'none kept'}`,
    `  answers removed from challenges: ${r.answers}`,
    `  running totals: ${n(r.totals, 'channel', 'channels')}, ${n(r.points, 'point', 'points')} kept for the team under ${r.pseudonym} (hidden from leaderboards)`,
    `  incidents naming them: ${r.incidents}`,
    `  wall pages they made: ${r.walls}`,
    `  score log lines rewritten with ${r.pseudonym}: ${r.logEntries}`,
    backupsNote,
  ];
  return lines.join('\n') + '\n';
}
