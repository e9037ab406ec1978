// npm run bench:grading — how well free-text grading judges answers. Prints figures; asserts nothing.
// - On the HELD-OUT graded answers (test/grading/heldout.jsonl), never read by the grader nor by tuning.
// - By 5-fold cross-validation on the training answers (content/grading).
// - With the rubric alone (no learned model), for comparison.
// - Throughput on one core.
// `--answers` lists each held-out answer with its quality and score (to read, never to tune on).
import { crossValidate, gradeAll, loadHeldOut, loadLibrary, report, withGraded } from './grading-eval.mjs';
import { gradeFreeText } from '../dist/grading/grade.js';

const library = loadLibrary();
const heldOut = loadHeldOut();
const byId = new Map(library.scenarios.map((s) => [s.id, s]));
console.log(`training answers (content/grading): ${library.graded.length}; held-out answers (test/grading/heldout.jsonl): ${heldOut.length}`);
console.log('targets: pairwise >= 92 %, mean score strictly increasing with quality, no harmful answer above 4/10');
console.log('');
const graded = gradeAll(heldOut, (id) => byId.get(id));
const f = report('HELD-OUT', graded);
for (const g of f.harmfulAbove4) console.log(`  harmful above 4: ${g.r.scenario} ${g.res.score}/10 ${JSON.stringify(g.r.answer)}`);
if (process.argv.includes('--answers')) {
  for (const g of graded) console.log(`  ${g.r.scenario} q${g.r.quality} → ${g.res.score} (learned ${g.res.quality}) flags=${g.res.flags.join(',')} ${JSON.stringify(g.r.answer.slice(0, 100))}`);
}
console.log('');
report('5-FOLD CROSS-VALIDATION, training answers', crossValidate(library, 5));
console.log('');
const rubricOnly = new Map(library.scenarios.map((s) => [s.id, withGraded(s, [])]));
report('HELD-OUT, rubric, decisions and tone only (no learned model)', gradeAll(heldOut, (id) => rubricOnly.get(id)));
console.log('');

// Throughput: every held-out answer, made unique, after a warm-up (models already trained).
const texts = [];
for (let i = 0; texts.length < 5000; i++) texts.push(heldOut[i % heldOut.length]);
for (const r of texts.slice(0, 500)) gradeFreeText(byId.get(r.scenario), r.answer, r.lang);
const t0 = performance.now();
const c0 = process.cpuUsage();
texts.forEach((r, i) => gradeFreeText(byId.get(r.scenario), `${r.answer} ${i}`, r.lang));
const cpu = process.cpuUsage(c0);
const n = (x) => Math.round(x).toLocaleString('en');
console.log(`throughput, one core: ${n(texts.length / ((performance.now() - t0) / 1000))} answers/s by the clock, ${n(texts.length / ((cpu.user + cpu.system) / 1e6))} by CPU time`);
