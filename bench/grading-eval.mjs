// What the grading bench measures on a set of graded answers: how well the scores rank the answers
// (pairwise accuracy within a scenario, Spearman), the mean score per quality level, the highest score a
// harmful answer got, and throughput. Imported by grading.mjs.
import { readFileSync } from 'node:fs';
import { loadContent } from '../dist/content/load-content.js';
import { gradeFreeText } from '../dist/grading/grade.js';

export const LEVELS = ['harmful', 'poor', 'partial', 'good', 'excellent'];

export function loadLibrary() {
  const { library, problems } = loadContent(new URL('../content', import.meta.url).pathname);
  if (!library) throw new Error(`content has errors: ${JSON.stringify(problems.slice(0, 3))}`);
  return library;
}

/** The held-out graded answers: never read by the grader nor by tuning. */
export function loadHeldOut() {
  return readFileSync(new URL('../test/grading/heldout.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

/** A copy of a scenario whose learned model trains on `graded` only (null: the rubric alone). */
export function withGraded(pair, graded) {
  const list = graded ?? [];
  return { ...pair, fr: { ...pair.fr, graded: list }, en: { ...pair.en, graded: list } };
}

/** Grades every answer with its scenario (as given by `scenarioOf`). */
export function gradeAll(rows, scenarioOf) {
  return rows.map((r) => ({ r, res: gradeFreeText(scenarioOf(r.scenario), r.answer, r.lang) }));
}

/** Average ranks (ties share their mean rank). */
function ranks(xs) {
  const order = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function spearman(xs, ys) {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const mx = rx.reduce((a, b) => a + b, 0) / n;
  const my = ry.reduce((a, b) => a + b, 0) / n;
  let num = 0, dx = 0, dy = 0;
  for (let i = 0; i < n; i++) { num += (rx[i] - mx) * (ry[i] - my); dx += (rx[i] - mx) ** 2; dy += (ry[i] - my) ** 2; }
  return num / Math.sqrt(dx * dy);
}

/** The figures of graded answers: pairs of the same scenario with different qualities; a tie counts half. */
export function figures(graded) {
  let pairs = 0, right = 0, ties = 0;
  const byScenario = new Map();
  for (const g of graded) byScenario.set(g.r.scenario, [...(byScenario.get(g.r.scenario) ?? []), g]);
  for (const list of byScenario.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (a.r.quality === b.r.quality) continue;
        pairs++;
        const [lo, hi] = a.r.quality < b.r.quality ? [a, b] : [b, a];
        if (hi.res.score > lo.res.score) right++;
        else if (hi.res.score === lo.res.score) ties++;
      }
    }
  }
  const means = LEVELS.map((_, q) => {
    const s = graded.filter((g) => g.r.quality === q).map((g) => g.res.score);
    return s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  });
  const harmful = graded.filter((g) => g.r.quality === 0);
  return {
    n: graded.length, pairs, right, ties,
    pairwise: (right + ties / 2) / pairs,
    strict: right / pairs,
    spearman: spearman(graded.map((g) => g.res.score), graded.map((g) => g.r.quality)),
    means,
    increasing: means.every((m, q) => q === 0 || m > means[q - 1]),
    harmfulMax: Math.max(...harmful.map((g) => g.res.score)),
    harmfulAbove4: harmful.filter((g) => g.res.score > 4),
  };
}

export function report(label, graded, print = console.log) {
  const f = figures(graded);
  print(`${label}: ${f.n} answers, ${f.pairs} pairs of different quality within a scenario`);
  print(`  pairwise ranking accuracy ${(100 * f.pairwise).toFixed(1)} % (ties count half; strictly right ${(100 * f.strict).toFixed(1)} %) · Spearman ${f.spearman.toFixed(3)}`);
  print(`  mean score per level: ${LEVELS.map((l, q) => `${l} ${f.means[q].toFixed(2)}`).join(' · ')} · ${f.increasing ? 'strictly increasing' : 'NOT strictly increasing'}`);
  print(`  harmful answers: highest score ${f.harmfulMax}/10, above 4/10: ${f.harmfulAbove4.length}`);
  return f;
}

/** A deterministic fold per answer. */
export function foldOf(text, k) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

/** k-fold cross-validation on the training answers: each fold graded by models trained on the others. */
export function crossValidate(library, k = 5) {
  const out = [];
  for (let fold = 0; fold < k; fold++) {
    const scenarios = new Map(library.scenarios.map((s) => [s.id, withGraded(s, (s.fr.graded ?? []).filter((g) => foldOf(g.answer, k) !== fold))]));
    const test = library.graded.filter((g) => foldOf(g.answer, k) === fold);
    out.push(...gradeAll(test, (id) => scenarios.get(id)));
  }
  return out;
}
