// A whole incident through the real terminal chat, with the rehearsal clock, as a team lead would
// rehearse it (issue 11): start at 09:00, the draft, an update, no reminder at +20 min, a reminder at
// +31 min, a snooze, a restart in the middle that keeps the timers, the escalation to an admin when the
// update is twice the cadence overdue, resolve, and a report whose chronology has every event with its
// time; then `coach incident list` and `coach incident report`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentData } from '../../src/store/schema.js';

const root = join(__dirname, '../..');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'coach-incident-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({ ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_REHEARSAL_FILE: join(dir, 'rehearsal.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', COACH_TIMEZONE: 'America/Toronto' });
function chat(lines: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], { cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 30_000, env: env() });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}
// The rehearsal is kept in its own file (COACH_REHEARSAL_FILE): the CLI reads that one.
const coach = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...env(), COACH_DATA_FILE: join(dir, 'rehearsal.json') } });
const data = () => JSON.parse(readFileSync(join(dir, 'rehearsal.json'), 'utf8'));
const incident = (): IncidentData => data().workspaces.local.channels.terminal.incidents[0];
/** The output after the line that moved the clock to `hhmm` (each /clock prints "Horloge : … à HH h MM"). */
const after = (out: string, label: string) => out.slice(out.indexOf(label));
const between = (out: string, from: string, to: string) => out.slice(out.indexOf(from), out.indexOf(to, out.indexOf(from) + from.length));
const clockOf = (iso: string) => new Intl.DateTimeFormat('fr-CA', { timeZone: 'America/Toronto', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

test('a whole incident in the terminal, with a restart in the middle', () => {
  // Saturday 2100-03-06: no daily challenge that day, only the incident.
  const first = chat([
    '/clock 2100-03-06 09:00',
    '/as alice',
    '/incident start Lecteur réseau S:',
    '/clock 2100-03-06 09:02',
    '/incident post',
    '/clock 2100-03-06 09:05',
    '/incident update Le lecteur S: est toujours inaccessible. Le technicien remplace une pièce défectueuse. Prochaine mise à jour : 9 h 35.',
    '/clock 2100-03-06 09:25',
    '/clock 2100-03-06 09:36',
    '3', // the reminder's third button: snooze 15 min
    '/clock 2100-03-06 09:45',
  ]);
  // The start: the incident's post, then the owner's draft from the playbook's template.
  const start = between(first, '# 🔴 Incident 1 · Lecteur réseau S:', 'Horloge de la répétition : samedi 6 mars à 09 h 02');
  expect(start).toContain('État : panne en cours depuis 9 h 00 · aucun avis encore · prochaine mise à jour attendue à 9 h 30 · responsable : alice');
  expect(start).toContain('# Premier avis à publier · incident 1');
  expect(start).toContain('Objet : Lecteur réseau S: – panne en cours');
  expect(start).toContain('Depuis 9 h 00, Lecteur réseau S: est inaccessible pour tous les utilisateurs. Nous sommes désolés des inconvénients.');
  expect(start).toContain('• Prochaine mise à jour : 9 h 30, ou avant si la situation change.');
  expect(start).toContain('alice, équipe de support');
  expect(start).toContain('[1] Publier\n');
  expect(start).toContain('[2] Modifier\n');
  // The draft posted as it is: a first notice, with no tip.
  const posted = between(first, 'Horloge de la répétition : samedi 6 mars à 09 h 02', 'Horloge de la répétition : samedi 6 mars à 09 h 05');
  expect(posted).toContain('# Premier avis · Lecteur réseau S: · 9 h 02');
  expect(posted).toContain('Publié. Prochaine mise à jour attendue à 9 h 30 : je vous le rappellerai.');
  // The update announces 9 h 35; no reminder 20 minutes later; one at +31 min, in the incident's thread.
  expect(between(first, 'Horloge de la répétition : samedi 6 mars à 09 h 05', 'Horloge de la répétition : samedi 6 mars à 09 h 25')).toContain('Publié. Prochaine mise à jour attendue à 9 h 35 : je vous le rappellerai.');
  // The update was due at 9 h 35: nothing at +20 min; the reminder comes at 9 h 35 itself, played at its
  // own time as the clock moves to +31 min, in the incident's thread.
  const reminder = between(first, 'Horloge de la répétition : samedi 6 mars à 09 h 25', 'Horloge de la répétition : samedi 6 mars à 09 h 45');
  expect(reminder).toContain('--- publié dans #terminal · samedi 6 mars à 09 h 35 ---\n# ⏰ Mise à jour attendue · incident 1');
  expect(reminder).toContain('alice, la dernière nouvelle aux utilisateurs date de 30 min (à 9 h 05). Ils attendaient une mise à jour à 9 h 35.');
  expect(reminder).toContain('[2] Rien de nouveau : publier « on y travaille encore »\n');
  expect(reminder).toContain('Rappel reporté à 9 h 51.');
  expect(after(first, 'Horloge de la répétition : samedi 6 mars à 09 h 45')).not.toContain('Mise à jour attendue');
  // The snooze is in the data file: the next reminder at 9 h 51.
  expect(clockOf(incident().remindAt!)).toBe('9 h 51');

  // A restart: the snooze and the escalation time come back from the data file.
  const second = chat([
    '/clock 2100-03-06 09:50',
    '/clock 2100-03-06 09:52',
    '/clock 2100-03-06 10:36',
    '/as alice',
    '/incident note Le fournisseur apporte le disque de remplacement.',
    '/incident impact La comptabilité et les ventes n’ont pas pu ouvrir leurs fichiers pendant 1 h 40.',
    '/incident cause Un disque de stockage a lâché; l’alerte n’a été vue par personne.',
    '/clock 2100-03-06 10:40',
    '/incident resolve Disque remplacé, fichiers vérifiés.',
    '/incident resolve',
  ]);
  // The restart resumes the kept rehearsal where its clock stopped; the snoozed reminder (9 h 51) and the
  // escalation time come back from its data file and are played at their own times.
  expect(second).toContain('Répétition reprise là où elle s’était arrêtée');
  expect(between(second, 'Répétition reprise', 'Horloge de la répétition : samedi 6 mars à 09 h 50')).not.toContain('Mise à jour attendue');
  expect(between(second, 'Horloge de la répétition : samedi 6 mars à 09 h 50', 'Horloge de la répétition : samedi 6 mars à 09 h 52')).toContain('--- publié dans #terminal · samedi 6 mars à 09 h 51 ---\n# ⏰ Mise à jour attendue · incident 1');
  const overdue = between(second, 'Horloge de la répétition : samedi 6 mars à 09 h 52', 'Vous parlez maintenant en tant qu’alice.');
  expect(overdue).toContain('--- en privé pour lead ---\n# ⚠️ Mises à jour en retard · incident 1');
  expect(overdue).toContain('Dans #terminal, l’incident « Lecteur réseau S: » (responsable : alice) n’a pas donné de nouvelles aux utilisateurs depuis 1 h 30 min; une mise à jour était attendue à 9 h 35.');
  // Resolve: the "service restored" notice from the template, the report, and a second resolve says so.
  const resolved = after(second, 'Horloge de la répétition : samedi 6 mars à 10 h 40');
  expect(resolved).toContain('# Service rétabli · Lecteur réseau S: · 10 h 40');
  expect(resolved).toContain('Objet : Lecteur réseau S: – service rétabli');
  expect(resolved).toContain('Le service est rétabli depuis 10 h 40.');
  expect(resolved).toContain('Incident 1 résolu');
  expect(resolved).toContain('Pour le compléter : actions pour éviter le problème dans le futur.');
  expect(resolved).toContain('L’incident 1 est déjà résolu (à 10 h 40).');
  const report = between(resolved, '# Rapport d’incident · Lecteur réseau S:', 'L’incident 1 est déjà résolu');
  expect(report).toContain('## Résumé\nLecteur réseau S: en panne le samedi 6 mars 2100, de 9 h 00 à 10 h 40 (1 h 40 min)\nDisque remplacé, fichiers vérifiés.');
  expect(report).toContain('## Impact\nLa comptabilité et les ventes n’ont pas pu ouvrir leurs fichiers pendant 1 h 40.');
  expect(report).toContain('## Cause\nUn disque de stockage a lâché; l’alerte n’a été vue par personne.');
  expect(report).toContain('## Actions pour éviter le problème dans le futur\nÀ compléter (quoi, qui et pour quand) : /incident prevent #1 TEXTE');
  expect(report).toContain('## Personnes impliquées\n• alice (responsable) : a ouvert l’incident, a publié le premier avis, a publié des mises à jour, a reporté un rappel, a ajouté des notes, a décrit l’impact, a décrit la cause, a annoncé le retour du service');
  expect(report).toContain('## Communications\n• 9 h 02 · Premier avis (à l’heure)\n• 9 h 05 · Mise à jour (à l’heure)\n• 10 h 40 · Avis « service rétabli » (en retard de 1 h 05 min)');
  expect(report).toContain('• Premier avis : 2 min après le début\n• Mises à jour envoyées (premier avis compris) : 2\n• Avis envoyés à l’heure : 67 % (2 sur 3)\n• Plus long silence : 1 h 35 min');
  // The chronology: every event of the timeline, in order, with its time.
  const timeline = incident().timeline;
  expect(timeline.map((e) => e.kind)).toEqual(['opened', 'notice', 'update', 'reminder', 'snooze', 'reminder', 'reminder', 'escalated', 'note', 'impact', 'cause', 'resolved']);
  const chronology = between(report, '## Déroulement de la résolution\n', '\n\n').split('\n').slice(1);
  expect(chronology).toHaveLength(timeline.length);
  timeline.forEach((e, i) => expect(chronology[i]!.startsWith(`• ${clockOf(e.at)} · `)).toBe(true));
  expect(chronology).toEqual([
    '• 9 h 00 · Incident ouvert par alice : Lecteur réseau S:',
    '• 9 h 02 · Premier avis publié par alice : « Objet : Lecteur réseau S: – panne en cours »',
    '• 9 h 05 · Mise à jour publiée par alice : « Le lecteur S: est toujours inaccessible. Le technicien remplace une pièce défectueuse. Prochaine mi… »',
    '• 9 h 35 · Rappel du coach : une mise à jour est attendue',
    '• 9 h 36 · alice reporte le rappel de 15 minutes',
    '• 9 h 51 · Rappel du coach : une mise à jour est attendue',
    '• 10 h 21 · Rappel du coach : une mise à jour est attendue',
    '• 10 h 35 · Chefs d’équipe avertis du retard des mises à jour',
    '• 10 h 36 · Note d’alice : Le fournisseur apporte le disque de remplacement.',
    '• 10 h 36 · Impact noté par alice : La comptabilité et les ventes n’ont pas pu ouvrir leurs fichiers pendant 1 h 40.',
    '• 10 h 36 · Cause notée par alice : Un disque de stockage a lâché; l’alerte n’a été vue par personne.',
    '• 10 h 40 · Service rétabli, annoncé par alice : Disque remplacé, fichiers vérifiés.',
  ]);
  // After the resolution: no more reminders, ever.
  const later = chat(['/clock 2100-03-06 14:00']);
  expect(later).not.toContain('Mise à jour attendue');
  expect(later).not.toContain('en retard');

  // The CLI: the list, and the report as Markdown in the content's dialect.
  const list = coach('incident', 'list');
  expect(list.status).toBe(0);
  expect(list.stdout.split('\n')[0]).toBe('workspace\tid\tchannel\tstate\tkind\tstarted\tresolved\towner\ttitle');
  expect(list.stdout).toMatch(/^local\t1\tterminal\tresolved\tincident\t2100-03-06T14:00:\d\d\.\d{3}Z\t2100-03-06T15:40:\d\d\.\d{3}Z\talice\tLecteur réseau S:$/m);
  const out = join(dir, 'report.md');
  const written = coach('incident', 'report', '1', '--workspace', 'local', '--out', out);
  expect(written.status).toBe(0);
  expect(written.stderr).toBe(`the report of incident 1 was written to ${out}\n`);
  const markdown = readFileSync(out, 'utf8');
  expect(markdown).toMatch(/^---\nincident: "1"\ntitle: "Lecteur réseau S:"\nworkspace: "local"\nchannel: "terminal"\nlang: "fr"\nstarted: "2100-03-06T14:00:/);
  expect(markdown).toContain('\n# Rapport d’incident · Lecteur réseau S:\n\n## Résumé\n\nLecteur réseau S: en panne le samedi 6 mars 2100, de 9 h 00 à 10 h 40 (1 h 40 min)\n');
  expect(markdown).toContain('## Déroulement de la résolution\n\n- 9 h 00 · Incident ouvert par alice : Lecteur réseau S:\n');
  expect(markdown).toContain('- 10 h 35 · Chefs d’équipe avertis du retard des mises à jour\n');
  expect(markdown).toContain('## Chiffres de communication\n\n- Premier avis : 2 min après le début\n');
  expect(coach('incident', 'report', '1').stdout).toBe(markdown);
  // Mistakes get a clear message and a non-zero exit.
  expect(coach('incident', 'report', '9')).toMatchObject({ status: 1, stderr: expect.stringContaining('no incident 9') });
  expect(coach('incident', 'report')).toMatchObject({ status: 2, stderr: expect.stringContaining('which incident?') });
  expect(coach('incident', 'report', '1', '--workspace', 'nowhere')).toMatchObject({ status: 1, stderr: expect.stringContaining('no workspace "nowhere"') });
  expect(coach('incident', 'frobnicate')).toMatchObject({ status: 2 });
});
