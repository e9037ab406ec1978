// `npm run bench:recap`: the weekly recap of a 200-member team over four weeks of challenges (issue 14),
// rendered as the coach posts it: figures from the challenges and the score log, its text in French, and
// its chart (Vega-Lite → SVG → PNG with resvg). Prints timings; asserts nothing (target: < 500 ms a recap).
//   npm run bench:recap [-- --members=200 --runs=30]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../dist/app/build-coach.js';
import { contentGrader } from '../dist/app/grader.js';
import { RecapCommands, readRecapInput } from '../dist/core/recap/recap-commands.js';
import { recapText } from '../dist/core/recap/recap-message.js';
import { Challenges } from '../dist/domain/challenges.js';
import { HolidayCalendar } from '../dist/domain/holidays.js';
import { recapFigures } from '../dist/domain/recap/recap-figures.js';
import { addDays, zonedTime } from '../dist/domain/time.js';
import { recapChartSvg, renderRecapChart } from '../dist/render/recap-chart.js';
import { shortDay } from '../dist/core/recap/recap-strings.js';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const MEMBERS = arg('members', 200);
const RUNS = arg('runs', 30);
const root = join(import.meta.dirname, '..');
const ZONE = 'America/Toronto';

// A team of MEMBERS over four weeks (20 working days from Monday 1 March 2100), seeded so runs compare.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const library = loadLibrary(join(root, 'content'));
const members = {};
const totals = {};
const log = [];
const challenges = [];
for (let m = 0; m < MEMBERS; m++) members[`U${m}`] = { name: `Membre ${m} Côté`, ...(m % 17 === 0 ? { optOut: true } : {}) };
const days = [];
for (let w = 0; w < 4; w++) for (let d = 0; d < 5; d++) days.push(addDays('2100-03-01', 7 * w + d));
days.forEach((day, i) => {
  const scenario = library.scenarios[i % library.scenarios.length];
  const id = `${day}-${scenario.id}`;
  const answers = {};
  for (let m = 0; m < MEMBERS; m++) {
    if (random() < 0.25) continue;
    const own = random() < 0.4;
    const score = Math.floor(random() * 11);
    const missed = own ? scenario.fr.rubric.filter(() => random() < 0.4).map((p) => p.id) : [];
    answers[`U${m}`] = { at: `${day}T15:00:00.000Z`, choice: own ? null : Math.floor(random() * 4), covered: [], missed, flags: [], score, streakBonus: 0 };
    log.push({ at: `${day}T15:00:00.000Z`, channel: 'C1', user: `U${m}`, delta: score, kind: 'answer', reason: `challenge ${id}`, by: `U${m}`, challengeId: id });
    const t = (totals[`U${m}`] ??= { points: 0, week: '2100-W12', weekPoints: 0, streak: 0, bestStreak: 0, lastDay: null, answers: 0 });
    t.streak = t.lastDay === days[i - 1] ? t.streak + 1 : 1;
    t.lastDay = day;
    t.points += score;
    t.answers += 1;
  }
  const old = i < days.length - 10;
  const all = Object.values(answers);
  challenges.push({
    id, scenarioId: scenario.id, day, postedAt: `${day}T14:00:00.000Z`, revealAt: null, revealedAt: `${day}T23:00:00.000Z`,
    // As the store keeps them: the last ten with their answers, older ones as counts.
    answers: old ? {} : answers,
    ...(old ? { summary: { answers: all.length, choices: [0, 0, 0, 0], ownWords: 0, scoreSum: all.reduce((s, a) => s + a.score, 0) } } : {}),
  });
});
const ws = { members, channels: { C1: { name: 'soutien', lang: 'fr', platform: 'terminal', scheduledSince: '2100-02-01T00:00:00.000Z', pausedDates: [], rotation: { order: [], next: 0 }, challenges, totals } }, scoreLog: [] };
const slice = { workspace: 'local', read: (fn) => fn(ws), update: async (fn) => fn(ws), readLog: async () => log };
const domain = new Challenges({ library, grader: contentGrader(), holidays: new HolidayCalendar(false, []), defaultSchedule: { cron: '0 9 * * 1-5', timezone: ZONE }, revealLeadMs: 3_600_000 });
const recaps = new RecapCommands({ library, challenges: domain, stores: () => slice, clock: { now: () => new Date() }, isAdmin: () => true, recapCron: '0 16 * * 1-5', defaultLang: 'fr' });
const at = zonedTime('2100-03-26', 16, 0, ZONE);

const time = async (fn) => { const t = performance.now(); const v = await fn(); return [performance.now() - t, v]; };
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms`;
};

console.log(`recap of a ${MEMBERS}-member team: ${days.length} challenge days over four weeks, ${log.length} answers (the last 10 days kept with their answers, older ones as counts), ${RUNS} runs; Node ${process.version}`);
const [first, message] = await time(() => recaps.build(slice, 'C1', at, 'fr'));
console.log(`first recap (loads Vega, the font, warms up): ${first.toFixed(0)} ms; PNG ${message.chart.width} × ${message.chart.height} px, ${(message.chart.png.length / 1024).toFixed(0)} KB; text ${JSON.stringify(message.sections).length} characters, alt text ${message.chart.alt.length}`);
writeFileSync(join(root, 'bench-recap.png'), message.chart.png);

const parts = { figures: [], text: [], svg: [], png: [], total: [] };
const cpuStart = process.cpuUsage();
for (let r = 0; r < RUNS; r++) {
  // A server returns to its event loop between recaps: resvg's native buffers are released there.
  await new Promise((resolve) => setImmediate(resolve));
  const input = await readRecapInput(slice, 'C1', '2100-03-26', ZONE, library);
  const [f, figures] = await time(() => recapFigures(input));
  const [t] = await time(() => recapText(figures, library, 'soutien', 'fr'));
  const labels = { title: 'Participation et score moyen par jour', answers: 'Réponses', average: 'Score moyen (sur 10)', day: (d) => shortDay(d, 'fr') };
  const [s] = await time(() => recapChartSvg(figures.daily, labels));
  const [p] = await time(() => renderRecapChart(figures.daily, labels, 'alt', 'x.png'));
  const [total] = await time(() => recaps.build(slice, 'C1', at, 'fr'));
  parts.figures.push(f); parts.text.push(t); parts.svg.push(s); parts.png.push(p - s); parts.total.push(total);
}
const cpu = process.cpuUsage(cpuStart);
console.log(`figures (challenges + score log): ${stats(parts.figures)}`);
console.log(`text: ${stats(parts.text)}`);
console.log(`chart to SVG (Vega-Lite, Vega): ${stats(parts.svg)}`);
console.log(`SVG to PNG (resvg, estimated from the full render minus the SVG): ${stats(parts.png)}`);
console.log(`whole recap, as posted (figures, text, chart): ${stats(parts.total)}  [target < 500 ms]`);
console.log(`CPU over the runs: ${((cpu.user + cpu.system) / 1000 / RUNS / 2).toFixed(0)} ms per recap (each run renders twice); RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
console.log('chart written to bench-recap.png');
