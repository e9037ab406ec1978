// Review quality on the TRAINING drafts (content/reviews/labelled-drafts.jsonl), by 5-fold cross-validation
// grouped by translation pair: the only figures tuning may read, so the evaluation drafts of
// bench/review.mjs stay unseen. `--errors` lists every wrong call with the draft's phrases;
// `--signals-only` turns the classifiers off.
//   node bench/review-dev.mjs [--errors] [--signals-only]      (after `npm run build`)
import { DraftReviewer } from '../dist/review/reviewer.js';
import { excellentFlagged, labelFigures, library, pairwise, pct, phraseAccuracy, printLabelTable, reviewerWith, scoresByQuality } from './review-eval.mjs';

const lib = library();
const drafts = lib.drafts;
const signalsOnly = process.argv.includes('--signals-only');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
// --classifier-only: the classifiers alone; --p=0.8 --v=0.9: their thresholds (principles, violations).
const options = {
  ...(process.argv.includes('--classifier-only') ? { signals: false } : {}),
  ...(arg('p') || arg('v') ? { thresholds: { principle: Number(arg('p') ?? 0.8), violation: Number(arg('v') ?? 0.9) } } : {}),
};
const fold = (d) => Number(d.id.split('-').at(-1)) % 5;
const results = [];
for (let k = 0; k < 5; k++) {
  const reviewer = signalsOnly ? new DraftReviewer({ ...lib, drafts: [] }) : reviewerWith(lib, drafts.filter((d) => fold(d) !== k));
  for (const d of drafts.filter((x) => fold(x) === k)) results.push({ d, r: reviewer.review(d.draft, d.situation, d.lang, 'fr', options) });
}
const figures = labelFigures(lib, results);
console.log(`training drafts, 5-fold cross-validation${signalsOnly ? ', signals only' : ''}: ${results.length} drafts`);
printLabelTable(figures);
const pw = pairwise(results);
const ex = excellentFlagged(results);
const ph = phraseAccuracy(results);
console.log(`macro F1 principles ${figures.macroPrinciples.toFixed(3)} | violations ${figures.macroViolations.toFixed(3)} | pairwise ${pw.value.toFixed(3)} (${pw.pairs} pairs, ${pw.ties} ties) | excellent flagged ${ex.flagged}/${ex.total} | phrase on the labelled words ${ph.right}/${ph.total}`);
for (const kind of ['principle', 'violation']) {
  const xs = figures.rows.filter((x) => x.kind === kind);
  const tp = xs.reduce((n, x) => n + x.tp, 0), fp = xs.reduce((n, x) => n + x.fp, 0), fn = xs.reduce((n, x) => n + x.fn, 0);
  console.log(`micro ${kind}s: precision ${pct(tp / (tp + fp || 1))}, recall ${pct(tp / (tp + fn || 1))} (${tp} found, ${fp} wrong, ${fn} missed)`);
}
console.log('scores by quality', JSON.stringify(scoresByQuality(results), (k, v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
if (process.argv.includes('--errors')) {
  for (const { d, r } of results) {
    const wrong = [];
    for (const id of d.present) if (!r.present.includes(id)) wrong.push(`MISSED ${id}: ${JSON.stringify(d.spans[id])}`);
    for (const id of r.present) if (!d.present.includes(id)) wrong.push(`FALSE ${id}: ${JSON.stringify(r.remarks.find((x) => x.id === id && x.kind === 'present')?.phrase)} (${r.remarks.find((x) => x.id === id && x.kind === 'present')?.signal ?? 'classifier'})`);
    for (const id of d.violations) if (!r.violations.includes(id)) wrong.push(`MISSED violation ${id}: ${JSON.stringify(d.spans[id])}`);
    for (const id of r.violations) if (!d.violations.includes(id)) wrong.push(`FALSE violation ${id}: ${JSON.stringify(r.remarks.filter((x) => x.id === id).map((x) => `${x.phrase} (${x.signal ?? 'classifier'})`))}`);
    if (wrong.length) console.log(`${d.id} [${d.quality}, score ${r.score}]\n  ${wrong.join('\n  ')}`);
  }
}
if (process.argv.includes('--situations')) {
  // The situation guess, with the classifier of situations trained on the other folds.
  const { loadCore } = await import('../dist/app/build-coach.js');
  const { router } = loadCore(new URL('../content', import.meta.url).pathname);
  let right = 0, wrong = 0, asked = 0;
  for (let k = 0; k < 5; k++) {
    const reviewer = new DraftReviewer({ ...lib, drafts: drafts.filter((d) => fold(d) !== k) }, router);
    for (const d of drafts.filter((x) => fold(x) === k)) {
      const g = reviewer.guess(d.draft);
      if (!g.situation) asked++;
      else if (g.situation === d.situation) right++;
      else { wrong++; console.log(`  wrong situation: ${d.id} → ${g.situation}`); }
    }
  }
  console.log(`situation guess: ${right} right, ${wrong} wrong, ${asked} asked of ${drafts.length}`);
}
