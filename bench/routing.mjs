// npm run bench:routing — quality and speed of playbook routing. Prints figures; asserts nothing.
// - On the FROZEN split (test/routing/frozen.jsonl): never read by the router nor by tuning.
// - By 5-fold cross-validation on the whole corpus (content/routing + the frozen split): each fold decided
//   by a router trained on the other four.
// - A new playbook: each playbook's labelled texts left out of training, then decided (the router only
//   has its content's aliases, keywords and examples for it).
// - Throughput on one core, start-up to ready and memory in fresh processes.
// `--misses` lists the frozen split's wrong decisions (to read after a change, never to tune on).
import { crossValidate, decide, figures, loadFrozen, loadLibrary, pct, report, startup, throughput, trainedRouter } from './routing-eval.mjs';

const library = loadLibrary();
const frozen = loadFrozen();
const train = library.routing;
const t0 = performance.now();
const router = trainedRouter(library);
const trainMs = performance.now() - t0;
const count = (rows) => `${rows.length} texts (${rows.filter((r) => r.kind === 'query').length} /playbook queries, ${rows.filter((r) => r.kind === 'chat').length} channel messages; ${rows.filter((r) => r.expect === null).length} must route to nothing; ${pct(rows.filter((r) => r.lang === 'fr').length, rows.length)} French)`;
console.log(`training corpus (content/routing): ${count(train)}`);
console.log(`frozen split (test/routing/frozen.jsonl): ${count(frozen)}`);
console.log('');

const decided = decide(router, frozen);
report('FROZEN SPLIT', decided);
const f = figures(decided);
console.log(`  targets: /playbook top-1 >= 97 %, chit-chat null kept >= 95 %, channel precision >= 97 %, recall >= 90 %`);
console.log(`  channel messages that must stay silent kept silent: ${pct(f.chatNullRight, f.chatNullTotal)} (${f.chatNullRight}/${f.chatNullTotal})`);
if (process.argv.includes('--misses')) {
  for (const m of f.misses) console.log(`  miss (${m.r.kind}, ${m.r.lang}): ${JSON.stringify(m.r.text)} expected ${m.r.expect}, got ${m.res.playbook} (p=${m.res.confidence}${m.res.reason ? `, ${m.res.reason}` : ''})`);
}
console.log('');

const cv = crossValidate(library, [...train, ...frozen], 5);
report('5-FOLD CROSS-VALIDATION, whole corpus', cv);
console.log('');

console.log('A NEW PLAYBOOK (its labelled texts left out of training; only its content teaches the router):');
for (const id of library.playbooks.map((p) => p.id)) {
  const without = trainedRouter(library, train.filter((r) => r.expect !== id));
  const g = figures(decide(without, [...train, ...frozen].filter((r) => r.expect === id)));
  console.log(`  ${id.padEnd(15)} /playbook top-1 ${pct(g.top1Hits, g.top1Total)} (${g.top1Hits}/${g.top1Total}) · channel recall ${pct(g.firedRight, g.chatPositives)} (${g.firedRight}/${g.chatPositives})`);
}
console.log('');

const rate = throughput(router, frozen);
const n = (x) => Math.round(x).toLocaleString('en');
console.log(`throughput, one core (by the clock / by CPU time): /playbook routing ${n(rate.route.wall)} / ${n(rate.route.cpu)} texts/s · channel decision ${n(rate.detect.wall)} / ${n(rate.detect.cpu)} texts/s (target >= 10,000)`);
console.log(`router built and trained in this process: ${trainMs.toFixed(0)} ms`);
const ready = startup();
console.log(`start-up to ready (process start → first answer): ${ready.readyMs.toFixed(0)} ms by the clock, ${ready.cpuMs.toFixed(0)} ms of CPU time, median of 5 (target < 1000 ms)`);
console.log(`resident memory once ready: ${ready.rssMb.toFixed(0)} MB (target < 150 MB)`);
