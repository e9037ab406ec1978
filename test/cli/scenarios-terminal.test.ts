// `/coach scenarios` in the terminal chat, as a team lead uses it (issue 16, item 4): anyone lists the
// scenarios with on/off for the channel, only an admin takes one out or puts it back, the last one in
// play cannot be taken out, and the posts that follow never use a scenario taken out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';

const root = join(__dirname, '../..');
const library = loadLibrary(join(root, 'content'));
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-scenarios-test-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[], lang = 'fr', file = 'coach.json') {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, file), COACH_ADMINS: 'lead', COACH_LANG: lang, COACH_CONTENT_DIR: '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

const s8 = library.scenarios.find((s) => s.fr.number === 8)!;

/**
 * The titles of the challenges shown in answer to `/coach post`, one per command. The posts the rehearsal
 * plays on its own while `/clock +1d` passes a day's slot (after a `--- posted in` line, up to the
 * `Rehearsal clock:` line) are left out: whether a slot falls inside the day skipped depends on the time of
 * day the test runs (before or after 09:00 in the channel's zone), and `/coach post` then shows that same
 * challenge as already posted.
 */
function postReplies(transcript: string): string[] {
  const titles: string[] = [];
  let played = false;
  for (const line of transcript.split('\n')) {
    if (line.startsWith('--- posted in ')) played = true;
    else if (line.startsWith('Rehearsal clock:') || line.startsWith('Rehearsal:')) played = false;
    const title = /^# Today’s challenge · (.+)$/.exec(line)?.[1];
    if (title && !played) titles.push(title);
  }
  return titles;
}

test('French: list, take 8 out by number, refuse a member, put it back by id', () => {
  const out = chat([
    '/as lead', '/coach scenarios', '/coach scenarios off 8', '/coach scenarios off 8', '/coach scenarios',
    '/as alice', '/coach scenarios', '/coach scenarios on 8',
    '/as lead', `/coach scenarios on ${s8.id}`, '/coach scenarios off 42', '/coach scenarios off',
  ]);
  expect(out).toContain('# Défis de ce canal');
  expect(out).toContain('Tous les défis (9) sont en rotation ici.');
  expect(out).toContain(`8. ${s8.fr.title} (${s8.id}) · en rotation`);
  expect(out).toContain(`Le défi 8, « ${s8.fr.title} », est retiré de la rotation de ce canal. Il reste 8 défis en rotation.`);
  expect(out).toContain(`Le défi 8, « ${s8.fr.title} », était déjà retiré de la rotation de ce canal.`);
  expect(out).toContain('En rotation ici : 8 défis sur 9; 1 retiré.');
  expect(out).toContain(`8. ${s8.fr.title} (${s8.id}) · retiré`);
  expect(out).toContain('Seul un admin peut changer les défis de ce canal');
  expect(out).toContain(`Le défi 8, « ${s8.fr.title} », est de retour dans la rotation de ce canal.`);
  expect(out).toContain('Aucun défi « 42 ». Choisissez un numéro de 1 à 9');
  expect(out).toContain('Utilisation : /coach scenarios');
  const data = JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8'));
  expect(data.workspaces.local.channels.terminal.scenariosOff).toBeUndefined();
});

test('English: the last one in play stays; posts over ten days never use one taken out', () => {
  const offs = library.scenarios.slice(0, 8).map((s) => `/coach scenarios off ${s.fr.number}`);
  const out = chat(['/as lead', '/coach lang en', ...offs, `/coach scenarios off ${library.scenarios[8]!.fr.number}`, '/coach scenarios']);
  const last = library.scenarios[8]!;
  expect(out).toContain(`is out of this channel’s rotation. Only one challenge remains in rotation.`);
  expect(out).toContain(`Challenge ${last.fr.number}, “${last.en.title}”, is the last one in rotation here: at least one must stay.`);
  expect(out).toContain('In rotation here: 1 challenge of 9; 8 taken out.');

  // Take 8 out, then post a challenge each day for nine days: 8 never comes, and no repeat among the eight.
  const days = Array.from({ length: 10 }, () => ['/coach post', '/clock +1d']).flat();
  const posts = chat(['/as lead', '/coach lang en', '/coach scenarios off 8', ...days], 'en', 'posts.json');
  const titles = postReplies(posts);
  expect(titles).toHaveLength(10);
  expect(titles).not.toContain(s8.en.title);
  // The first post is real; the /clock rehearsal then plays a copy with its own rotation (same choice of scenarios).
  expect(new Set(titles.slice(1, 9)).size).toBe(8);
});
