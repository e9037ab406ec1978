// Tuning the router on the TRAINING corpus only (content/routing), by k-fold cross-validation: the frozen
// split (test/routing/frozen.jsonl) is never read here. Prints the figures at the current thresholds, then
// the probability the best playbook got on every text, swept over thresholds, so the query and channel
// thresholds can be chosen separately. `--misses` lists the texts decided wrongly.
//   npm run build && node bench/routing-tune.mjs [--misses] [--folds 5]
import { crossValidate, figures, loadLibrary, pct, report } from './routing-eval.mjs';
import { DEFAULT_ROUTER_OPTIONS } from '../dist/understanding/router.js';

const argv = process.argv.slice(2);
const k = Number(argv[argv.indexOf('--folds') + 1]) || 5;
const library = loadLibrary();
const rows = library.routing;
const t0 = performance.now();
const decided = crossValidate(library, rows, k, { queryThreshold: 0, chatThreshold: 0 });
console.log(`${k}-fold cross-validation on content/routing (${rows.length} texts), ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Re-decide at each threshold from the probability of the best playbook (threshold 0 routes everything).
const at = (qt, ct) => decided.map((x) => ({ r: x.r, res: { ...x.res, playbook: x.res.confidence >= (x.r.kind === 'query' ? qt : ct) ? x.res.playbook : null } }));
const { queryThreshold, chatThreshold } = DEFAULT_ROUTER_OPTIONS;
report(`at the shipped thresholds`, at(queryThreshold, chatThreshold));
console.log('query threshold sweep:');
for (let t = 0.3; t <= 0.81; t += 0.05) {
  const f = figures(at(t, 1).filter((x) => x.r.kind === 'query'));
  console.log(`  ${t.toFixed(2)}  top-1 ${pct(f.top1Hits, f.top1Total)}  null kept ${pct(f.nullRight, f.nullTotal)}  all right ${pct(f.queryHits, f.queries)}`);
}
console.log('channel threshold sweep:');
for (let t = 0.3; t <= 0.91; t += 0.05) {
  const f = figures(at(0, t).filter((x) => x.r.kind === 'chat'));
  console.log(`  ${t.toFixed(2)}  precision ${pct(f.firedRight, f.fired)}  recall ${pct(f.firedRight, f.chatPositives)}`);
}
if (argv.includes('--misses')) {
  const final = at(queryThreshold, chatThreshold);
  for (const m of figures(final).misses) {
    console.log(`  miss (${m.r.kind}, ${m.r.lang}): ${JSON.stringify(m.r.text)} expected ${m.r.expect}, got ${m.res.playbook} p=${m.res.confidence} matched=${JSON.stringify(m.res.matched)}${m.res.reason ? ` (${m.res.reason})` : ''}`);
  }
}
