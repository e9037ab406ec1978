// Reads a content folder into a Library, or into the list of everything wrong with it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkLibrary } from './cross-checks.js';
import { readGradedAnswers, readRoutingExamples } from './datasets.js';
import { FieldReader } from './fields.js';
import { readFrontMatter } from './front-matter.js';
import { isLang, type Drill, type Lang, type Library, type Playbook, type Scenario } from './model.js';
import { parseDrill } from './parse-drill.js';
import { parsePlaybook } from './parse-playbook.js';
import { parseScenario } from './parse-scenario.js';
import { parseReview } from './parse-review.js';
import { readLabelledDrafts } from './labelled-drafts.js';
import { checkReviews } from './review-checks.js';
import type { LabelledDraft, ReviewGrid } from './review-model.js';
import { ProblemList, sortProblems, type Problem } from './problems.js';

export interface ContentResult {
  /** Null when there is any error: the bot never runs on half-valid content. */
  library: Library | null;
  problems: Problem[];
  files: number;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_FILE_BYTES = 1_000_000;

export function loadContent(dir: string, displayRoot = process.cwd()): ContentResult {
  const problems = new ProblemList();
  const shown = (path: string) => relative(displayRoot, path).split(sep).join('/') || path;
  let paths: string[];
  try {
    paths = markdownFiles(dir);
  } catch (err) {
    problems.error(shown(dir), 1, `cannot read the content folder: ${(err as Error).message}. Set COACH_CONTENT_DIR to a folder holding playbooks/ and scenarios/.`);
    return { library: null, problems: problems.items, files: 0 };
  }
  const playbooks: Playbook[] = [];
  const scenarios: Scenario[] = [];
  const drills: Drill[] = [];
  const grids: ReviewGrid[] = [];
  const unreadableIds = new Set<string>();
  for (const path of paths) {
    const file = shown(path);
    const parsed = parseContentFile(file, path, problems);
    if (parsed.kind === 'playbook') playbooks.push(parsed.value);
    else if (parsed.kind === 'scenario') scenarios.push(parsed.value);
    else if (parsed.kind === 'drill') drills.push(parsed.value);
    else if (parsed.kind === 'review') grids.push(parsed.value);
    else if (parsed.id) unreadableIds.add(parsed.id);
  }
  if (paths.length === 0) {
    problems.error(shown(dir), 1, 'no content files: add playbooks/<id>.fr.md and playbooks/<id>.en.md (see content/README.md).');
  }
  const library = checkLibrary(playbooks, scenarios, problems, unreadableIds, drills);
  library.routing = readRoutingExamples(dir, shown, problems, new Set(library.playbooks.map((p) => p.id)));
  library.graded = readGradedAnswers(dir, shown, problems, new Set(library.scenarios.map((s) => s.id)));
  for (const pair of library.scenarios) {
    const own = library.graded.filter((g) => g.scenario === pair.id);
    if (own.length > 0) pair.fr.graded = pair.en.graded = own;
  }
  const drafts: LabelledDraft[] = [];
  for (const path of draftFiles(dir)) {
    try {
      drafts.push(...readLabelledDrafts(shown(path), readFileSync(path, 'utf8'), problems));
    } catch (err) {
      problems.error(shown(path), 1, `cannot read the file: ${(err as Error).message}.`);
    }
  }
  if (grids.length || drafts.length) Object.assign(library, checkReviews(grids, drafts, library.playbooks.map((p) => p.id), problems));
  return { library: problems.errorCount === 0 ? library : null, problems: sortProblems(problems.items), files: paths.length };
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name.startsWith('.') || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md') && !/^(readme|index)(\.\w+)?\.md$/i.test(name)) out.push(path);
  }
  return out;
}

/** Labelled drafts for the review: `*.jsonl` files in a `reviews` folder. */
function draftFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string, inReviews: boolean) => {
    let names: string[];
    try {
      names = readdirSync(at).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path, inReviews || name === 'reviews');
      else if (inReviews && name.endsWith('.jsonl')) out.push(path);
    }
  };
  walk(dir, false);
  return out;
}

type Parsed =
  | { kind: 'playbook'; value: Playbook }
  | { kind: 'scenario'; value: Scenario }
  | { kind: 'drill'; value: Drill }
  | { kind: 'review'; value: ReviewGrid }
  // A file we could not read: its id (when we can guess it) so its twin is not reported as untranslated.
  | { kind: 'unreadable'; id: string | null };

function parseContentFile(file: string, path: string, problems: ProblemList): Parsed {
  const unreadable = (text = ''): Parsed => ({ kind: 'unreadable', id: text.match(/^id:\s*['"]?([\w-]+)/m)?.[1] ?? null });
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      problems.error(file, 1, `the file is larger than ${MAX_FILE_BYTES / 1_000_000} MB: split it, one playbook or scenario per file.`);
      return unreadable();
    }
    text = readFileSync(path, 'utf8');
  } catch (err) {
    problems.error(file, 1, `cannot read the file: ${(err as Error).message}.`);
    return unreadable();
  }
  if (text.includes('\uFFFD')) problems.warning(file, 1, 'the file is not valid UTF-8: save it as UTF-8 so accents survive.');
  const fm = readFrontMatter(file, text, problems);
  if (!fm) return unreadable(text);
  const fields = new FieldReader(fm, file, problems);
  const id = fields.string('id', 'a short id in lowercase letters, digits and dashes, the same in both language files.');
  if (id && !ID.test(id)) problems.error(file, fields.line('id'), `the id "${id}" must be lowercase letters, digits and dashes (e.g. \`angry-user\`).`);
  const langValue = fields.string('lang', 'the file’s language, `fr` or `en`.');
  if (langValue && !isLang(langValue)) problems.error(file, fields.line('lang'), `\`lang\` must be \`fr\` or \`en\`, not "${langValue}".`);
  const suffix = file.match(/\.(\w{2})\.md$/)?.[1];
  if (suffix && isLang(suffix) && isLang(langValue) && suffix !== langValue) {
    problems.error(file, fields.line('lang'), `the file name says ".${suffix}.md" but \`lang\` is "${langValue}": make them agree.`);
  }
  const kind = kindOf(file, fields.has('kind') ? fields.string('kind', '') : undefined);
  if (!kind) {
    problems.error(file, 1, 'cannot tell whether this is a playbook, a scenario, a drill or a review grid: put the file under playbooks/, scenarios/, drills/ or reviews/, or add `kind: playbook`, `kind: scenario`, `kind: drill` or `kind: review`.');
    return unreadable(text);
  }
  if (!id || !isLang(langValue)) return unreadable(text);
  const lang: Lang = langValue;
  const fieldLines = Object.fromEntries(Object.keys(fm.data).map((key) => [key, fm.lineOf([key])]));
  if (kind === 'review') {
    const grid = parseReview(file, fm, fields, id, lang, problems);
    // An unreadable grid must not hide a playbook's missing translation: its id is not passed on.
    return grid ? { kind, value: grid } : { kind: 'unreadable', id: null };
  }
  const value = kind === 'playbook' ? parsePlaybook(file, fm, fields, id, lang, problems)
    : kind === 'scenario' ? parseScenario(file, fm, fields, id, lang, problems)
      : parseDrill(file, fm, fields, id, lang, problems);
  if (!value) return unreadable(text);
  value.source.fields = fieldLines;
  if (kind === 'playbook') return { kind, value: value as Playbook };
  return kind === 'scenario' ? { kind, value: value as Scenario } : { kind, value: value as Drill };
}

function kindOf(file: string, declared: string | undefined): 'playbook' | 'scenario' | 'drill' | 'review' | null {
  if (declared === 'playbook' || declared === 'scenario' || declared === 'drill' || declared === 'review') return declared;
  const parts = file.split('/');
  if (parts.includes('playbooks')) return 'playbook';
  if (parts.includes('scenarios')) return 'scenario';
  if (parts.includes('drills')) return 'drill';
  if (parts.includes('reviews')) return 'review';
  return null;
}
