// Answers, numbers and debriefs through the real terminal chat with piped stdin, as a team rehearses:
// a number picks a button of the last message only when it had buttons; every way of writing a choice is
// that choice; a short answer waits for a confirmation; the debrief is printed privately for each person
// who answered; a member whose answer scored 0 sees their real line on the board.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-answers-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[]) {
  return spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', COACH_HOLIDAYS: 'none' },
  });
}
const terminal = () => JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8')).workspaces.local.channels.terminal;

test('/playbook panne then 2 does not answer the open challenge; after /scenario, 2 does', () => {
  const run = chat(['/as lead', '/coach post', '/playbook client fâché', '2', '/as alice', '/playbook client fâché', '2', '/scenario', '2']);
  expect(run.stderr).toBe('');
  expect(run.stdout.match(/Un numéro choisit un bouton du dernier message, et celui-ci n’en avait pas\. Pour répondre au défi : \/answer 2\./g)).toHaveLength(2);
  expect(Object.keys(terminal().challenges[0].answers)).toEqual(['alice']);
  expect(terminal().challenges[0].answers.alice.choice).toBe(1);
  // Right after the challenge is posted, its buttons are the last message's: 3 picks option 3; 9 is no button.
  const again = chat(['/as lead', '/coach lang en', '9', '/as bob', '/scenario', '9', '3']);
  expect(again.stdout).toContain('A number picks a button of the last message, and it had none. To answer the challenge: /answer 9.');
  expect(again.stdout).toMatch(/Le dernier message a des boutons de 1 à \d+\. Pour répondre au défi : \/answer 9\./);
  expect(terminal().challenges[0].answers.bob.choice).toBe(2);
});

test('2., #2, (2), option 2, choix 2, " 2 ": the same choice; ok asks first and its button confirms', () => {
  const forms = ['2.', '#2', '(2)', 'option 2', 'choix 2', ' 2 '];
  const run = chat([
    '/as lead', '/coach post',
    ...forms.flatMap((form, i) => [`/as m${i}`, `/answer ${form}`]),
    '/as gus', '/answer ok', '/playbook panne', '/answer ok', '1',
    '/as hal', '/answer 0',
    '/leaderboard',
  ]);
  expect(run.stderr).toBe('');
  const answers = terminal().challenges[0].answers;
  for (const [i] of forms.entries()) expect(answers[`m${i}`].choice).toBe(1);
  expect(answers.gus).toMatchObject({ choice: null });
  expect(answers.hal).toBeUndefined();
  expect(run.stdout).toContain('« ok », c’est trop court pour que je puisse le noter, et vous n’avez qu’une réponse par défi : rien n’est enregistré pour l’instant.');
  expect(run.stdout).toMatch(/\[1\] Envoyer « ok » telle quelle\n/);
  expect(run.stdout).not.toMatch(/\(\/answer \d{4}-/); // the command behind the button is not shown
  expect(run.stdout).toMatch(/« 0 » n’est pas un numéro d’option\. Choisissez un numéro de 1 à \d+/);
  expect(run.stdout).not.toMatch(/Vous avez déjà répondu/);
});

test('a 0-point answer: on the board with the real line; the reveal prints a private copy for each person who answered', () => {
  const post = chat(['/as lead', '/coach post']);
  expect(post.stderr).toBe('');
  const run = chat(['/as zoe', '/answer ! je sais pas', '/as ann', '/scenario', '1', '/as zoe', '/leaderboard', '/as lead', '/coach reveal']);
  expect(run.stderr).toBe('');
  const zoe = terminal().totals.zoe;
  expect(zoe).toMatchObject({ answers: 1, points: 0 }); // "je sais pas" covers no key point
  const unit = zoe.points < 2 ? 'pt' : 'pts';
  expect(run.stdout).toContain(`zoe · ${zoe.points} ${unit}`);
  expect(run.stdout).toMatch(new RegExp(`Vous : #\\d cette semaine \\(${zoe.points} ${unit}\\), #\\d au total \\(${zoe.points} ${unit}\\), 1 réponse, série de 1\\.`));
  expect(run.stdout).not.toContain('Vous n’avez pas encore participé');
  const reveal = run.stdout.slice(run.stdout.indexOf('# Corrigé'));
  expect(reveal).toContain('--- en privé pour zoe ---');
  expect(reveal).toContain('--- en privé pour ann ---');
  expect(reveal.match(/## Votre réponse : \d+\/10/g)).toHaveLength(2);
  expect(reveal).toContain('Dans vos mots.');
});
