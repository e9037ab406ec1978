// Labelled drafts (content/reviews/*.jsonl): one JSON object per line,
// {"id","situation","lang","quality","present":[…],"violations":[…],"spans":{"id":["phrase",…]},"draft"}.
// Each line is checked on its own here (shape, quality, phrases found in the draft); review-checks.ts
// checks the ids against the grids. A bad line is reported with its line number and skipped.
import { isLang } from './model.js';
import type { ProblemList } from './problems.js';
import { DRAFT_QUALITIES, type DraftQuality, type LabelledDraft } from './review-model.js';

/** A draft longer than this is a paste accident, not a reply. */
export const MAX_LABELLED_DRAFT_CHARS = 10_000;

export function readLabelledDrafts(file: string, text: string, problems: ProblemList): LabelledDraft[] {
  const drafts: LabelledDraft[] = [];
  const ids = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const fail = (message: string) => problems.error(file, line, message);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      return fail(`not valid JSON (${(err as Error).message}): each line is one object {"id","situation","lang","quality","present","violations","spans","draft"}.`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('each line must be a JSON object {"id","situation","lang","quality","present","violations","spans","draft"}.');
    const d = value as Record<string, unknown>;
    const strings = (key: string) => Array.isArray(d[key]) && (d[key] as unknown[]).every((x) => typeof x === 'string');
    if (typeof d.id !== 'string' || !d.id) return fail('missing "id": a unique name for the draft (e.g. "au-fr-12").');
    if (typeof d.situation !== 'string' || !d.situation) return fail(`draft "${d.id}": missing "situation": the id of a review grid (a playbook id).`);
    if (!isLang(d.lang)) return fail(`draft "${d.id}": "lang" must be "fr" or "en".`);
    if (!(DRAFT_QUALITIES as readonly unknown[]).includes(d.quality)) return fail(`draft "${d.id}": "quality" must be one of ${DRAFT_QUALITIES.join(', ')}.`);
    if (!strings('present') || !strings('violations')) return fail(`draft "${d.id}": "present" and "violations" must be lists of ids (possibly empty).`);
    if (typeof d.draft !== 'string' || !d.draft.trim()) return fail(`draft "${d.id}": "draft" must be the text of the reply.`);
    if (d.draft.length > MAX_LABELLED_DRAFT_CHARS) return fail(`draft "${d.id}" is longer than ${MAX_LABELLED_DRAFT_CHARS} characters: keep drafts to a real reply's length.`);
    const spans = d.spans ?? {};
    if (typeof spans !== 'object' || Array.isArray(spans) || spans === null) return fail(`draft "${d.id}": "spans" must map each label to the phrases of the draft that show it.`);
    const draft = d.draft;
    const labels = [...(d.present as string[]), ...(d.violations as string[])];
    const spanMap: Record<string, string[]> = {};
    for (const [label, phrases] of Object.entries(spans as Record<string, unknown>)) {
      if (!Array.isArray(phrases) || phrases.some((p) => typeof p !== 'string' || !p)) return fail(`draft "${d.id}": spans of "${label}" must be a list of phrases.`);
      if (!labels.includes(label)) return fail(`draft "${d.id}": a phrase is given for "${label}", which is in neither "present" nor "violations".`);
      for (const p of phrases as string[]) {
        if (!draft.includes(p)) return fail(`draft "${d.id}": the phrase "${p.slice(0, 60)}" given for "${label}" is not in the draft: copy it exactly.`);
      }
      spanMap[label] = phrases as string[];
    }
    const twin = ids.get(d.id);
    if (twin) return fail(`duplicate draft id "${d.id}" (line ${twin}): give each draft its own id.`);
    ids.set(d.id, line);
    drafts.push({
      id: d.id, situation: d.situation, lang: d.lang, quality: d.quality as DraftQuality,
      present: d.present as string[], violations: d.violations as string[], spans: spanMap, draft, source: { file, line },
    });
  });
  return drafts;
}
