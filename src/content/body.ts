// A content file's Markdown body, parsed, with what the parser read but the author probably did not mean
// (a malformed tab, a bullet nested by 2 spaces) reported as errors at their own lines.
import type { FrontMatter } from './front-matter.js';
import { parseBlocks, toLines, type Block, type List, type MarkdownNote, type Tab } from './markdown.js';
import type { ProblemList } from './problems.js';

/** The body's blocks; each MarkdownNote becomes an error at `file`:its line. */
export function readBody(file: string, fm: FrontMatter, problems: ProblemList): Block[] {
  const notes: MarkdownNote[] = [];
  const blocks = parseBlocks(toLines(fm.body, fm.bodyLine), notes);
  for (const note of notes) problems.error(file, note.line, note.message);
  return blocks;
}

/**
 * A tab's first list; when the tab has none, an error at the tab's line
 * (`the <what> tab has no list: <howTo>`) and null.
 */
export function tabList(file: string, tab: Tab, what: string, howTo: string, problems: ProblemList): List | null {
  const list = tab.children.find((b): b is List => b.type === 'list');
  if (!list) problems.error(file, tab.line, `the ${what} tab has no list: ${howTo}`);
  return list ?? null;
}
