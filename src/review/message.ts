// A review as a neutral message (every surface renders it), and the question asked when the draft's
// situation is unclear. The frame is in the person's language; quoted phrases are the draft's own words
// and suggestions are in the draft's language.
import type { Lang, Library } from '../content/model.js';
import { MAX_ACTION_VALUE, type Action, type Bullet, type Message } from '../core/message.js';
import type { DraftReviewer } from './reviewer.js';
import type { Review } from './review.js';
import { tr } from './strings.js';

export function situationTitle(library: Library, situation: string, lang: Lang): string {
  return library.playbooks.find((p) => p.id === situation)?.[lang].title ?? situation;
}

/**
 * `retry`: when the situation was guessed, the draft and the other situations: one button each to review
 * it again as that situation (only when every button can carry the draft).
 */
export function reviewMessage(review: Review, reviewer: DraftReviewer, library: Library, lang: Lang, retry?: { draft: string; situations: string[] }): Message {
  const grid = reviewer.grid(review.situation, lang)!;
  const name = (id: string) => [...grid.principles, ...grid.violations].find((x) => x.id === id)?.name ?? id;
  const names = (ids: string[]) => (ids.length ? ids.map(name).join(', ') : tr(lang, 'none'));
  const q = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  const fixes: Bullet[] = [];
  const adds: Bullet[] = [];
  const keeps: Bullet[] = [];
  for (const r of review.remarks) {
    if (r.kind === 'violation') {
      fixes.push({ text: tr(lang, 'violationLine', { name: name(r.id), phrase: q(r.phrase) }), children: [{ text: tr(lang, 'rewriteLine', { suggestion: r.suggestion }) }] });
    } else if (r.kind === 'missing') {
      adds.push({
        text: tr(lang, 'missingLine', { name: name(r.id), where: tr(lang, r.position === 'before' ? 'before' : 'after'), phrase: q(r.phrase) }),
        children: [{ text: tr(lang, 'addLine', { suggestion: r.suggestion }) }],
      });
    } else {
      keeps.push({ text: tr(lang, 'presentLine', { name: name(r.id), phrase: q(r.phrase) }) });
    }
  }
  const sections: Message['sections'] = [{
    parts: [
      { kind: 'text', text: tr(lang, 'score', { score: review.score }) },
      { kind: 'bullets', items: [
        { text: tr(lang, 'present', { list: names(review.present) }) },
        { text: tr(lang, 'missing', { list: names(review.missing) }) },
        { text: tr(lang, 'violations', { list: names(review.violations) }) },
      ] },
    ],
  }];
  if (fixes.length) sections.push({ title: tr(lang, 'toFix'), parts: [{ kind: 'bullets', items: fixes }] });
  if (adds.length) sections.push({ title: tr(lang, 'toAdd'), parts: [{ kind: 'bullets', items: adds }] });
  if (keeps.length) sections.push({ title: tr(lang, 'toKeep'), parts: [{ kind: 'bullets', items: keeps }] });
  const actions = retry ? situationActions(retry.draft, retry.situations, library, lang) : null;
  if (actions?.length) sections.push({ parts: [{ kind: 'text', text: tr(lang, 'otherSituation') }] });
  return {
    heading: tr(lang, 'heading', { situation: situationTitle(library, review.situation, lang) }),
    sections,
    ...(actions?.length ? { actions } : {}),
    footnote: tr(lang, 'footnote'),
    visibility: 'private',
    lang,
  };
}

/** One button per situation, each reviewing the draft as that situation; null when the draft is too long for a button. */
function situationActions(draft: string, situations: string[], library: Library, lang: Lang): Action[] | null {
  const values = situations.map((id) => `/coach review --situation ${id} ${draft}`);
  if (values.some((v) => v.length > MAX_ACTION_VALUE)) return null;
  return situations.map((id, i) => ({ label: situationTitle(library, id, lang), value: values[i]! }));
}

/** "Which situation?" with one button per candidate, each carrying the draft back (private, to its author). */
export function askSituationMessage(draft: string, candidates: string[], library: Library, lang: Lang): Message {
  const ids = candidates.join('|');
  const buttons = situationActions(draft, candidates, library, lang);
  if (!buttons) {
    return { sections: [{ parts: [{ kind: 'text', text: tr(lang, 'askTooLong', { example: candidates[0] ?? 'outage', ids: candidates.join(', ') }) }] }], visibility: 'private', lang };
  }
  const actions: Action[] = buttons.map((b, i) => (i === 0 ? { ...b, primary: true } : b));
  return {
    sections: [{ parts: [{ kind: 'text', text: tr(lang, 'askSituation') }] }],
    actions,
    footnote: tr(lang, 'askFootnote', { ids }),
    visibility: 'private',
    lang,
  };
}
