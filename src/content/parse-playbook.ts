// One playbook file → a Playbook, reporting what is missing or malformed.
import { PLAYBOOK_TAB_TITLES, extractPlaybooks } from './course.js';
import { closest } from './did-you-mean.js';
import type { FieldReader } from './fields.js';
import type { FrontMatter } from './front-matter.js';
import { readBody } from './body.js';
import type { Lang, Playbook } from './model.js';
import type { ProblemList } from './problems.js';

export function parsePlaybook(file: string, fm: FrontMatter, fields: FieldReader, id: string, lang: Lang, problems: ProblemList): Playbook | null {
  const order = fields.integer('order', 0, 999, 'the playbook’s place in the index (1, 2, 3…).', false);
  const summary = fields.string('summary', 'one line that says which situation this playbook covers.');
  const aliases = fields.stringList('aliases', 1, 'what people type after /playbook for this topic (panne, serveur down…).');
  const keywords = fields.stringList('keywords', 0, 'single words tied to the situation.');
  const examples = fields.stringList('examples', 0, 'whole sentences describing the situation as a tech would write them.');

  const found = extractPlaybooks(readBody(file, fm, problems));
  if (found.length === 0) {
    problems.error(file, fm.bodyLine, 'no playbook in the body: write a `#` heading followed by at least one content tab such as `=== "Quoi faire"`.');
    return null;
  }
  if (found.length > 1) {
    problems.error(file, found[1]!.line, `a playbook file holds one playbook, but this heading starts a second one ("${found[1]!.title}"). Move it to its own file.`);
  }
  const body = found[0]!;
  for (const section of body.sections) {
    const guess = section.kind === 'other' ? closest(section.title, PLAYBOOK_TAB_TITLES) : null;
    if (guess) {
      problems.error(file, section.line, `unknown tab "${section.title}": it is shown as an extra section, not as "${guess}". Did you mean "${guess}"?`);
    }
    if (section.blocks.length === 0) {
      problems.error(file, section.line, `the tab "${section.title}" is empty: indent its bullets by 4 spaces under the \`===\` line.`);
    }
  }
  const title = fields.string('title', 'the playbook’s title.', false) || body.title;
  return {
    id, lang, order, title, summary, aliases, keywords, examples,
    intro: body.intro,
    sections: body.sections.map((s) => ({ kind: s.kind, title: s.title, blocks: s.blocks, source: { file, line: s.line } })),
    extras: body.extras.map((e) => ({ kind: e.kind, title: e.title, blocks: e.blocks, source: { file, line: e.line } })),
    source: { file, line: 1 },
  };
}
