// Outage drills end to end in the terminal chat (issue 11), in French and in English: the scripted events
// arrive at their times as the rehearsal clock moves, the trainee handles the outage with the /incident
// commands, the score explains each point, and the points reach the leaderboard once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'coach-drill-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_REHEARSAL_FILE: join(dir, 'rehearsal.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', COACH_TIMEZONE: 'America/Toronto' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}
const drillLines = () => readFileSync(join(dir, 'rehearsal.scores.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.kind === 'drill');
const between = (out: string, from: string, to: string) => out.slice(out.indexOf(from), out.indexOf(to, out.indexOf(from) + from.length));

test('a drill in French, handled well: events at their times, 10/10 explained, 10 points once', () => {
  const out = chat([
    '/clock 2100-03-06 13:00',
    '/as tom',
    '/incident drill file-server',
    '/clock 2100-03-06 13:03',
    '/incident update Le lecteur réseau S: est inaccessible pour tout le monde depuis 12 h 45. Nous sommes désolés des inconvénients. Nous cherchons la cause. Prochaine mise à jour : 13 h 30.',
    '/clock 2100-03-06 13:25',
    '/incident update Une pièce de stockage est brisée et le fournisseur s’en vient. Enregistrez vos fichiers sur votre poste en attendant. Prochaine mise à jour : 13 h 55.',
    '/clock 2100-03-06 13:50',
    '/incident still',
    '/clock 2100-03-06 14:12',
    '/incident impact La comptabilité et les ventes n’ont pas pu ouvrir leurs fichiers pendant 70 minutes.',
    '/incident cause Un disque de la baie de stockage a lâché; l’alerte n’a été vue par personne.',
    '/incident prevent Envoyer les alertes de stockage au cellulaire de garde (Sam, d’ici vendredi).',
    '/incident resolve Disque remplacé.',
    '/incident resolve',
    '/leaderboard',
  ]);
  const start = between(out, '# 🔴 Exercice · incident 1 · Lecteur réseau (S:)', 'Horloge de la répétition : samedi 6 mars à 13 h 03');
  expect(start).toContain('# 🎯 Exercice de panne · Le lecteur réseau ne répond plus');
  expect(start).toContain('Mardi matin, 8 h 50. Vous êtes de garde');
  expect(start).toContain('# Exercice · 0 min\n\nCinq personnes de la comptabilité signalent que le lecteur S: est inaccessible depuis 8 h 45.');
  expect(start).toContain('# Premier avis à publier · incident 1');
  // The events come as the clock moves, each once, in order, each at its own minute.
  const clockAt = (hhmm: string) => `Horloge de la répétition : samedi 6 mars à ${hhmm}`;
  const to1325 = between(out, clockAt('13 h 03'), clockAt('13 h 25'));
  expect(to1325).toContain('--- publié dans #terminal · samedi 6 mars à 13 h 10 ---\n# Exercice · 10 min');
  expect(to1325.indexOf('# Exercice · 20 min')).toBeGreaterThan(to1325.indexOf('# Exercice · 10 min'));
  expect(to1325).toContain('--- publié dans #terminal · samedi 6 mars à 13 h 20 ---\n# Exercice · 20 min');
  expect(between(out, clockAt('13 h 25'), clockAt('13 h 50'))).toMatch(/à 13 h 35 ---\n# Exercice · 35 min\n[\s\S]*à 13 h 50 ---\n# Exercice · 50 min\n/);
  expect(between(out, clockAt('13 h 50'), '# Service rétabli')).toContain('--- publié dans #terminal · samedi 6 mars à 14 h 10 ---\n# Exercice · 70 min\n\nLe service est rétabli');
  for (const minute of [0, 10, 20, 35, 50, 70]) expect(out.split(`# Exercice · ${minute} min\n`)).toHaveLength(2);
  // "still working on it" keeps the promise of news.
  expect(out).toContain('Nous travaillons toujours à rétablir Lecteur réseau (S:). Il n’y a rien de nouveau pour l’instant, mais nous vous tenons au courant. Prochaine mise à jour : 14 h 20, ou avant si la situation change.');
  const result = between(out, '# 🎯 Résultat de l’exercice · 10/10', '# Classement');
  expect(result).toContain('• Premier avis rapide : 2/2. Premier avis 3 min après le début : les utilisateurs arrêtent d’appeler un par un.');
  expect(result).toContain('• Mises à jour à l’heure : 2/2. Chaque avis est parti à l’heure annoncée (4 sur 4) : c’est ce qui garde la confiance.');
  expect(result).toContain('• Excuses : 1/1. Le premier avis s’excuse des inconvénients.');
  expect(result).toContain('• Heure de la prochaine mise à jour : 1/1.');
  expect(result).toContain('• Aucune fausse promesse : 1/1.');
  expect(result).toContain('• Sans jargon : 1/1.');
  expect(result).toContain('• Rapport complet : 2/2. Impact, cause et actions de prévention sont au rapport.');
  expect(result).toContain('+10 points au classement de ce canal.');
  expect(result).toContain('L’incident 1 est déjà résolu');
  expect(out).toMatch(/# Classement · terminal\n\n## Cette semaine\n• 1\. tom · 10 pts/);
  // Once: a restart, another resolve, the report again: still one drill event of 10 points.
  const again = chat(['/as tom', '/incident resolve', '/incident report', '/leaderboard']);
  expect(again).toContain('L’incident 1 est déjà résolu');
  expect(again).toContain('# Rapport d’exercice · Lecteur réseau (S:)');
  expect(again).toMatch(/• 1\. tom · 10 pts/);
  expect(drillLines()).toEqual([expect.objectContaining({ workspace: 'local', channel: 'terminal', user: 'tom', delta: 10, kind: 'drill', reason: 'drill file-server', incidentId: '1' })]);
});

test('a drill in English with mistakes: each lost point says why, and only the points earned are added', () => {
  const out = chat([
    '/coach lang en',
    '/clock 2100-03-06 13:00',
    '/as eve',
    '/coach lang en',
    '/incident drill email',
    '/clock 2100-03-06 13:14',
    '/incident update Outlook is down, the SMTP relay and the MX records look wrong. It will be back by 2:30.',
    '/clock 2100-03-06 14:00',
    '/incident update Still down. Next update at 2:30 p.m.',
    '/incident cause The provider had a regional outage.',
    '/clock 2100-03-06 14:20',
    '/incident resolve',
    '/leaderboard',
  ]);
  expect(out).toContain('# 🎯 Outage drill · Email is down');
  expect(out).toContain('# Drill · 0 min\n\nSeveral employees report that Outlook shows “Disconnected”');
  expect(out).toMatch(/# Drill · 10 min[\s\S]*# Drill · 25 min[\s\S]*# Drill · 45 min/);
  // Tips came at the time, privately, naming the words.
  expect(out).toContain('• The first notice does not apologize.');
  expect(out).toContain('• Technical words: SMTP, MX.');
  expect(out).toContain('• “It will be back by 2:30.” promises a recovery time you may not be able to keep.');
  const result = between(out, '# 🎯 Drill result · 2/10', '# Leaderboard');
  expect(result).toContain('• Quick first notice: 1/2. First notice after 14 min: aim for 10 minutes or less, before the phones overflow.');
  expect(result).toContain('• Updates on time: 1/2. 2 of 3 notices at the announced time.');
  expect(result).toContain('• Apology: 0/1. The first notice does not apologize');
  expect(result).toContain('• Next update time: 0/1. 1 of 2 notices did not say when the next update would come.');
  expect(result).toContain('• No false promise: 0/1. A recovery time was promised without a guarantee');
  expect(result).toContain('• No jargon: 0/1. Technical jargon in the notices');
  expect(result).toContain('• Complete report: 0/2. The report is missing: impact, actions to prevent it in the future.');
  expect(result).toContain('+2 points on this channel’s leaderboard.');
  expect(out).toMatch(/# Leaderboard · terminal\n\n## This week\n• 1\. eve · 2 pts/);
  expect(drillLines()).toEqual([expect.objectContaining({ user: 'eve', delta: 2, kind: 'drill', reason: 'drill email' })]);
});

test('one drill at a time per channel; an unknown drill lists the known ones', () => {
  const out = chat(['/clock 2100-03-06 13:00', '/incident drill nope', '/incident drill', '/incident drill']);
  expect(out).toContain('Je ne connais pas l’exercice « nope ». Exercices : email, file-server.');
  expect(out).toContain('Un exercice est déjà en cours ici (incident 1). Terminez-le avec /incident resolve.');
});
