// Issue 14, items 2 to 4, in the terminal with the rehearsal clock, through the real chat with piped
// stdin: reminders at most once per challenge and never to those who opted out, none on a paused day;
// a contest adjusted in the review queue changes the board and the score log once; practice brings
// back the worst-scored scenario first, with its points kept apart from the team board.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';

const root = join(__dirname, '../..');
const library = loadLibrary(join(root, 'content'));
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-team-week-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One chat session; the rehearsal is kept in `rehearsal.json` so a second session resumes it and the test can read it. */
function chat(lines: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_REHEARSAL_FILE: join(dir, 'rehearsal.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', COACH_TIMEZONE: 'America/Toronto', COACH_HOLIDAYS: 'none' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

const rehearsal = () => readFileSync(join(dir, 'rehearsal.json'), 'utf8');
const scoreLog = () => (existsSync(join(dir, 'rehearsal.scores.jsonl')) ? readFileSync(join(dir, 'rehearsal.scores.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

/** Who got a reminder at each clock move: "alice, bob @ <the time the clock moved to>" (moves without reminders left out). */
function reminders(out: string): string[] {
  const got: string[] = [];
  let pending: string[] = [];
  const lines = out.split('\n');
  lines.forEach((line, i) => {
    const m = line.match(/^--- en privé pour (\S+) ---$/);
    if (m && /^# Rappel · défi du jour/.test(lines[i + 1] ?? '')) pending.push(m[1]!);
    const moved = line.match(/^Horloge de la répétition : (.+) \(America\/Toronto\)$/);
    if (moved) {
      if (pending.length) got.push(`${pending.join(', ')} @ ${moved[1]}`);
      pending = [];
    }
  });
  return got;
}

test('reminders: one per challenge an hour before the debrief, only to active members who did not answer, never after opting out, none on a paused day', () => {
  const out = chat([
    '/clock 2100-03-01 09:00',                          // Monday's challenge; debrief Tuesday 08:00
    '/as alice', '/answer 1',
    '/as bob', '/answer 2',
    '/as carol', '/answer 3', '/coach reminders off',
    '/as dave', '/coach reminders',                      // never played: no reminder, whatever the setting
    '/clock 2100-03-02 09:30',                          // Monday's reminder hour (07:00 Tuesday): everyone answered it
    '/as bob', '/answer 1',
    '/clock 2100-03-03 07:30',                          // Tuesday's (07:00 Wednesday): alice only (carol opted out)
    '/clock 2100-03-03 07:50',                          // nothing more for that challenge
    '/clock 2100-03-03 10:00',                          // Wednesday's challenge posted at 09:00, debrief Thursday 08:00…
    '/as lead', '/coach pause 2100-03-04',              // …and Thursday paused after it: no reminder that day
    '/clock 2100-03-04 09:00',
    '/as carol', '/coach reminders on',
    '/clock 2100-03-08 10:00',                          // Friday's challenge: reminders Monday 07:00, carol's back
  ]);
  expect(reminders(out)).toEqual([
    'alice @ mercredi 3 mars à 07 h 30',
    'alice, bob, carol @ lundi 8 mars à 10 h 00',
  ]);
  expect(out).toContain('Vos rappels sont activés');
  expect(out).toContain('C’est noté : plus aucun rappel.');
  // The reminder names the challenge and its debrief time, with the button to stop them.
  const reminder = out.slice(out.indexOf('# Rappel · défi du jour'));
  expect(reminder).toMatch(/Le corrigé sera publié mercredi 3 mars à 08 h 00/);
  expect(reminder).toContain('[1] Ne plus me le rappeler');
  const challenges = () => JSON.parse(rehearsal()).workspaces.local.channels.terminal.challenges as { day: string; remindedAt?: string }[];
  // Tuesday's challenge records when its reminders went; Wednesday's, whose reminder hour fell on the paused day, none.
  expect(challenges().find((c) => c.day === '2100-03-02')!.remindedAt).toBe(new Date('2100-03-03T07:00:00-05:00').toISOString());
  expect(challenges().find((c) => c.day === '2100-03-03')!.remindedAt).toBeUndefined();
  // Once per challenge survives a restart: the next session sends Monday's reminders, the one after none.
  expect(reminders(chat(['/clock 2100-03-09 07:30']))).toEqual(['alice, bob, carol @ mardi 9 mars à 07 h 30']);
  expect(reminders(chat(['/clock 2100-03-09 07:45']))).toEqual([]);
});

test('a contest adjusted in the review queue changes the board and the score log once; the words are erased once reviewed; non-admins are refused', () => {
  const words = 'je vais voir Quenneville calmement et je vérifie ce qu’elle voit à l’écran';
  // Only Problème 1 (Quenneville's mouse) in rotation, so these words answer the challenge posted and the
  // grader is sure of its grade (an off-topic answer goes to the queue by itself, with no contest button).
  const others = library.scenarios.filter((s) => s.id !== 'lost-mouse').map((s) => `/coach scenarios off ${s.fr.number}`);
  const first = chat([
    '/as lead', ...others,
    '/clock 2100-03-01 09:00',
    '/as bob', `/answer ${words}`,
    '1',                                                 // the "Contest this score" button: the terminal asks for the reason
    '/coach contest j’ai vérifié son identité, relisez svp',
    '/coach contest encore',                             // one item per answer
    '/coach queue',                                      // not an admin
    '/coach privacy',
  ]);
  expect(posted(first)).toEqual([library.scenarios.find((s) => s.id === 'lost-mouse')!.fr.title]);
  expect(first).toContain('Dans la file de révision : 1 réponse. Les mots d’une réponse y restent seulement jusqu’à ce qu’un admin la revoie');
  expect(first).toMatch(/\[1\] Contester cette note/);
  expect(first).toMatch(/Pour contester une note, donnez la raison : \/coach contest 2100-03-01-[a-z0-9-]+ VOTRE RAISON/);
  expect(first).toContain('Votre contestation est dans la file de révision');
  expect(first).toContain('Votre réponse à ce défi est déjà dans la file de révision');
  expect(first).toContain('Seul un admin peut consulter et traiter la file de révision');
  const given = Number(first.match(/^# Scénario \d+ · .+ : (\d+)\/10$/m)![1]);
  // Until it is reviewed, the queue keeps the words (and nothing else does).
  expect(rehearsal()).toContain('Quenneville');
  const newScore = given >= 9 ? given - 3 : given + 2;
  const second = chat([
    '/as lead', '/coach queue',
    `/coach queue adjust 1 ${newScore} a bien vérifié l’identité`,
    `/coach queue adjust 1 ${newScore} a bien vérifié l’identité`, // a double click
    '/coach queue confirm 1',
    '/coach queue',
    '/as bob', '/leaderboard', '/coach contest encore une fois',
  ]);
  expect(second).toMatch(/# À revoir · n° 1 · /);
  expect(second).toContain('Pourquoi : contestée par le membre : « j’ai vérifié son identité, relisez svp »');
  expect(second).toContain(`Sa réponse : « ${words} »`);
  expect(second).toContain(`Note ajustée : bob, ${given}/10 → ${newScore}/10`);
  // bob hears of it privately, once.
  expect(second.match(/--- en privé pour bob ---\n# Votre note a été revue/g)).toHaveLength(1);
  expect(second).toMatch(new RegExp(`passe de ${given}/10 à ${newScore}/10 \\([+-]?\\d+ points?\\)\\. Raison : a bien vérifié l’identité`));
  expect(second.match(/L’élément n° 1 a déjà été revu par lead/g)).toHaveLength(2);
  expect(second).toContain('La file de révision est vide');
  expect(second).toContain('Votre note à ce défi a déjà été revue par un admin');
  // The board moved once: bob's points are the new score.
  expect(second.slice(second.lastIndexOf('# Classement · terminal'))).toMatch(new RegExp(`Vous : #1 cette semaine \\(${newScore} pts?\\)`));
  // The score log has the answer and exactly one adjustment: who, when, why.
  const log = scoreLog();
  const adjust = log.filter((e) => e.kind === 'adjust');
  expect(adjust).toHaveLength(1);
  expect(adjust[0]).toMatchObject({ user: 'bob', by: 'lead', delta: newScore - given, reason: 'a bien vérifié l’identité', reviewId: '1' });
  expect(log.filter((e) => e.user === 'bob').reduce((s, e) => s + e.delta, 0)).toBe(newScore);
  // Reviewed: the words are gone from the data.
  expect(rehearsal()).not.toContain('Quenneville');
});

/** The titles of the challenges posted, in order. */
const posted = (out: string) => [...out.matchAll(/^--- publié dans #terminal · .+ ---\n# Défi du jour · (.+)$/gm)].map((m) => m[1]!);
const byTitle = (title: string) => library.scenarios.find((s) => s.fr.title === title)!;

test('practice brings back the worst-scored scenario first, privately, with its points apart from the team board; /coach me shows the profile', () => {
  const first = chat([
    '/clock 2100-03-01 09:00', '/as alice', '/answer 1',
    '/as bob', '/answer je ne sais pas, Tremblay',        // words held only until the debrief
  ]);
  expect(rehearsal()).toContain('Tremblay');
  const out = chat([
    '/clock 2100-03-02 09:05', '/as alice', '/answer 2',
    '/clock 2100-03-03 09:05', '/as alice', '/answer 3',
    '/clock 2100-03-05 10:00', '/as alice', '/leaderboard',
    '/scenario practice',
    '/scenario practice',                                  // the same one until it is answered
    '/answer practice 1',
    '/leaderboard',
    '/scenario practice',
    '/coach me',
  ]);
  // Bob's words went with Monday's debrief.
  expect(rehearsal()).not.toContain('Tremblay');
  const titles = [...posted(first), ...posted(out)].slice(0, 3);
  expect(titles).toHaveLength(3);
  const played = titles.map((title, i) => ({ id: byTitle(title).id, title, points: byTitle(title).fr.choices[i]!.points }));
  // All three are due by Friday: the worst first (ties: the earliest).
  const worst = [...played].sort((a, b) => a.points - b.points)[0]!;
  const practice = [...out.matchAll(/^# Pratique personnelle · (.+)$/gm)].map((m) => m[1]!);
  expect(practice[0]).toBe(worst.title);
  expect(practice[1]).toBe(worst.title);
  // Answered: its next review follows its new score; the next pick is the worse of the other two, or the
  // same one again only if it is still due (never: answered now, it is due tomorrow at the earliest).
  const rest = played.filter((p) => p.id !== worst.id).sort((a, b) => a.points - b.points);
  expect(practice[2]).toBe(rest[0]!.title);
  const practised = byTitle(worst.title).fr.choices[0]!.points;
  expect(out).toContain(`Pratique notée : ${practised}/10, ${practised} ${practised < 2 ? 'point' : 'points'} de pratique en tout`);
  // The team board is the same before and after practice.
  const boards = [...out.matchAll(/^# Classement · terminal\n([\s\S]*?)\n\n(?=Vous)/gm)].map((m) => m[1]);
  expect(boards).toHaveLength(2);
  expect(boards[0]).toBe(boards[1]);
  const me = out.slice(out.lastIndexOf('# Votre profil'));
  expect(me).toContain('Réponses notées : 4 réponses (défis et pratique)');
  expect(me).toContain('## Votre tendance');
  expect(me).toContain(`## À pratiquer ensuite\n• « ${rest[0]!.title} » : /scenario practice`);
});
