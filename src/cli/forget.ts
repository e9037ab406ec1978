// `coach forget --workspace W --member ID [--file DATA_FILE] [--yes]`: a member's right to be forgotten
// (Quebec's Law 25; issue 16, item 5). Opens the store (so it takes the data file's lock: it refuses while
// the coach runs on that file), says what it keeps about the member, asks for a confirmation on a terminal
// (or takes --yes), then removes them (JsonStore.forgetMember) and prints what was removed.
// Exit codes: 0 forgotten; 1 nothing known about them, the data file in use or unusable; 2 usage, or no
// confirmation (declined, or no terminal to ask on and no --yes).
import { createInterface } from 'node:readline/promises';
import { backupDir, dataFileFromEnv, errorText, knowsMember, openJsonStore, StoreOpenError, type ForgetReport } from '../store/index.js';
import { parseCommand } from './args.js';
import type { StartIo } from './start.js';

const USAGE = `usage: coach forget --workspace ID --member ID [--file DATA_FILE] [--yes]
Removes a member's name, language, answers and totals from the data file (COACH_DATA_FILE, default
./data/coach.json, unless --file is given) and replaces their id in the score log by a pseudonym, so team
totals stay right. Stop the coach first: the data file must not be in use. Asks for a confirmation unless --yes.
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
  const file = dataFileFromEnv(io.env, fileArg);
  let store;
  try {
    store = await openJsonStore(file, { warn: (m) => io.err(`${m}\n`) });
  } catch (err) {
    io.err(`coach forget: ${err instanceof StoreOpenError ? err.message.replace(/^Support Coach cannot start: /, '') : `cannot open ${file}: ${errorText(err)}`}\nNobody was forgotten.\n`);
    return 1;
  }
  try {
    const known = store.read((data) => ({
      workspace: Object.hasOwn(data.workspaces, ws),
      member: knowsMember(Object.hasOwn(data.workspaces, ws) ? data.workspaces[ws] : undefined, id),
    }));
    const inLog = !known.member && known.workspace && (await store.readLog(ws)).some((e) => e.user === id || e.by === id);
    if (!known.workspace) {
      io.err(`coach forget: ${file} has no workspace "${ws}". Nothing was removed.\n`);
      return 1;
    }
    if (!known.member && !inLog) {
      io.err(`coach forget: workspace "${ws}" keeps nothing about member "${id}". Nothing was removed.\n`);
      return 1;
    }
    if (!yes) {
      if (!io.stdin.isTTY) {
        io.err(`coach forget: this cannot be undone; run it in a terminal to confirm, or add --yes. Nothing was removed.\n`);
        return 2;
      }
      const rl = createInterface({ input: io.stdin, output: io.stdout });
      const answer = await rl.question(`Forget member "${id}" of workspace "${ws}" in ${file}? This cannot be undone. Type yes to confirm: `);
      rl.close();
      if (!/^(yes|y|oui|o)$/i.test(answer.trim())) {
        io.err('coach forget: not confirmed. Nothing was removed.\n');
        return 2;
      }
    }
    const report = await store.forgetMember(ws, id);
    io.out(describeReport(report, backupDir(file)));
    return 0;
  } catch (err) {
    io.err(`coach forget: ${errorText(err)}\n`);
    return 1;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** What was removed, one line each, for the person who ran the command. */
export function describeReport(r: ForgetReport, backups: string): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const lines = [
    `Forgot member "${r.member}" of workspace "${r.workspace}"${r.name ? ` (kept as “${r.name}”)` : ''}:`,
    `  member entry (name, language, preferences, private address): ${r.memberEntry ? 'removed' : 'none kept'}`,
    `  answers removed from challenges: ${r.answers}`,
    `  running totals: ${n(r.totals, 'channel', 'channels')}, ${n(r.points, 'point', 'points')} kept for the team under ${r.pseudonym} (hidden from leaderboards)`,
    `  incidents naming them: ${r.incidents}`,
    `  wall pages they made: ${r.walls}`,
    `  score log lines rewritten with ${r.pseudonym}: ${r.logEntries}`,
    `Today's backup was made again without them; older backups in ${backups} still hold them until they age out (7 days by default).`,
  ];
  return lines.join('\n') + '\n';
}
