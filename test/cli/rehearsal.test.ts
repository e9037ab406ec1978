// The whole challenge flow through the real terminal chat, as a team lead rehearses it:
// Monday 09:00 post → three people answer → reveal → Friday leaderboard.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';

const root = join(__dirname, '../..');
const library = loadLibrary(join(root, 'content'));
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-rehearsal-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', ...env },
  });
}

test('Monday 09:00 post → three answers → reveal → Friday leaderboard, in a minute', () => {
  // First the post, to learn which scenario the shuffle drew (so the answers below are meaningful).
  const posting = chat(['/clock 2100-03-01 09:00']); // a Monday: the scheduled challenge is posted
  expect(posting.stderr).toBe('');
  expect(posting.stdout).toContain('--- publié dans #terminal ---');
  expect(posting.stdout).toMatch(/# Défi du jour · /);
  const posted = JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8')).workspaces.local.channels.terminal.challenges[0];
  const choices = library.scenarios.find((x) => x.id === posted.scenarioId)!.fr.choices;
  const best = choices.findIndex((c) => c.best) + 1;
  const second = choices.map((c, i) => [c.points, i + 1] as const).filter(([, i]) => i !== best).sort((a, b) => b[0] - a[0])[0]![1];

  const run = chat([
    '/clock 2100-03-01 10:00',
    '/as alice', '/scenario', String(best), // a bare number picks a button of the last message: a choice
    '/as alice', '/answer 2',       // a second try gets a reminder
    '/as bob', '/answer Je l’écoute calmement, je vérifie avec elle et je règle le problème sans me moquer.',
    '/as cat', `/answer ${second}`,
    '/as dan', '/coach reveal',     // not an admin
    '/as lead', '/coach reveal',
    '/clock friday 17:00',
    '/as alice', '/leaderboard',
  ]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toContain('Vous parlez maintenant en tant que alice.');
  expect(out).toMatch(/Vous avez déjà répondu à ce défi \(10\/10/);
  expect(out).toContain('Désolé, seuls les administrateurs du coach peuvent utiliser /coach reveal.');
  expect(out).toMatch(/# Corrigé · /);
  expect(out).toContain('3 personnes ont répondu');
  expect(out).toContain('Dans leurs mots : 1');
  // Tuesday to Friday were posted while the clock moved; Friday's leaderboard ranks alice first.
  expect(out.match(/--- publié dans #terminal ---/g)!.length).toBeGreaterThanOrEqual(1);
  const board = out.slice(out.lastIndexOf('# Classement · terminal'));
  expect(board).toMatch(/## Cette semaine\n• 1\. alice · 10 pts/);
  expect(board).toContain('cat');
  expect(board).toMatch(/Vous : #1 cette semaine \(10 pts\)/);
  const data = JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8'));
  expect(Object.keys(data.workspaces.local.channels.terminal.challenges[0].answers).sort()).toEqual(['alice', 'bob', 'cat']);
});

test('the same team after a restart: scores kept, one answer per member enforced', () => {
  chat(['/clock 2100-03-01 09:00', '/as alice', '/answer 1']);
  const again = chat(['/clock 2100-03-01 10:00', '/as alice', '/answer 2', '/leaderboard']);
  expect(again.stdout).toMatch(/Vous avez déjà répondu/);
  const data = JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8')).workspaces.local;
  expect(data.channels.terminal.challenges[0].answers.alice.choice).toBe(0); // the first answer stands
  expect(data.channels.terminal.totals.alice.answers).toBe(1);
});

test('a corrupt data file: refuses to start, names the file and how to restore, leaves it untouched', () => {
  const file = join(dir, 'coach.json');
  writeFileSync(file, '{"schemaVersion":1,"workspaces":{');
  const run = chat(['/playbook panne']);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(/npx coach restore/);
  expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"workspaces":{');
});
