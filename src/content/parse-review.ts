// One review grid file (content/reviews/<playbook>.<lang>.md) → a ReviewGrid, reporting what is missing
// or malformed with the line of the field. The grid lives in the front matter, like a scenario's rubric;
// the body is a `#` title and a few words for trainers.
import type { FieldReader } from './fields.js';
import type { FrontMatter } from './front-matter.js';
import { readBody } from './body.js';
import type { Lang } from './model.js';
import type { ProblemList } from './problems.js';
import { REVIEW_PLACES, SIGNAL_CONDITIONS, type ReviewGrid, type ReviewPlace, type ReviewPrinciple, type ReviewViolation } from './review-model.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CONDITION = /\{([^{}]*)\}/g;

export function parseReview(file: string, fm: FrontMatter, fields: FieldReader, id: string, lang: Lang, problems: ProblemList): ReviewGrid | null {
  const heading = readBody(file, fm, problems).find((b) => b.type === 'heading');
  const title = fields.string('title', 'the grid’s title.', false) || (heading?.type === 'heading' ? heading.text : '');
  if (!title) problems.error(file, fm.bodyLine, 'no title: add a `# …` heading (or a `title:` field) saying which replies this grid reviews.');
  const principles = readList(file, fields, 'principles', problems, readPrinciple);
  const violations = readList(file, fields, 'violations', problems, readViolation);
  if (!fields.has('principles')) problems.error(file, fields.line(), 'missing `principles`: what a good reply does, each with id, name, weight, place, why, signals and suggestion.');
  checkUnique(file, [...principles, ...violations], problems);
  const principleIds = new Set(principles.map((p) => p.id));
  for (const v of violations) {
    for (const c of v.cancels) {
      if (!principleIds.has(c)) problems.error(file, v.source.line, `violation "${v.id}" cancels "${c}", which is not a principle of this grid: use one of ${[...principleIds].join(', ')}.`);
    }
    for (const r of v.rewrites) {
      if (!v.signals.includes(r.signal)) problems.error(file, v.source.line, `violation "${v.id}" has a rewrite for "${r.signal}", which is not one of its signals: copy the signal exactly.`);
    }
  }
  return { id, lang, title, principles, violations, source: { file, line: 1 } };
}

function readList<T>(file: string, fields: FieldReader, key: string, problems: ProblemList, read: (file: string, e: FieldReader, problems: ProblemList) => T): T[] {
  return fields.objects(key, `the ${key} of the grid, each starting with \`- id: …\`.`).map((e) => read(file, e, problems));
}

function readId(file: string, e: FieldReader, problems: ProblemList): string {
  const id = e.string('id', 'a short id in lowercase letters, digits and dashes, the same in both languages.');
  if (id && !ID.test(id)) problems.error(file, e.line('id'), `the id "${id}" must be lowercase letters, digits and dashes (e.g. \`warm-closing\`).`);
  return id;
}

/** Signals must say something beyond their conditions, and name only the conditions the review knows. */
function readSignals(file: string, e: FieldReader, key: string, required: boolean, problems: ProblemList): string[] {
  const hint = 'phrasings, in the file’s language, as people write them (see content/README.md, "Review grids").';
  const list = e.stringList(key, required ? 1 : 0, hint);
  const seen = new Set<string>();
  for (const [i, signal] of list.entries()) {
    for (const m of signal.matchAll(CONDITION)) {
      if (!(SIGNAL_CONDITIONS as readonly string[]).includes(m[1]!)) {
        problems.error(file, e.itemLine(key, i), `unknown condition "{${m[1]}}" in the signal "${signal}": use {name}, {time}, {short} or {placeholder}.`);
      }
    }
    if (!/\p{L}/u.test(signal.replace(CONDITION, '')) && !/\{(name|placeholder)\}/.test(signal)) {
      problems.error(file, e.itemLine(key, i), `the signal "${signal}" has no words: add the words that go with the condition (e.g. "d'ici {time}").`);
    }
    const key2 = signal.toLowerCase();
    if (seen.has(key2)) problems.warning(file, e.itemLine(key, i), `the signal "${signal}" is listed twice in \`${key}\`.`);
    seen.add(key2);
  }
  return list;
}

/** `polarity: any` (a negated signal still counts) or `positive` (the default). */
function readPolarity(file: string, e: FieldReader, problems: ProblemList): boolean {
  const value = e.string('polarity', '`any` or `positive`.', false);
  if (value && value !== 'any' && value !== 'positive') problems.error(file, e.line('polarity'), `\`polarity\` must be \`any\` (a negated signal still counts) or \`positive\` (the default), not "${value}".`);
  return value === 'any';
}

function readPrinciple(file: string, e: FieldReader, problems: ProblemList): ReviewPrinciple {
  const id = readId(file, e, problems);
  const place = e.string('place', `where its sentence goes when missing: ${REVIEW_PLACES.join(', ')}.`);
  if (place && !(REVIEW_PLACES as readonly string[]).includes(place)) {
    problems.error(file, e.line('place'), `\`place\` must be ${REVIEW_PLACES.join(', ')}, not "${place}".`);
  }
  const suggestionTu = e.string('suggestion_tu', 'the suggestion for a draft written with "tu".', false);
  return {
    id,
    name: e.string('name', 'a short label for the agent (e.g. Empathie).'),
    weight: e.integer('weight', 1, 3, 'how much the principle counts in the score (1 to 3).'),
    place: ((REVIEW_PLACES as readonly string[]).includes(place) ? place : 'body') as ReviewPlace,
    why: e.string('why', 'one sentence: why it matters.'),
    signals: readSignals(file, e, 'signals', true, problems),
    notSignals: readSignals(file, e, 'not_signals', false, problems),
    anyPolarity: readPolarity(file, e, problems),
    suggestion: e.string('suggestion', 'a sentence the agent can add when it is missing.'),
    ...(suggestionTu ? { suggestionTu } : {}),
    source: { file, line: e.line() },
  };
}

function readViolation(file: string, e: FieldReader, problems: ProblemList): ReviewViolation {
  const id = readId(file, e, problems);
  const rewriteTu = e.string('rewrite_tu', 'the rewrite for a draft written with "tu".', false);
  const rewrites = e.objects('rewrites', 'a rewrite for one signal: `- signal: …` and `rewrite: …`.').map((r) => ({
    signal: r.string('signal', 'the signal, copied exactly.'),
    rewrite: r.string('rewrite', 'what to write instead.'),
  }));
  return {
    id,
    name: e.string('name', 'a short label for the agent (e.g. Sur la défensive).'),
    penalty: e.integer('penalty', 1, 10, 'points taken off the score (1 to 10).'),
    why: e.string('why', 'one sentence: why it hurts.'),
    signals: readSignals(file, e, 'signals', true, problems),
    notSignals: readSignals(file, e, 'not_signals', false, problems),
    anyPolarity: readPolarity(file, e, problems),
    cancels: e.stringList('cancels', 0, 'principles this violation voids in the same sentence around "mais"/"but".'),
    rewrite: e.string('rewrite', 'what to write instead of an offending phrase.'),
    ...(rewriteTu ? { rewriteTu } : {}),
    rewrites,
    source: { file, line: e.line() },
  };
}

function checkUnique(file: string, items: { id: string; source: { line: number } }[], problems: ProblemList): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.id && seen.has(item.id)) problems.error(file, item.source.line, `duplicate id "${item.id}" in this grid: principles and violations each need their own id.`);
    seen.add(item.id);
  }
}
