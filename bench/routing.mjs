// npm run bench:routing — quality and speed of playbook routing on the evaluation set,
// test/routing/labelled.jsonl (written before the router existed, never used for tuning: tune with
// routing-dev.mjs). `--summary` hides the individual misses. Prints figures; asserts nothing.
import { figures, loadSet, pct, startup, throughput, trainedRouter } from './routing-eval.mjs';

const router = trainedRouter();
const f = figures(router, loadSet('labelled.jsonl'));
console.log(`labelled set: ${f.rows.length} texts (${f.queries.length} queries, ${f.chats.length} channel messages; ${f.rows.filter((r) => r.expect === null).length} must route to nothing)`);
console.log(`top-1 accuracy, /playbook queries:            ${pct(f.queryHits, f.queries.length)}  (${f.queryHits}/${f.queries.length}; target >= 95 %)`);
console.log(`channel decision precision:                   ${pct(f.firedRight, f.fired.length)}  (${f.firedRight}/${f.fired.length} offers right; target >= 97 %)`);
console.log(`channel decision recall (situations offered): ${pct(f.firedRight, f.chatPositives)}  (${f.firedRight}/${f.chatPositives})`);
if (!process.argv.includes('--summary')) {
  for (const m of f.misses) console.log(`  miss (${m.kind}): ${JSON.stringify(m.r.text)} expected ${m.r.expect}, got ${m.res.playbook}`);
}
const rate = throughput(router, f.rows);
console.log(`throughput, /playbook routing:   ${Math.round(rate.route).toLocaleString('en')} texts/s (target >= 10,000)`);
console.log(`throughput, channel decision:    ${Math.round(rate.detect).toLocaleString('en')} texts/s`);
const ready = startup();
console.log(`start-up to ready (process start → first answer): ${ready.readyMs.toFixed(0)} ms median of 5 (target < 1000 ms)`);
console.log(`resident memory once ready: ${ready.rssMb.toFixed(0)} MB (target < 120 MB)`);
