// Which violation signals fire on clean text, signals only: the good and excellent training drafts
// labelled without a violation, each reviewed in EVERY situation (a signal written for one situation
// meets the others' words), and the graded answers of quality 4 (content/grading). A signal that fires
// here is too loose (a stem shared with a harmless word, an optional possessive, words in another order).
//   node bench/review-screen.mjs      (after `npm run build`)
import { readFileSync, readdirSync } from 'node:fs';
const root = new URL('..', import.meta.url).pathname;
const { loadCore } = await import(root + 'dist/app/build-coach.js');
const { library, reviewer } = loadCore(root + 'content');
const texts = library.drafts.filter((d) => d.violations.length === 0 && (d.quality === 'good' || d.quality === 'excellent')).map((d) => d.draft);
for (const f of readdirSync(root + 'content/grading')) if (f.endsWith('.jsonl')) for (const l of readFileSync(root + 'content/grading/' + f, 'utf8').split('\n')) { if (!l.trim()) continue; const x = JSON.parse(l); if (x.quality >= 4) texts.push(x.answer); }
const hits = new Map();
for (const t of texts) for (const s of reviewer.situations) {
  let r; try { r = reviewer.review(t, s, undefined, 'fr', { thresholds: { principle: 2, violation: 2 } }); } catch { continue; }
  for (const x of r.remarks.filter((x) => x.kind === 'violation')) { const k = `${s}/${x.id}: ${x.signal}`; (hits.get(k) ?? hits.set(k, []).get(k)).push(x.phrase.slice(0, 110)); }
}
console.log(texts.length, 'clean texts');
for (const [k, v] of [...hits].sort((a, b) => b[1].length - a[1].length)) console.log(v.length, k, '::', v.slice(0, 2).join(' || '));
