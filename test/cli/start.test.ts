// Start-up refuses bad configuration and bad content with the linter's own messages.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'start'], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, input: '' });

test('refuses to start on invalid content, with the same file:line messages as lint-content', () => {
  const started = run({ COACH_CONTENT_DIR: 'test/fixtures/broken-content' });
  const lint = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'lint-content', 'test/fixtures/broken-content'], { cwd: root, encoding: 'utf8' });
  expect(started.status).toBe(1);
  const problemLines = (text: string) => text.split('\n').filter((l) => /:\d+: error: /.test(l));
  expect(problemLines(started.stderr)).toEqual(problemLines(lint.stderr));
  expect(problemLines(started.stderr)).toHaveLength(10);
  expect(started.stderr).toContain('Support Coach cannot start: the content in test/fixtures/broken-content has errors');
});

test('refuses to start on an invalid variable, naming it', () => {
  const started = run({ COACH_LANG: 'de' });
  expect(started.status).toBe(1);
  expect(started.stderr).toContain('COACH_LANG: must be one of fr, en (got "de").');
});

test('npx coach runs the package bin', () => {
  const npx = spawnSync('npx', ['--no-install', 'coach', 'help'], { cwd: root, encoding: 'utf8' });
  expect(npx.status).toBe(0);
  expect(npx.stdout).toContain('lint-content [DIR]');
});
