// False alarms of violations on the TRAINING drafts labelled without any, by the same 5-fold
// cross-validation as bench/review-dev.mjs, for each classifier threshold of violations: one of the
// figures of the rule that sets CLASSIFIER_THRESHOLDS.violation (src/review/review.ts).
//   node bench/review-clean.mjs      (after `npm run build`)
const ev = await import('./review-eval.mjs');
const lib = ev.library(); const drafts = lib.drafts;
const fold = (d) => Number(d.id.split('-').at(-1)) % 5;
const ths = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const res = Object.fromEntries(ths.map(t => [t, { clean: 0, flagged: 0, byVia: {} }]));
for (let k = 0; k < 5; k++) {
  const reviewer = ev.reviewerWith(lib, drafts.filter((d) => fold(d) !== k));
  for (const d of drafts.filter((x) => fold(x) === k && x.violations.length === 0)) {
    for (const t of ths) {
      const r = reviewer.review(d.draft, d.situation, d.lang, 'fr', { thresholds: { principle: 0.8, violation: t } });
      res[t].clean++;
      if (r.violations.length) { res[t].flagged++; for (const x of r.remarks.filter(x => x.kind === 'violation')) res[t].byVia[x.via] = (res[t].byVia[x.via] ?? 0) + 1; }
    }
  }
}
for (const t of ths) console.log(t, `${res[t].flagged}/${res[t].clean} clean drafts flagged`, JSON.stringify(res[t].byVia));
