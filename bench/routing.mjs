// npm run bench:routing — quality and speed of playbook routing on the labelled set in
// test/routing/labelled.jsonl (written before the router was tuned; see its README note in the main
// README). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadContent } from '../dist/content/load-content.js';
import { PlaybookRouter } from '../dist/understanding/router.js';

const rows = readFileSync(new URL('../test/routing/labelled.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));
const router = new PlaybookRouter(loadContent(new URL('../content', import.meta.url).pathname).library);

const queries = rows.filter((r) => r.kind === 'query');
const chats = rows.filter((r) => r.kind === 'chat');
const queryHits = queries.filter((r) => router.route(r.text).playbook === r.expect).length;
const fired = chats.map((r) => ({ r, got: router.detect(r.text).playbook })).filter((x) => x.got !== null);
const firedRight = fired.filter((x) => x.got === x.r.expect).length;
const chatPositives = chats.filter((r) => r.expect !== null).length;
const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a') + ' %';

console.log(`labelled set: ${rows.length} texts (${queries.length} queries, ${chats.length} channel messages; ${rows.filter((r) => r.expect === null).length} must route to nothing)`);
console.log(`top-1 accuracy, /playbook queries:            ${pct(queryHits, queries.length)}  (${queryHits}/${queries.length}; target >= 95 %)`);
console.log(`channel decision precision:                   ${pct(firedRight, fired.length)}  (${firedRight}/${fired.length} offers right; target >= 97 %)`);
console.log(`channel decision recall (situations offered): ${pct(firedRight, chatPositives)}  (${firedRight}/${chatPositives})`);
const wrong = [...queries.filter((r) => router.route(r.text).playbook !== r.expect).map((r) => ['query', r.text, r.expect, router.route(r.text).playbook]),
  ...fired.filter((x) => x.got !== x.r.expect).map((x) => ['chat', x.r.text, x.r.expect, x.got])];
// --summary hides the individual misses, for tuning without reading the evaluation set.
if (!process.argv.includes('--summary')) for (const [kind, text, expect, got] of wrong) console.log(`  miss (${kind}): ${JSON.stringify(text)} expected ${expect}, got ${got}`);

// Throughput on one core: every labelled text, each made unique by a varying suffix word so caches of
// earlier runs do not flatter the figure, both decisions per text.
const texts = [];
for (let i = 0; texts.length < 20_000; i++) texts.push(`${rows[i % rows.length].text} ${i % 7 === 0 ? `ref${i}` : ''}`);
for (const t of texts.slice(0, 2000)) router.route(t); // warm-up (JIT)
let t0 = performance.now();
for (const t of texts) router.route(t);
const routeRate = texts.length / ((performance.now() - t0) / 1000);
t0 = performance.now();
for (const t of texts) router.detect(t);
const detectRate = texts.length / ((performance.now() - t0) / 1000);
console.log(`throughput, /playbook routing:   ${Math.round(routeRate).toLocaleString('en')} texts/s (target >= 10,000)`);
console.log(`throughput, channel decision:    ${Math.round(detectRate).toLocaleString('en')} texts/s`);

// Start-up and memory, in fresh processes (median of 5).
const probes = Array.from({ length: 5 }, () =>
  JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./ready-probe.mjs', import.meta.url).pathname], { encoding: 'utf8' })));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`start-up to ready (process start → first answer): ${median(probes.map((p) => p.readyMs)).toFixed(0)} ms median of 5 (target < 1000 ms)`);
console.log(`resident memory once ready: ${median(probes.map((p) => p.rssMb)).toFixed(0)} MB (target < 120 MB)`);
