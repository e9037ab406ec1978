// Every `npx coach route|grade "…"` example of the README, followed by a `# {…}` line, prints what the README
// says: the fields it spells out must match (fields shown as `[…]` or `…` are not checked).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8').split('\n');

interface Example { args: string[]; expected: Record<string, unknown> }

/** Shell words of a README command line (double-quoted strings kept whole). */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

/** The fields a `# {…}` line spells out in full; elided ones (`[…]`, `…`) are dropped. */
function spelled(comment: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of comment.matchAll(/"(\w+)":((?:\[[^\]]*\])|(?:"[^"]*")|(?:[-\d.]+)|null|true|false)/g)) {
    if (m[2]!.includes('…')) continue;
    out[m[1]!] = JSON.parse(m[2]!);
  }
  return out;
}

const examples: Example[] = [];
readme.forEach((line, i) => {
  const m = line.match(/^npx coach (route|grade) (.*"[^"]+".*?)\s*(#.*)?$/);
  const next = readme[i + 1] ?? '';
  if (!m || !next.startsWith('# {')) return;
  examples.push({ args: [m[1]!, ...words(m[2]!)], expected: spelled(next) });
});

test('the README has route and grade examples', () => {
  expect(examples.map((e) => e.args[0])).toEqual(expect.arrayContaining(['route', 'grade']));
});

test.each(examples.map((e) => [e.args.join(' ').slice(0, 80), e] as const))('%s', (_name, example) => {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...example.args], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject(example.expected);
});
