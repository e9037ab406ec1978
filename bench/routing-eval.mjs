// What both routing benches measure, on any labelled set: quality of the two decisions, throughput on
// one core, start-up and memory in fresh processes. Imported by routing.mjs (evaluation set) and
// routing-dev.mjs (development set).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadContent } from '../dist/content/load-content.js';
import { PlaybookRouter } from '../dist/understanding/router.js';

export const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a') + ' %';

export function loadSet(name) {
  return readFileSync(new URL(`../test/routing/${name}`, import.meta.url), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

export function trainedRouter() {
  return new PlaybookRouter(loadContent(new URL('../content', import.meta.url).pathname).library);
}

/** Both decisions on every text of a set, and the figures derived from them. */
export function figures(router, rows) {
  const queries = rows.filter((r) => r.kind === 'query');
  const chats = rows.filter((r) => r.kind === 'chat');
  const routed = queries.map((r) => ({ r, res: router.route(r.text) }));
  const detected = chats.map((r) => ({ r, res: router.detect(r.text) }));
  const fired = detected.filter((x) => x.res.playbook !== null);
  return {
    rows, queries, chats, routed, detected, fired,
    queryHits: routed.filter((x) => x.res.playbook === x.r.expect).length,
    nullQueries: queries.filter((r) => r.expect === null).length,
    nullRight: routed.filter((x) => x.r.expect === null && x.res.playbook === null).length,
    firedRight: fired.filter((x) => x.res.playbook === x.r.expect).length,
    chatPositives: chats.filter((r) => r.expect !== null).length,
    misses: [...routed.filter((x) => x.res.playbook !== x.r.expect).map((x) => ({ kind: 'query', ...x })),
      ...fired.filter((x) => x.res.playbook !== x.r.expect).map((x) => ({ kind: 'chat', ...x }))],
  };
}

/**
 * Texts per second for each decision: every text of the set, made unique by a varying suffix word so
 * that caches of earlier runs do not flatter the figure.
 */
export function throughput(router, rows) {
  const texts = [];
  for (let i = 0; texts.length < 20_000; i++) texts.push(`${rows[i % rows.length].text} ${i % 7 === 0 ? `ref${i}` : ''}`);
  for (const t of texts.slice(0, 2000)) router.route(t); // warm-up (JIT)
  const rate = (fn) => {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    return texts.length / ((performance.now() - t0) / 1000);
  };
  return { route: rate((t) => router.route(t)), detect: rate((t) => router.detect(t)) };
}

/** Start-up to ready and resident memory, median of five fresh processes. */
export function startup() {
  const probes = Array.from({ length: 5 }, () =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./ready-probe.mjs', import.meta.url).pathname], { encoding: 'utf8' })));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { readyMs: median(probes.map((p) => p.readyMs)), rssMb: median(probes.map((p) => p.rssMb)) };
}
