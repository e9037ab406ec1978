// Routing quality on the DEVELOPMENT set, test/routing/dev.jsonl: the set to tune on, so that the
// evaluation set (bench/routing.mjs) stays unseen. The figures per language and every miss; `--recall`
// adds the silent channel misses, `--why` the matched words, `--speed` throughput, start-up and memory.
//   node bench/routing-dev.mjs [--recall] [--speed] [--why]      (after `npm run build`)
import { figures, loadSet, pct, startup, throughput, trainedRouter } from './routing-eval.mjs';

const router = trainedRouter();
const rows = loadSet('dev.jsonl');
const why = process.argv.includes('--why');
const all = figures(router, rows);
console.log(`dev set: ${rows.length} texts (${all.queries.length} queries, ${all.chats.length} channel messages; ${rows.filter((r) => r.expect === null).length} must route to nothing)`);
for (const [label, subset] of [['all', rows], ['fr', rows.filter((r) => r.lang === 'fr')], ['en', rows.filter((r) => r.lang === 'en')]]) {
  const f = label === 'all' ? all : figures(router, subset);
  console.log(`[${label}] top-1 accuracy ${pct(f.queryHits, f.queries.length)} (${f.queryHits}/${f.queries.length}; off-topic kept null ${f.nullRight}/${f.nullQueries})` +
    ` | channel precision ${pct(f.firedRight, f.fired.length)} (${f.firedRight}/${f.fired.length})` +
    ` | recall ${pct(f.firedRight, f.chatPositives)} (${f.firedRight}/${f.chatPositives})`);
}
const show = (kind, x) => {
  const extra = why ? `  conf=${x.res.confidence} matched=${JSON.stringify(x.res.matched)} alt=${x.res.alternatives.map((a) => `${a.playbook}:${a.score}`).join(',')}${x.res.reason ? ` reason=${x.res.reason}` : ''}` : '';
  console.log(`  miss (${kind}, ${x.r.lang}): ${JSON.stringify(x.r.text)} expected ${x.r.expect}, got ${x.res.playbook}${extra}`);
};
for (const m of all.misses) show(m.kind, m);
if (process.argv.includes('--recall')) {
  for (const x of all.detected) if (x.r.expect !== null && x.res.playbook === null) show('silent', x);
}
if (process.argv.includes('--speed')) {
  const rate = throughput(router, rows);
  console.log(`throughput, /playbook routing: ${Math.round(rate.route).toLocaleString('en')} texts/s; channel decision: ${Math.round(rate.detect).toLocaleString('en')} texts/s`);
  const ready = startup();
  console.log(`start-up to ready: ${ready.readyMs.toFixed(0)} ms; resident memory: ${ready.rssMb.toFixed(0)} MB (median of 5)`);
}
