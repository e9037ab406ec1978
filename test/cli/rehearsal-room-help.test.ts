// The terminal explains itself and reports its settings, as a new team lead meets it through piped
// stdin: /coach help lists the rehearsal commands, /as says who speaks and /as me comes back, choices
// show no internal command, /scenario N is private practice, and settings commands with no argument
// show the setting.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'coach-room-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let runs = 0;

function chat(lines: string[], extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, COACH_LANG: '', COACH_CONTENT_DIR: '', USER: 'root', COACH_DATA_FILE: join(dataDir, `coach-${++runs}.json`), ...extraEnv };
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], { cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', env, timeout: 30_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

test('/coach help in the terminal lists /as, /clock and /scenario N, in French and in English', () => {
  const out = chat(['/coach help', '/coach lang en', '/coach help']);
  expect(out).toContain('## Répétition (terminal)');
  expect(out).toContain('• /as NOM : parler à la place d’un membre de l’équipe');
  expect(out).toContain('/as moi : revenir à vous (admin)');
  expect(out).toMatch(/• \/clock : l’heure; \/clock \+1d/);
  expect(out).toContain('• /scenario N (1 à 9) ou /scenario ID');
  expect(out).toContain('## Rehearsal (terminal)');
  expect(out).toContain('• /as NAME: speak as a team member');
  expect(out).toContain('/as me: back to yourself (admin)');
});

test('/as alone says who is speaking; /as NAME elides in French; /as me goes back to the admin', () => {
  const out = chat(['/as', '/as alice', '/as', '/coach post', '/as me', '/as', '/as Émile', '/as moi', '/as !!']);
  const me = out.match(/Vous parlez en votre propre nom \(([^,]+), admin du terminal\)/)?.[1];
  expect(me).toBeTruthy();
  expect(out).toContain(`Vous parlez maintenant en tant qu’alice. /as moi vous ramène à ${me}.`);
  expect(out).toContain(`Vous parlez en tant qu’alice. /as NOM pour parler à la place d’un autre membre, /as moi pour revenir à ${me}.`);
  // alice is no admin: /coach post is refused while she speaks.
  expect(out).toContain('seuls les administrateurs du coach peuvent utiliser /coach post');
  expect(out).toContain(`Vous parlez de nouveau en votre propre nom (${me}).`);
  expect(out).toContain('Vous parlez maintenant en tant qu’Émile.');
  expect(out).toContain('Utilisation : /as NOM (lettres, chiffres, . _ -), /as seul ou /as moi');
  expect(out).not.toMatch(/que [aeiouéÉ]/i);
});

test('challenge choices show [n] label and a hint, never the internal /answer command; the number still answers', () => {
  const out = chat(['/coach post', '/as alice', '2']);
  expect(out).toMatch(/^ {2}\[1\] \S.*$/m);
  expect(out).toMatch(/^ {2}\[5\] Répondre dans mes mots$/m);
  expect(out).toContain('  Tapez un numéro (1 à 5) pour choisir.');
  expect(out).not.toMatch(/\(\/answer/);
  expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}-/); // no challenge id anywhere
  expect(out).toContain('0 réponse jusqu’ici.');
  expect(out).toContain('Réponse enregistrée.');
});

test('the debrief counts the choices by number, not in full, and has no bare command line', () => {
  const out = chat(['/coach post', '/as alice', '2', '/as me', '/coach reveal']);
  const debrief = out.slice(out.indexOf('# Corrigé'));
  expect(debrief).toContain('## Participation');
  expect(debrief).toMatch(/^• Choix 2( ✓)? : 1 réponse$/m);
  expect(debrief).toMatch(/^• Choix [134]( ✓)? : 0 réponse$/m);
  expect(new Set(debrief.match(/^• Choix \d ✓ : \d réponse$/gm))).toHaveProperty('size', 1); // one best choice (the debrief and its private copy)
  expect(debrief).toMatch(/^• Dans leurs mots : 0 réponse$/m);
  expect(debrief).toMatch(/^Pour revoir la situation : \/playbook [a-z-]+(, \/playbook [a-z-]+)*\.$/m);
  expect(debrief).not.toMatch(/^\/\w+[^\n]*$/m);
});

test('/scenario N and /scenario ID: private practice, no points; its debrief on request; a wrong one lists them', () => {
  const out = chat(['/scenario 5', '/scenario training-dvd corrigé', '/scenario 42', '/leaderboard']);
  expect(out).toContain('# Entraînement · Le DVD de la CNESST emprunté');
  expect(out).toContain('Pour vous exercer : rien n’est noté ni enregistré');
  expect(out).toContain('## Les choix');
  expect(out).toContain('/scenario 5 corrigé');
  expect(out).toContain('# Entraînement · corrigé · Le DVD de la CNESST emprunté');
  expect(out).toMatch(/## Meilleur choix : \d\. /);
  expect(out).toContain('Je ne connais pas le scénario « 42 ». Choisissez un numéro de 1 à 9');
  expect(out).toContain('Personne n’a encore participé.'); // nothing was scored
});

test('settings commands report their state: /coach lang, /coach listen, /coach schedule, /coach unpause', () => {
  const out = chat([
    '/coach lang', '/coach listen', '/coach listen off', '/coach listen', '/coach schedule',
    '/coach pause 2026-12-25', '/coach unpause 2026-12-25 2026-12-26', '/coach unpause 2026-12-27 2026-12-28',
    '/coach lang en', '/coach lang', '/coach unpause 2026-12-29',
  ]);
  expect(out).toContain('Vous n’avez pas choisi de langue : je vous réponds dans la langue de votre message (par défaut, en français).');
  expect(out).toContain('Messages publics de ce canal : en français (par défaut).');
  expect(out).toContain('J’offre le playbook quand un message de ce canal décrit une situation. /coach listen off pour arrêter.');
  expect(out).toContain('Je n’offre pas de playbook sur les messages de ce canal. /coach listen on pour recommencer.');
  expect(out).toMatch(/Horaire ici : « 0 9 \* \* 1-5 » \(America\/Toronto\), actif\./);
  expect(out).toContain('Pause levée : 2026-12-25. Le 2026-12-26 n’était pas en pause : rien à lever.');
  expect(out).toContain('Ces jours n’étaient pas en pause : 2026-12-27, 2026-12-28.');
  expect(out).not.toContain('Pause levée : 2026-12-27');
  expect(out).toContain('I answer you in English (your choice).');
  // Only looking at the schedule (a bare /coach schedule) did not give the channel a language.
  expect(out).toContain('Public messages in this channel: French (the default).');
  expect(out).toContain('2026-12-29 was not paused: nothing to lift.');
});
