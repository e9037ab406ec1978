// `npx coach route`: the JSON contract other tools rely on.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const route = (args: string[], input = '') =>
  spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'route', ...args], { cwd: root, input, encoding: 'utf8' });

test('one text: one JSON object with playbook and confidence', () => {
  const run = route(['le serveur de fichiers est tombé ce matin']);
  expect(run.status).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const json = JSON.parse(lines[0]!);
  expect(json.playbook).toBe('outage');
  expect(json.confidence).toBeGreaterThan(0.4);
  expect(json.confidence).toBeLessThanOrEqual(1);
  expect(json.lang).toBe('fr');
});

test('--lang sets the language; nothing routes to null', () => {
  expect(JSON.parse(route(['--lang', 'en', 'panne']).stdout)).toMatchObject({ playbook: 'outage', lang: 'en' });
  expect(JSON.parse(route(['recette de pâté chinois']).stdout)).toMatchObject({ playbook: null });
});

test('batch mode: one JSON line per stdin line, in order, in one process', () => {
  const input = ['panne', '', 'angry user', 'trop de tickets ce matin', 'asdfgh'].join('\n') + '\n';
  const run = route([], input);
  expect(run.status).toBe(0);
  const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(results.map((r) => r.playbook)).toEqual(['outage', null, 'angry-user', 'ticket-flood', null]);
  for (const r of results) expect(typeof r.confidence).toBe('number');
});

test('bad options are refused with the usage', () => {
  const run = route(['--lang', 'de', 'panne']);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('--lang must be fr or en');
});
