// Checks of the review content that span files: each grid in both languages and in agreement, each grid
// reviewing an existing playbook, each labelled draft naming a grid and that grid's ids.
import { LANGS, type Lang, type Localized } from './model.js';
import type { ProblemList } from './problems.js';
import { didYouMean } from './did-you-mean.js';
import type { LabelledDraft, ReviewGrid } from './review-model.js';

/** `playbooks`: the playbook ids in index order (grids are listed in the same order). */
export function checkReviews(grids: ReviewGrid[], drafts: LabelledDraft[], playbooks: string[], problems: ProblemList): { reviews: Localized<ReviewGrid>[]; drafts: LabelledDraft[] } {
  const playbookIds = new Set(playbooks);
  const byId = new Map<string, Partial<Record<Lang, ReviewGrid>>>();
  for (const grid of grids) {
    const entry = byId.get(grid.id) ?? {};
    const twin = entry[grid.lang];
    if (twin) {
      problems.error(grid.source.file, grid.source.line, `duplicate review grid "${grid.id}" in ${grid.lang}: ${twin.source.file} already defines it. Keep one.`);
      continue;
    }
    entry[grid.lang] = grid;
    byId.set(grid.id, entry);
    if (!playbookIds.has(grid.id)) {
      problems.error(grid.source.file, grid.source.line, `the review grid "${grid.id}" has no playbook with that id:${didYouMean(grid.id, [...playbookIds].sort())} Name the grid after the playbook it reviews (${[...playbookIds].sort().join(', ')}).`);
    }
  }
  const reviews: Localized<ReviewGrid>[] = [];
  for (const [id, entry] of byId) {
    const missing = LANGS.filter((l) => !entry[l]);
    if (missing.length) {
      const present = LANGS.map((l) => entry[l]).find(Boolean)!;
      for (const lang of missing) problems.error(present.source.file, present.source.line, `missing translation: the review grid "${id}" has no ${lang === 'fr' ? 'French' : 'English'} file. Add one with \`id: ${id}\` and \`lang: ${lang}\`.`);
      continue;
    }
    const pair = { id, ...(entry as Record<Lang, ReviewGrid>) };
    checkParity(pair, problems);
    reviews.push(pair);
  }
  const known = new Map(reviews.map((r) => [r.id, r.fr] as const));
  const kept: LabelledDraft[] = [];
  for (const d of drafts) {
    const grid = known.get(d.situation);
    const at = (message: string) => problems.error(d.source.file, d.source.line, message);
    if (!grid) {
      at(`draft "${d.id}": unknown situation "${d.situation}":${didYouMean(d.situation, [...known.keys()].sort())} Use one of ${[...known.keys()].sort().join(', ') || '(no review grid yet)'}.`);
      continue;
    }
    const principles = grid.principles.map((p) => p.id);
    const violations = grid.violations.map((v) => v.id);
    const wrong = [...d.present.filter((p) => !principles.includes(p)), ...d.violations.filter((v) => !violations.includes(v))];
    if (wrong.length) {
      const hint = wrong.length === 1 ? didYouMean(wrong[0]!, [...principles, ...violations]) : '';
      at(`draft "${d.id}": ${wrong.map((w) => `"${w}"`).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not in the "${d.situation}" grid (principles: ${principles.join(', ')}; violations: ${violations.join(', ') || 'none'}).${hint}`);
      continue;
    }
    const unshown = [...d.present, ...d.violations].filter((l) => !d.spans[l]?.length);
    if (unshown.length) {
      at(`draft "${d.id}": give the phrase of the draft that shows ${unshown.map((u) => `"${u}"`).join(', ')} in "spans".`);
      continue;
    }
    kept.push(d);
  }
  const rank = (id: string) => playbooks.indexOf(id);
  return { reviews: reviews.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id)), drafts: kept };
}

function checkParity({ id, fr, en }: Localized<ReviewGrid>, problems: ProblemList): void {
  const list = (g: ReviewGrid) => [...g.principles.map((p) => p.id), '|', ...g.violations.map((v) => v.id)].join(',');
  if (list(fr) !== list(en)) {
    problems.error(en.source.file, en.source.line, `the principles and violations differ from ${fr.source.file} (${fr.principles.map((p) => p.id).join(', ')} | ${fr.violations.map((v) => v.id).join(', ')}): the grid "${id}" needs the same ids, in the same order, in both languages.`);
    return;
  }
  en.principles.forEach((p, i) => {
    const twin = fr.principles[i]!;
    if (p.weight !== twin.weight) problems.error(p.source.file, p.source.line, `principle "${p.id}" weighs ${p.weight} here but ${twin.weight} in French: use the same weight.`);
    if (p.anyPolarity !== twin.anyPolarity) problems.error(p.source.file, p.source.line, `principle "${p.id}" has \`polarity: ${p.anyPolarity ? 'any' : 'positive'}\` here but not in French: use the same polarity.`);
    if (p.place !== twin.place) problems.error(p.source.file, p.source.line, `principle "${p.id}" goes in the ${p.place} here but in the ${twin.place} in French: use the same place.`);
  });
  en.violations.forEach((v, i) => {
    const twin = fr.violations[i]!;
    if (v.penalty !== twin.penalty) problems.error(v.source.file, v.source.line, `violation "${v.id}" costs ${v.penalty} points here but ${twin.penalty} in French: use the same penalty.`);
    if ([...v.cancels].sort().join() !== [...twin.cancels].sort().join()) problems.error(v.source.file, v.source.line, `violation "${v.id}" cancels ${v.cancels.join(', ') || 'nothing'} here but ${twin.cancels.join(', ') || 'nothing'} in French: list the same principles.`);
  });
}
