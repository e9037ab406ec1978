// The CLI tells what it does: every command's --help prints its usage and exits 0 (no Node error first),
// `export --workspace UNKNOWN` warns and fails, and `route` lists each matched word once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'coach-cli-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const coach = (args: string[], input = '', env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, COACH_DATA_FILE: join(dir, 'none.json'), ...env } });

test.each(['route', 'grade', 'export', 'review', 'lint-content', 'restore'])('coach %s --help: its usage on stdout, exit 0', (command) => {
  for (const flag of ['--help', '-h']) {
    const run = coach([command, flag]);
    expect([command, flag, run.status, run.stderr]).toEqual([command, flag, 0, '']);
    expect(run.stdout).toMatch(new RegExp(`^usage: coach ${command}`));
    expect(run.stdout).not.toMatch(/Error|at .*\.js:\d+/);
  }
});

test('--help after the other options still prints the usage; a text after -- is routed, not taken for help', () => {
  const run = coach(['route', '--lang', 'fr', '--help']);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^usage: coach route/);
  const text = coach(['route', '--', '--help']);
  expect(text.status).toBe(0);
  expect(JSON.parse(text.stdout)).toHaveProperty('playbook');
});

test('coach export --workspace UNKNOWN: a warning naming the workspaces there are, exit 1, no CSV', () => {
  const file = join(dir, 'coach.json');
  // A real data file, written by the coach itself at its first start.
  const started = coach(['shell'], '/coach lang fr\n/quit\n', { COACH_DATA_FILE: file });
  expect(started.status).toBe(0);
  const known = coach(['export', '--file', file, '--workspace', 'local']);
  expect(known.status).toBe(0);
  expect(known.stdout).toMatch(/^workspace,channel,user/);
  const run = coach(['export', '--file', file, '--workspace', 'T0NOPE']);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('coach export: no workspace "T0NOPE" in');
  expect(run.stderr).toContain('its workspaces: local');
});

test('coach route: each matched word once', () => {
  const run = coach(['route', 'le serveur est tombé, le serveur est en panne, panne panne']);
  expect(run.status).toBe(0);
  const { matched } = JSON.parse(run.stdout) as { matched: string[] };
  expect(matched).toContain('panne');
  expect(matched).toContain('serveur');
  expect(new Set(matched).size).toBe(matched.length);
});

test('a data file that is not JSON is still a clear export error', () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{ not json');
  const run = coach(['export', '--file', bad, '--workspace', 'x']);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^coach export: /);
});
