// The report, the way a team lead lives it in the terminal: a day of 25 score changes, the data
// file corrupted late in the day, the coach refusing to start and naming the restore command, and
// `coach restore` bringing the board back (the backup of the day's first start was empty).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const coach = (args: string[], env: Record<string, string>, input = '') =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, COACH_HOLIDAYS: 'none', ...env }, input });

/** The leaderboard's lines in the chat's output. */
const board = (out: string) => out.slice(out.lastIndexOf('# Classement')).trim();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coach-restore-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('corrupted late in the day after 25 score changes: the printed restore command brings the board back', () => {
  const env = { COACH_DATA_FILE: join(dir, 'coach.json') };
  const me = userInfo().username || 'local-user';
  const day = ['/coach post'];
  for (let i = 1; i <= 10; i++) day.push(`/as u${i}`, `/answer ${(i % 3) + 1}`);
  day.push(`/as ${me}`);
  for (let i = 1; i <= 15; i++) day.push(`/coach award u${(i % 4) + 1} ${i} merci numéro ${i}`);
  day.push('/leaderboard');
  const session = coach(['start'], env, day.join('\n') + '\n');
  expect(session.status).toBe(0);
  const before = board(session.stdout);
  expect(before).toMatch(/^• 1\. u\d+ · \d+ pts/m); // the points depend on the scenario the shuffle drew
  expect(readFileSync(join(dir, 'coach.scores.jsonl'), 'utf8').trim().split('\n')).toHaveLength(25);

  writeFileSync(env.COACH_DATA_FILE, '{"schemaVersion":2,"logEntries":25,"works');
  const refused = coach(['start'], env);
  expect(refused.status).toBe(1);
  const command = refused.stderr.split('\n').find((l) => l.trim().startsWith('npx coach restore'))!.trim();
  expect(command).toMatch(/^npx coach restore --from \S+coach-\d{4}-\d{2}-\d{2}\.json --file \S+coach\.json$/);

  const restored = coach(command.split(' ').slice(2), env);
  expect(restored.status).toBe(0);
  expect(restored.stdout).toMatch(/^Backup \S+, taken .* UTC: 0 workspaces, 0 members, 0 challenges, 0 score events\.$/m);
  expect(restored.stdout).toContain('is intact (25 score events) and stays');
  expect(restored.stdout).toContain('25 score events, 25 of them replayed from the score log');
  expect(readdirSync(dir).filter((n) => n.startsWith('coach.scores.jsonl.'))).toEqual([]);

  const after = coach(['start'], env, '/leaderboard\n/as u1\n/answer 1\n');
  expect(after.status).toBe(0);
  expect(board(after.stdout.slice(0, after.stdout.indexOf('Vous parlez maintenant')))).toBe(before);
  expect(after.stdout).toContain('Vous avez déjà répondu à ce défi');

  // Now healthy: a second restore is refused, and says what the file holds.
  const again = coach(command.split(' ').slice(2), env);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('is readable and its score log complete (1 workspace, 10 members, 1 challenge, 25 score events)');
});
