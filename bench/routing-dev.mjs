// Routing quality on the DEVELOPMENT set, test/routing/dev.jsonl: the set to tune on, so that the
// evaluation set (test/routing/labelled.jsonl, bench/routing.mjs) stays unseen. Same figures as
// bench/routing.mjs, plus the misses, per language, and the silent channel misses (recall) with
// `--recall`. `--speed` also measures throughput, start-up and memory. Run after `npm run build`.
//   node bench/routing-dev.mjs [--recall] [--speed] [--why]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadContent } from '../dist/content/load-content.js';
import { PlaybookRouter } from '../dist/understanding/router.js';

const rows = readFileSync(new URL('../test/routing/dev.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));
const router = new PlaybookRouter(loadContent(new URL('../content', import.meta.url).pathname).library);
const why = process.argv.includes('--why');
const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a') + ' %';

function figures(subset) {
  const queries = subset.filter((r) => r.kind === 'query');
  const chats = subset.filter((r) => r.kind === 'chat');
  const routed = queries.map((r) => ({ r, res: router.route(r.text) }));
  const detected = chats.map((r) => ({ r, res: router.detect(r.text) }));
  const queryHits = routed.filter((x) => x.res.playbook === x.r.expect);
  const nullQueries = queries.filter((r) => r.expect === null);
  const nullRight = routed.filter((x) => x.r.expect === null && x.res.playbook === null).length;
  const fired = detected.filter((x) => x.res.playbook !== null);
  const firedRight = fired.filter((x) => x.res.playbook === x.r.expect).length;
  const chatPositives = chats.filter((r) => r.expect !== null).length;
  return { queries, chats, routed, detected, queryHits, nullQueries, nullRight, fired, firedRight, chatPositives };
}

const all = figures(rows);
console.log(`dev set: ${rows.length} texts (${all.queries.length} queries, ${all.chats.length} channel messages; ${rows.filter((r) => r.expect === null).length} must route to nothing)`);
for (const [label, subset] of [['all', rows], ['fr', rows.filter((r) => r.lang === 'fr')], ['en', rows.filter((r) => r.lang === 'en')]]) {
  const f = label === 'all' ? all : figures(subset);
  console.log(`[${label}] top-1 accuracy ${pct(f.queryHits.length, f.queries.length)} (${f.queryHits.length}/${f.queries.length}; off-topic kept null ${f.nullRight}/${f.nullQueries.length})` +
    ` | channel precision ${pct(f.firedRight, f.fired.length)} (${f.firedRight}/${f.fired.length})` +
    ` | recall ${pct(f.firedRight, f.chatPositives)} (${f.firedRight}/${f.chatPositives})`);
}

const show = (kind, x) => {
  const extra = why ? `  conf=${x.res.confidence} matched=${JSON.stringify(x.res.matched)} alt=${x.res.alternatives.map((a) => `${a.playbook}:${a.score}`).join(',')}${x.res.reason ? ` reason=${x.res.reason}` : ''}` : '';
  console.log(`  miss (${kind}, ${x.r.lang}): ${JSON.stringify(x.r.text)} expected ${x.r.expect}, got ${x.res.playbook}${extra}`);
};
for (const x of all.routed) if (x.res.playbook !== x.r.expect) show('query', x);
for (const x of all.fired) if (x.res.playbook !== x.r.expect) show('chat', x);
if (process.argv.includes('--recall')) {
  for (const x of all.detected) if (x.r.expect !== null && x.res.playbook === null) show('silent', x);
}

if (process.argv.includes('--speed')) {
  const texts = [];
  for (let i = 0; texts.length < 20_000; i++) texts.push(`${rows[i % rows.length].text} ${i % 7 === 0 ? `ref${i}` : ''}`);
  for (const t of texts.slice(0, 2000)) router.route(t);
  let t0 = performance.now();
  for (const t of texts) router.route(t);
  const routeRate = texts.length / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (const t of texts) router.detect(t);
  const detectRate = texts.length / ((performance.now() - t0) / 1000);
  console.log(`throughput, /playbook routing: ${Math.round(routeRate).toLocaleString('en')} texts/s; channel decision: ${Math.round(detectRate).toLocaleString('en')} texts/s`);
  const probes = Array.from({ length: 5 }, () =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./ready-probe.mjs', import.meta.url).pathname], { encoding: 'utf8' })));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`start-up to ready: ${median(probes.map((p) => p.readyMs)).toFixed(0)} ms; resident memory: ${median(probes.map((p) => p.rssMb)).toFixed(0)} MB (median of 5)`);
}
