// What the routing benches measure, on any labelled set: quality of the two decisions (per language and per
// kind), k-fold cross-validation, throughput on one core, start-up and memory in fresh processes. Imported by
// routing.mjs (frozen split + cross-validation) and routing-tune.mjs (cross-validation on the training
// corpus only, to choose thresholds).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadContent } from '../dist/content/load-content.js';
import { PlaybookRouter } from '../dist/understanding/router.js';

export const pct = (n, d) => (d ? ((100 * n) / d).toFixed(1) : 'n/a') + ' %';

/** The frozen evaluation split: never read by tuning nor by the router. */
export function loadFrozen() {
  return readFileSync(new URL('../test/routing/frozen.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}

/** The content (with its labelled routing corpus, `library.routing`). */
export function loadLibrary() {
  const { library, problems } = loadContent(new URL('../content', import.meta.url).pathname);
  if (!library) throw new Error(`content has errors: ${JSON.stringify(problems.slice(0, 3))}`);
  return library;
}

export function trainedRouter(library, routing = library.routing, options) {
  return new PlaybookRouter({ ...library, routing }, options);
}

/** Each text decided the way it would be used: a query by `route`, a channel message by `detect`. */
export function decide(router, rows) {
  return rows.map((r) => ({ r, res: r.kind === 'query' ? router.route(r.text) : router.detect(r.text) }));
}

/** The figures of a list of decisions. */
export function figures(decided) {
  const queries = decided.filter((x) => x.r.kind === 'query');
  const chats = decided.filter((x) => x.r.kind === 'chat');
  const posQueries = queries.filter((x) => x.r.expect !== null);
  const nullQueries = queries.filter((x) => x.r.expect === null);
  const fired = chats.filter((x) => x.res.playbook !== null);
  const chatPositives = chats.filter((x) => x.r.expect !== null);
  return {
    queries: queries.length,
    top1Hits: posQueries.filter((x) => x.res.playbook === x.r.expect).length,
    top1Total: posQueries.length,
    queryHits: queries.filter((x) => x.res.playbook === x.r.expect).length,
    nullRight: nullQueries.filter((x) => x.res.playbook === null).length,
    nullTotal: nullQueries.length,
    chats: chats.length,
    fired: fired.length,
    firedRight: fired.filter((x) => x.res.playbook === x.r.expect).length,
    chatPositives: chatPositives.length,
    chatNullRight: chats.filter((x) => x.r.expect === null && x.res.playbook === null).length,
    chatNullTotal: chats.filter((x) => x.r.expect === null).length,
    misses: decided.filter((x) => x.res.playbook !== x.r.expect),
  };
}

/** One line of figures: /playbook top-1 on situations, null kept on the rest, channel precision and recall. */
export function line(f) {
  return `/playbook top-1 ${pct(f.top1Hits, f.top1Total)} (${f.top1Hits}/${f.top1Total})` +
    ` · null kept ${pct(f.nullRight, f.nullTotal)} (${f.nullRight}/${f.nullTotal})` +
    ` · channel precision ${pct(f.firedRight, f.fired)} (${f.firedRight}/${f.fired})` +
    ` · recall ${pct(f.firedRight, f.chatPositives)} (${f.firedRight}/${f.chatPositives})`;
}

/** Figures overall, per language and per kind. */
export function report(label, decided, print = console.log) {
  print(`${label}: ${decided.length} texts`);
  print(`  all  ${line(figures(decided))}`);
  for (const lang of ['fr', 'en']) print(`  ${lang}   ${line(figures(decided.filter((x) => x.r.lang === lang)))}`);
}

/** Chit-chat: queries that must route to nothing and look like small talk (greetings, thanks, sports, tickets…). */
export function chitChatNull(decided) {
  const q = decided.filter((x) => x.r.kind === 'query' && x.r.expect === null);
  return { right: q.filter((x) => x.res.playbook === null).length, total: q.length };
}

/** A deterministic fold for each row (by its text), so every run splits the same way. */
export function foldOf(text, k) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

/**
 * k-fold cross-validation: for each fold, a router trained on the other folds' labelled texts (and the
 * content) decides the fold's texts. Returns every decision, once.
 */
export function crossValidate(library, rows, k = 5, options) {
  const out = [];
  for (let fold = 0; fold < k; fold++) {
    const train = rows.filter((r) => foldOf(r.text, k) !== fold);
    const test = rows.filter((r) => foldOf(r.text, k) === fold);
    out.push(...decide(trainedRouter(library, train, options), test));
  }
  return out;
}

/**
 * Texts per second for each decision, by the clock and by this process's CPU time (on a busy shared
 * machine the clock also counts the time other processes had the core): every text of the set, made
 * unique by a varying suffix word so that caches of earlier runs do not flatter the figure.
 */
export function throughput(router, rows) {
  const texts = [];
  for (let i = 0; texts.length < 20_000; i++) texts.push(`${rows[i % rows.length].text} ${i % 7 === 0 ? `ref${i}` : ''}`);
  for (const t of texts.slice(0, 2000)) router.route(t); // warm-up (JIT)
  const rate = (fn) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const t of texts) fn(t);
    const cpu = process.cpuUsage(c0);
    return { wall: texts.length / ((performance.now() - t0) / 1000), cpu: texts.length / ((cpu.user + cpu.system) / 1e6) };
  };
  return { route: rate((t) => router.route(t)), detect: rate((t) => router.detect(t)) };
}

/** Start-up to ready (by the clock, and the CPU time it took), resident memory: median of five fresh processes. */
export function startup() {
  const probes = Array.from({ length: 5 }, () =>
    JSON.parse(execFileSync(process.execPath, ['--expose-gc', new URL('./ready-probe.mjs', import.meta.url).pathname], { encoding: 'utf8' })));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { readyMs: median(probes.map((p) => p.readyMs)), cpuMs: median(probes.map((p) => p.cpuMs)), rssMb: median(probes.map((p) => p.rssMb)) };
}
