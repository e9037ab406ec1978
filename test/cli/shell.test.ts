// The terminal chat as a new user meets it: `npm start` with piped stdin, then through a real
// pseudo-terminal (tmux), where it shows a prompt and colours.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'coach-shell-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { ...process.env, COACH_LANG: '', COACH_CONTENT_DIR: '' };
let runs = 0;

/** Each chat gets a fresh data file: preferences such as /coach lang persist in it. */
function chat(input: string, extraEnv: Record<string, string> = {}) {
  const data = { COACH_DATA_FILE: join(dataDir, `coach-${++runs}.json`) };
  return spawnSync('npm', ['start', '--silent'], { cwd: root, input, encoding: 'utf8', env: { ...env, ...data, ...extraEnv }, timeout: 20_000 });
}

test('npm start: /playbook panne in French, then /coach lang en and /playbook angry user in English', () => {
  const run = chat('/playbook panne\n/coach lang en\n/playbook angry user\n/quit\n/playbook outage\n');
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/^Support Coach · 4 playbooks, 9 défis\. Essayez \/playbook panne/);
  const panne = out.indexOf('# Panne d’un serveur ou d’un service');
  const english = out.indexOf('Got it: I will answer you in English.');
  const angry = out.indexOf('# Angry user');
  expect(panne).toBeGreaterThan(0);
  expect(english).toBeGreaterThan(panne);
  expect(angry).toBeGreaterThan(english);
  expect(out).toContain('## What to do');
  expect(out).toContain('• Listen');
  // /quit ends the chat: the last line was never answered.
  expect(out.match(/# Server or service outage/g)).toBeNull();
  // Piped output is plain text, no escape codes.
  expect(out).not.toContain('\u001b[');
});

test('end of input (Ctrl-D) exits cleanly; a number picks a "did you mean" button', () => {
  const run = chat('/playbook asdfgh\n2\n');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('[2] Panne d’un serveur ou d’un service\n');
  expect(run.stdout).toContain('# Panne d’un serveur ou d’un service');
  expect(run.stderr).toBe('');
});

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
(hasTmux ? test : test.skip)('in a real terminal: prompt, colour, and /quit', () => {
  const session = `coach-test-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-e', '-t', session);
  const waitFor = (pattern: RegExp) => {
    for (let i = 0; i < 100; i++) {
      const text = screen();
      if (pattern.test(text)) return text;
      execFileSync('sleep', ['0.1']);
    }
    throw new Error(`timed out waiting for ${pattern}:\n${screen()}`);
  };
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', '-c', root, `COACH_DATA_FILE='${join(dataDir, 'tmux.json')}' node bin/coach.js shell; echo EXITED-$?; sleep 5`);
  try {
    waitFor(/^>/m);
    tmux('send-keys', '-t', session, '/playbook trop de tickets', 'Enter');
    const shown = waitFor(/Trop de tickets arrivent en même temps/);
    expect(shown).toMatch(/\u001b\[(1;36|36)m/); // the heading is coloured on a TTY
    tmux('send-keys', '-t', session, '/quit', 'Enter');
    waitFor(/EXITED-0/);
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
});
