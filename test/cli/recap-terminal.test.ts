// The weekly recap in the terminal (issue 14), through the real chat with piped stdin and the rehearsal
// clock: four weeks of challenges answered by a small team, the recap posted at 16:00 on each week's last
// working day (Friday; Thursday when Friday is paused or a holiday), once, also across a restart; every
// figure checked against what the test computes itself from the answers it gave and the content's points;
// then `npx coach recap --out` writes the chart as a valid PNG of the expected size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { CHART_PNG_HEIGHT, CHART_PNG_WIDTH } from '../../src/render/recap-chart.js';

const root = join(__dirname, '../..');
const library = loadLibrary(join(root, 'content'));
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'coach-recap-terminal-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({
  ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), COACH_REHEARSAL_FILE: join(dir, 'rehearsal.json'),
  COACH_ADMINS: 'lead', COACH_LANG: 'fr', COACH_TIMEZONE: 'America/Toronto', COACH_HOLIDAYS: 'quebec',
});

function chat(lines: string[]): string {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'shell'], { cwd: root, input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 120_000, env: env() });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

// March 2100: Mondays 1, 8, 15, 22. Friday the 19th is paused by the lead; Friday the 26th is Good Friday
// (a Quebec holiday); daylight saving starts on Sunday the 14th.
const WEEKS = [
  ['2100-03-01', '2100-03-02', '2100-03-03', '2100-03-04', '2100-03-05'],
  ['2100-03-08', '2100-03-09', '2100-03-10', '2100-03-11', '2100-03-12'],
  ['2100-03-15', '2100-03-16', '2100-03-17', '2100-03-18'],
  ['2100-03-22', '2100-03-23', '2100-03-24', '2100-03-25'],
];
const DAYS = WEEKS.flat();
const PEOPLE = ['alice', 'bob', 'chloe', 'dan'] as const;
type Person = (typeof PEOPLE)[number];
/** Who answers which choice (1 to 4) on challenge day i, or null. chloe left the public boards. */
function choiceOf(person: Person, i: number): number | null {
  switch (person) {
    case 'alice': return (i % 4) + 1;
    case 'bob': return i % 3 === 2 ? null : ((i + 1) % 4) + 1;
    case 'chloe': return i % 2 === 0 ? 3 : null;
    case 'dan': return i >= 10 ? 4 : null;
  }
}

function dayLines(i: number): string[] {
  const lines = [`/clock ${DAYS[i]} 10:00`];
  for (const person of PEOPLE) {
    const choice = choiceOf(person, i);
    if (choice !== null) lines.push(`/as ${person}`, `/answer ${choice}`);
  }
  return lines;
}

const fr = (n: number) => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '').replace('.', ',');
const round1 = (n: number) => Math.round(n * 10) / 10;

test('four weeks: each recap at its time with the right figures, once (also after a restart), and its chart as a PNG', () => {
  // Session 1: weeks 1 and 2, then the coach stops.
  const first = chat([
    '/as lead', '/coach schedule on',
    `/clock ${DAYS[0]} 08:00`, '/as chloe', '/coach optout', '/as lead', '/coach pause 2100-03-19',
    ...DAYS.slice(0, 10).flatMap((_, i) => dayLines(i)),
    '/clock 2100-03-12 17:00',
  ]);
  // Session 2 resumes the kept rehearsal: Friday 12th's recap is not posted again; then weeks 3 and 4, and
  // an outage handled on Tuesday the 23rd.
  const second = chat([
    '/as lead', '/clock 2100-03-12 18:00',
    ...DAYS.slice(10).flatMap((_, k) => {
      const i = k + 10;
      const lines = dayLines(i);
      return DAYS[i] === '2100-03-23' ? [...lines, '/as lead', '/incident start Lecteur réseau S:', '/incident resolve Disque remplacé.'] : lines;
    }),
    '/clock 2100-03-26 17:00',
  ]);

  // The scenario of each day, from the posts in order (one a working day).
  const titles = [...(first + second).matchAll(/^# Défi du jour · (.+)$/gm)].map((m) => m[1]!);
  expect(titles).toHaveLength(DAYS.length);
  const points = (i: number, choice: number) => library.scenarios.find((s) => s.fr.title === titles[i])!.fr.choices[choice - 1]!.points;

  // The recaps, at their times.
  const recaps = [...(first + second).matchAll(/^--- publié dans #terminal · (.+) ---\n# Bilan de la semaine du (.+) · terminal\n([\s\S]*?)(?=\n--- |\nHorloge|(?![\s\S]))/gm)];
  expect(recaps.map((m) => `${m[1]} · ${m[2]}`)).toEqual([
    'vendredi 5 mars à 16 h 00 · 1 mars',
    'vendredi 12 mars à 16 h 00 · 8 mars',
    'jeudi 18 mars à 16 h 00 · 15 mars', // Friday the 19th paused
    'jeudi 25 mars à 16 h 00 · 22 mars', // Good Friday
  ]);
  expect(first.match(/# Bilan de la semaine/g)).toHaveLength(2);
  expect(second.match(/# Bilan de la semaine/g)).toHaveLength(2); // not the 12th's again after the restart

  // Figures computed here from the answers given.
  const weekOf = (i: number) => WEEKS.findIndex((w) => w.includes(DAYS[i]!));
  const streakAt = new Map<Person, number[]>();
  for (const person of PEOPLE) {
    const streaks: number[] = [];
    DAYS.forEach((_, i) => streaks.push(choiceOf(person, i) === null ? 0 : (i > 0 && choiceOf(person, i - 1) !== null ? streaks[i - 1]! + 1 : 1)));
    streakAt.set(person, streaks);
  }
  const weekAverages: (number | null)[] = [];
  WEEKS.forEach((week, w) => {
    const body = recaps[w]![3]!;
    const days = DAYS.map((_, i) => i).filter((i) => weekOf(i) === w);
    const answered = (p: Person) => days.filter((i) => choiceOf(p, i) !== null);
    const scores = days.flatMap((i) => PEOPLE.flatMap((p) => (choiceOf(p, i) === null ? [] : [points(i, choiceOf(p, i)!)])));
    const people = PEOPLE.filter((p) => answered(p).length > 0);
    expect(body).toContain(`${people.length} personnes ont répondu à au moins un des ${days.length} défis de la semaine (${scores.length} réponses en tout).`);
    // One line per number answered, most first, names in alphabetical order.
    const named = people.filter((x) => x !== 'chloe');
    const counts = [...new Set(named.map((p) => answered(p).length))].sort((a, b) => b - a);
    const lines = counts.map((n) => `• ${n} sur ${days.length} : ${named.filter((p) => answered(p).length === n).sort().join(', ')}`);
    expect(body).toContain(`\n${lines.join('\n')}\n• 1 autre personne, hors classement\n`);
    expect(body).not.toContain('chloe'); // opted out: counted, never named
    expect(body).toContain('• 1 autre personne, hors classement');
    const average = round1(scores.reduce((a, b) => a + b, 0) / scores.length);
    weekAverages.push(average);
    expect(body).toContain(`Score moyen de la semaine : ${fr(average)} sur 10.`);
    if (w > 0) {
      const previous = weekAverages[w - 1]!;
      const delta = round1(average - previous);
      expect(body).toContain(`La semaine précédente : ${fr(previous)} sur 10 (${delta > 0 ? `en hausse de ${fr(delta)}` : delta < 0 ? `en baisse de ${fr(-delta)}` : 'stable'}).`);
    }
    const trend = [...Array(3 - w).fill('—'), ...weekAverages.map((a) => fr(a!))].join(' → ');
    expect(body).toContain(`Sur quatre semaines : ${trend}.`);

    // Best live streaks of named members at 16:00 on the last day (that day's challenge still open).
    const last = days.at(-1)!;
    const live = (p: Person) => (choiceOf(p, last) !== null ? streakAt.get(p)![last]! : choiceOf(p, last - 1) !== null ? streakAt.get(p)![last - 1]! : 0);
    const streaks = (['alice', 'bob', 'dan'] as const).map((p) => ({ p, s: live(p) })).filter((x) => x.s > 1).sort((a, b) => b.s - a.s || a.p.localeCompare(b.p));
    const shownStreaks = [...body.matchAll(/^• (\w+) : (\d+) défis de suite$/gm)].map((m) => ({ p: m[1], s: Number(m[2]) }));
    expect(shownStreaks).toEqual(streaks.slice(0, 3));

    // Most improved: this week's mean against the weeks before (within four), named members measured in both.
    let best: { p: string; before: number; after: number; gain: number } | null = null;
    for (const p of ['alice', 'bob', 'dan'] as const) {
      const mine = (ws: number[]) => DAYS.map((_, i) => i).filter((i) => ws.includes(weekOf(i)) && choiceOf(p, i) !== null).map((i) => points(i, choiceOf(p, i)!));
      const now = mine([w]);
      const before = mine([0, 1, 2, 3].filter((x) => x < w));
      if (!now.length || !before.length) continue;
      const a = now.reduce((x, y) => x + y, 0) / now.length;
      const b = before.reduce((x, y) => x + y, 0) / before.length;
      if (a - b > 0 && (!best || a - b > best.gain)) best = { p, before: round1(b), after: round1(a), gain: a - b };
    }
    if (best) expect(body).toContain(`## Plus forte progression\n${best.p}, de ${fr(best.before)} à ${fr(best.after)} sur 10 de moyenne.`);
    else expect(body).not.toContain('Plus forte progression');

    // Only choices were given: the rubric has no point-by-point grade to show.
    expect(body).toContain('Aucune réponse en vos propres mots cette semaine : la grille n’a rien relevé.');
    if (w === 3) expect(body).toContain('• Incident n° 1 « Lecteur réseau S: » : résolu');
    else expect(body).not.toContain('Incidents et exercices');
    expect(body).toContain('📊 Participation et score moyen par jour : npx coach recap --out recap.png l’enregistre en image.');
  });

  // `npx coach recap` on the kept rehearsal: the same text for the last week, and the chart as a PNG.
  const out = join(dir, 'recap.png');
  const cli = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'recap', '--channel', 'terminal', '--date', '2100-03-25', '--out', out, '--file', join(dir, 'rehearsal.json')], { cwd: root, encoding: 'utf8', env: env() });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  expect(cli.stdout).toContain(`Score moyen de la semaine : ${fr(weekAverages[3]!)} sur 10.`);
  expect(cli.stdout).toContain(`Sur quatre semaines : ${weekAverages.map((a) => fr(a!)).join(' → ')}.`);
  const png = readFileSync(out);
  expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_PNG_WIDTH, CHART_PNG_HEIGHT]);
  expect(cli.stdout).toContain(`Graphique écrit dans ${out} (1600 × 800 px, America/Toronto).`);
});

test('coach recap explains what it needs: unknown channel, bad date, not a .png', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'recap', ...args, '--file', join(dir, 'rehearsal.json')], { cwd: root, encoding: 'utf8', env: env() });
  const unknown = run(['--channel', 'nope']);
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toBe('coach recap: there is no channel "nope" in workspace "local" (there are: terminal).\n');
  const date = run(['--date', '2100-02-30x']);
  expect(date.status).toBe(2);
  expect(date.stderr).toContain('--date must be a day as YYYY-MM-DD');
  const png = run(['--out', 'recap.jpg']);
  expect(png.status).toBe(2);
  expect(png.stderr).toContain('--out must name a .png file');
});
