// Issue 16 item 1 in the terminal, with piped stdin: `/coach channel-lang both`, then a post and a debrief
// that each read French then English (one message, buttons once), and the rehearsal room's own lines in
// the language of whoever speaks.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-chlang-shell-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', TMPDIR: dir, COACH_HOLIDAYS: 'none' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

test('channel-lang both: the post and the debrief in French then English, each button once', () => {
  const out = chat(['/as lead', '/coach channel-lang both', '/coach lang', '/coach post', '/as alice', '2', '/as lead', '/coach reveal']);
  expect(out).toContain('Les messages publics de ce canal (défis, corrigés) seront en français puis en anglais.');
  expect(out).toContain('Messages publics de ce canal : en français puis en anglais (choix d’un admin).');
  const post = out.slice(out.indexOf('# Défi du jour'));
  const [fr, en] = post.split('— English —');
  expect(fr).toContain('Répondez une seule fois');
  expect(en).toMatch(/^\n\n## Today’s challenge · /);
  const buttons = post.slice(0, post.indexOf('\n# ')).split('\n').filter((l) => /^ {2}\[\d+\] /.test(l));
  expect(buttons).toHaveLength(5); // 4 choices and "in my own words", once, each in both languages
  for (const b of buttons) expect(b).toMatch(/ \/ /);
  const debrief = out.slice(out.indexOf('# Corrigé · '));
  expect(debrief).toMatch(/^# Corrigé · [^\n]+\n[\s\S]*## Participation[\s\S]*— English —\n\n## Debrief · [\s\S]*## Participation/);
});

test('the rehearsal room speaks the language of whoever speaks', () => {
  const out = chat(['/as lead', '/coach lang en', '/clock', '/clock +1d', '/clock 2020-01-01', '/as bob', '/clock']);
  expect(out).toContain('Clock: ');
  expect(out).toMatch(/Rehearsal: starting /);
  expect(out).toMatch(/only moves forward/);
  expect(out).toContain('Vous parlez maintenant en tant que bob.');
  expect(out).toMatch(/Horloge de la répétition : /);
});
