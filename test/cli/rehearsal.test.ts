// The terminal rehearsal as a team lead plays it, through the real chat with piped stdin (issue 9,
// items 1 and 11): every /clock jump plays each post and debrief on the way, at its own time, with the
// weekend, holiday and pause rules of real time; the rehearsal runs in a scratch copy, so the real data
// never holds anything dated in the future.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';

const root = join(__dirname, '../..');
const library = loadLibrary(join(root, 'content'));
let dir: string;
let scratch: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coach-rehearsal-test-'));
  scratch = join(dir, 'tmp');
  mkdirSync(scratch);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function chat(lines: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60_000,
    // TMPDIR: the rehearsal's scratch copy goes there, so the test can see it is deleted at the end.
    env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_ADMINS: 'lead', COACH_LANG: 'fr', TMPDIR: scratch, ...env },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(readdirSync(scratch)).toEqual([]); // the rehearsal copy is gone
  return run.stdout;
}

/** Each post, debrief and weekly recap the chat printed, as "when: kind" (kind: post, debrief or recap). */
function played(out: string): string[] {
  const lines = out.split('\n');
  const events: string[] = [];
  lines.forEach((line, i) => {
    const m = line.match(/^--- (?:publié dans|posted in) #terminal · (.+) ---$/);
    const next = lines[i + 1] ?? '';
    if (m) events.push(`${m[1]}: ${/^# (Corrigé|Debrief) · /.test(next) ? 'debrief' : /^# (Bilan de la semaine du|Week of) /.test(next) ? 'recap' : 'post'}`);
  });
  return events;
}

const realData = () => JSON.parse(readFileSync(join(dir, 'coach.json'), 'utf8'));
const scoreLog = () => (existsSync(join(dir, 'coach.scores.jsonl')) ? readFileSync(join(dir, 'coach.scores.jsonl'), 'utf8') : '');

test('the README rehearsal: Monday to Friday each posted at 09:00 and revealed at 08:00 the next day', () => {
  const out = chat([
    '/clock monday 09:00',
    '/as alice', '2',
    '/as bob', '/answer je vais la voir calmement et je vérifie avec elle ce qu’elle voit à l’écran',
    '/clock tuesday 08:30',
    '/clock friday 17:00',
    '/as alice', '/leaderboard',
  ], { COACH_HOLIDAYS: 'none' });
  const days = played(out).map((e) => e.replace(/^(\S+) \d+ \S+ à (\d\d h \d\d): /, '$1 $2 '));
  expect(days).toEqual([
    'lundi 09 h 00 post',
    'mardi 08 h 00 debrief', 'mardi 09 h 00 post',
    'mercredi 08 h 00 debrief', 'mercredi 09 h 00 post',
    'jeudi 08 h 00 debrief', 'jeudi 09 h 00 post',
    'vendredi 08 h 00 debrief', 'vendredi 09 h 00 post',
    'vendredi 16 h 00 recap', // the weekly recap (issue 14), on the week's last working day
  ]);
  // Monday's debrief counts alice's choice and bob's own words; alice's points are her option's.
  // Monday's challenge is the first one posted: found by its title (the terminal shows no challenge id).
  const monday = out.match(/^# Défi du jour · (.+)$/m)!;
  const points = library.scenarios.find((s) => s.fr.title === monday[1])!.fr.choices[1]!.points;
  expect(out).toContain('Dans leurs mots : 1 réponse');
  expect(out).toMatch(/2 personnes ont répondu/);
  // alice's rank depends on how bob's own words were graded against that day's scenario: her points do not.
  expect(out.slice(out.lastIndexOf('# Classement · terminal'))).toMatch(new RegExp(`Vous : #[12] cette semaine \\(${points} pts?\\)`));
  expect(out).toMatch(/Horloge de la répétition : vendredi \d+ \S+ à 17 h 00 \(America\/Toronto\)\n/);
  // The real data file never saw the rehearsal.
  expect(realData().workspaces.local.channels.terminal.challenges).toEqual([]);
  expect(scoreLog()).toBe('');
});

test('issue 9 item 1 in the terminal: an 08:30 post takes Tuesday\'s slot, nothing until Wednesday 09:00, nor on a weekend', () => {
  const out = chat([
    '/as lead', '/coach schedule on',
    '/clock 2100-03-01 09:00', '/clock tuesday 08:30', '/coach post', '/clock tuesday 09:00', '/clock wednesday 00:01', '/clock wednesday 09:00',
    '/clock friday 08:30', '/coach post', '/clock saturday 00:01', '/clock sunday 12:00', '/clock monday 09:00',
  ], { COACH_HOLIDAYS: 'none' });
  expect(played(out)).toEqual([
    'lundi 1 mars à 09 h 00: post',
    'mardi 2 mars à 08 h 00: debrief',
    // the 08:30 admin post is the command's own reply, then nothing until Wednesday
    'mercredi 3 mars à 08 h 00: debrief', 'mercredi 3 mars à 09 h 00: post',
    'jeudi 4 mars à 08 h 00: debrief', 'jeudi 4 mars à 09 h 00: post',
    'vendredi 5 mars à 08 h 00: debrief',
    'vendredi 5 mars à 16 h 00: recap',
    // Friday's 08:30 admin post stays open over the weekend
    'lundi 8 mars à 08 h 00: debrief', 'lundi 8 mars à 09 h 00: post',
  ]);
  const posts = out.split('\n').filter((l) => /^Corrigé le .* \d+ réponse/.test(l));
  expect(posts).toEqual([
    'Corrigé le mardi 2 mars à 08 h 00. 0 réponse jusqu’ici.',
    'Corrigé le mercredi 3 mars à 08 h 00. 0 réponse jusqu’ici.', // Tuesday 08:30, by /coach post
    'Corrigé le jeudi 4 mars à 08 h 00. 0 réponse jusqu’ici.',
    'Corrigé le vendredi 5 mars à 08 h 00. 0 réponse jusqu’ici.',
    'Corrigé le lundi 8 mars à 08 h 00. 0 réponse jusqu’ici.', // Friday 08:30, by /coach post
    'Corrigé le mardi 9 mars à 08 h 00. 0 réponse jusqu’ici.',
  ]);
});

test('jumps obey holidays, pauses and daylight saving: Good Friday and a paused Wednesday get nothing', () => {
  // 2100: daylight saving starts Sunday March 14; Good Friday is March 26 (a Quebec holiday).
  const out = chat([
    '/as lead',
    '/clock 2100-03-08 09:00', '/coach pause 2100-03-10', '/clock friday 17:00',
    '/clock 2100-03-15 09:00',
    '/clock 2100-03-22 07:00',
    '/clock 2100-03-26 09:00', // lands on the holiday's slot time
    '/clock +1d', '/clock 2100-03-29 09:00',
  ]);
  expect(played(out)).toEqual([
    'lundi 8 mars à 09 h 00: post',
    'mardi 9 mars à 08 h 00: debrief', 'mardi 9 mars à 09 h 00: post',
    'jeudi 11 mars à 08 h 00: debrief', 'jeudi 11 mars à 09 h 00: post',
    'vendredi 12 mars à 08 h 00: debrief', 'vendredi 12 mars à 09 h 00: post', 'vendredi 12 mars à 16 h 00: recap',
    'lundi 15 mars à 08 h 00: debrief', 'lundi 15 mars à 09 h 00: post',
    'mardi 16 mars à 08 h 00: debrief', 'mardi 16 mars à 09 h 00: post',
    'mercredi 17 mars à 08 h 00: debrief', 'mercredi 17 mars à 09 h 00: post',
    'jeudi 18 mars à 08 h 00: debrief', 'jeudi 18 mars à 09 h 00: post',
    'vendredi 19 mars à 08 h 00: debrief', 'vendredi 19 mars à 09 h 00: post', 'vendredi 19 mars à 16 h 00: recap',
    'lundi 22 mars à 08 h 00: debrief', 'lundi 22 mars à 09 h 00: post',
    'mardi 23 mars à 08 h 00: debrief', 'mardi 23 mars à 09 h 00: post',
    'mercredi 24 mars à 08 h 00: debrief', 'mercredi 24 mars à 09 h 00: post',
    'jeudi 25 mars à 08 h 00: debrief', 'jeudi 25 mars à 09 h 00: post', 'jeudi 25 mars à 16 h 00: recap', // Good Friday: Thursday's recap
    'lundi 29 mars à 08 h 00: debrief', 'lundi 29 mars à 09 h 00: post',
  ]);
  expect(out).toContain('Pas de défi ces jours-là : 2100-03-10.');
});

test('clock limits: at most 31 days a jump, forward only, real dates; each limit explained', () => {
  const out = chat(['/clock 2100-03-01 09:00', '/clock +32d', '/clock 2100-02-28 09:00', '/clock 2100-02-30 09:00', '/clock +31d']);
  expect(out).toContain('L’horloge avance d’au plus 31 jours à la fois, car chaque publication et chaque corrigé en chemin est joué : avancez en plusieurs fois.');
  expect(out).toContain('L’horloge de la répétition ne fait qu’avancer : elle indique déjà le lundi 1 mars à 09 h 00.');
  expect(out).toContain('Utilisation : /clock +30m | +2h | +1d | +1w | AAAA-MM-JJ [HH:MM] | lundi [HH:MM]');
  // +31d: Monday March 1 to Thursday April 1, every working day (Good Friday March 26 off) in order.
  const events = played(out);
  expect(events.filter((e) => e.endsWith('post'))).toHaveLength(23);
  expect(events.at(-1)).toBe('jeudi 1 avril à 09 h 00: post');
  expect(events).not.toContain('vendredi 26 mars à 09 h 00: post');
  expect(out).toMatch(/Horloge de la répétition : jeudi 1 avril à 09 h 00 \(America\/Toronto\)\n$/);
  const en = chat(['/clock 2100-03-01 09:00', '/clock +5w', '/clock 2099-01-01'], { COACH_LANG: 'en' });
  expect(en).toContain('Rehearsal: starting Monday, March 1 at 09:00 a.m., this session plays a practice copy of your team');
  expect(en).toContain('The clock moves at most 31 days at a time, since every post and debrief on the way is played: move it in several steps.');
  expect(en).toContain('The rehearsal clock only moves forward: it already says Monday, March 1 at 09:00 a.m.');
});

test('a later session on real time finds its real challenge, scores kept, and nothing dated in the future', () => {
  const first = chat([
    '/as lead', '/coach post',
    '/as alice', '/answer 1',
    '/clock 2100-03-01 09:00', '/as bob', '/answer 2', '/clock +2d',
  ]);
  expect(first).toContain('Répétition : à partir du lundi 1 mars à 09 h 00');
  const again = chat(['/as alice', '/answer 2', '/scenario', '/as lead', '/coach schedule']);
  expect(again).toMatch(/Vous avez déjà répondu à ce défi/);
  expect(again).not.toContain('dans le futur');
  expect(again).toMatch(/Horaire ici : « 0 9 \* \* 1-5 » \(America\/Toronto\), actif\. Prochain : /);
  const data = realData().workspaces.local;
  const [challenge, ...rest] = data.channels.terminal.challenges;
  expect(rest).toEqual([]);
  expect(Date.parse(challenge.postedAt)).toBeLessThanOrEqual(Date.now());
  expect(Object.keys(challenge.answers)).toEqual(['alice']);
  expect(data.channels.terminal.totals.alice.answers).toBe(1);
  expect(data.channels.terminal.totals.bob).toBeUndefined();
  expect(JSON.stringify(realData())).not.toContain('2100-');
  expect(scoreLog()).not.toContain('2100-');
  expect(scoreLog().trim().split('\n')).toHaveLength(1); // alice's answer only
});

test('a challenge left in the future by an older version: said at start, never revealed silently, closed by /coach reveal', () => {
  const scenario = library.scenarios[0]!;
  const channel = {
    name: 'terminal', platform: 'terminal', scheduledSince: '2026-01-05T14:00:00.000Z', pausedDates: [],
    rotation: { order: [scenario.id], next: 1 }, totals: {},
    challenges: [{ id: `2100-03-01-${scenario.id}`, scenarioId: scenario.id, day: '2100-03-01', postedAt: '2100-03-01T14:00:00.000Z', revealAt: '2100-03-02T13:00:00.000Z', revealedAt: null, answers: {} }],
  };
  writeFileSync(join(dir, 'coach.json'), JSON.stringify({ schemaVersion: 2, logEntries: 0, workspaces: { local: { members: {}, channels: { terminal: channel }, scoreLog: [] } } }));
  const notice = `Le dernier défi de ce canal, « ${scenario.fr.title} », est daté du lundi 1 mars à 09 h 00, dans le futur (laissé par une répétition avec /clock?). D’ici là, rien n’est publié ni révélé automatiquement; un admin peut le fermer avec /coach reveal.`;
  const out = chat(['/scenario', '/as lead', '/coach post', '/coach reveal', '/coach post']);
  const blocks = out.split('\n\n');
  expect(blocks[1]).toBe(notice); // right after the welcome
  expect(out).toContain(`Aucun défi dans ce canal pour l’instant. ${notice}`);
  expect(out).toContain(`Rien n’a été publié. ${notice}`);
  expect(out).toContain(`# Corrigé · ${scenario.fr.title}`);
  expect(out.indexOf('# Défi du jour')).toBeGreaterThan(out.indexOf(`# Corrigé · ${scenario.fr.title}`));
  const challenges = realData().workspaces.local.channels.terminal.challenges;
  expect(challenges).toHaveLength(2);
  expect(challenges[0].revealedAt).not.toBeNull();
  expect(Date.parse(challenges[1].postedAt)).toBeLessThanOrEqual(Date.now());
});

test('a corrupt data file: refuses to start, names the file and how to restore, leaves it untouched', () => {
  const file = join(dir, 'coach.json');
  writeFileSync(file, '{"schemaVersion":1,"workspaces":{');
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], {
    cwd: root, input: '/playbook panne\n', encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, COACH_DATA_FILE: file, COACH_LANG: 'fr' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(file);
  expect(run.stderr).toMatch(/npx coach restore/);
  expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion":1,"workspaces":{');
});

test('a rehearsal that cannot open its scratch copy says why and leaves the session on real time', () => {
  const out = chat(['/clock 2100-03-01 09:00', '/clock'], { TMPDIR: join(dir, 'missing') });
  expect(out).toMatch(/La répétition n’a pas pu commencer \(l’horloge n’a pas bougé\) : ENOENT/);
  expect(out).toMatch(/\nHorloge : \S+ \d+ \S+ à \d\d h \d\d \(America\/Toronto\)\n/);
  expect(out).not.toContain('2100');
});
