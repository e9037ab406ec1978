// A block parser for the subset of mkdocs-material Markdown the course is written in: headings,
// paragraphs, nested bullet and task lists, `=== "…"` content tabs, `??? kind "…"` / `!!! kind "…"`
// admonitions and fenced code. It keeps the source line of every block so the linter can point at it.
//
// It is deliberately tolerant of what authors really write (the seed itself has all of these): tabs mixed
// with spaces (expanded to 4-column stops, as Python-Markdown does), CRLF, trailing spaces, decomposed
// accents, and a content tab whose list was not indented under it.

export interface SourceLine {
  no: number;
  text: string;
}

export type Block = Heading | Paragraph | List | Tab | Admonition | Code;

export interface Heading { type: 'heading'; line: number; level: number; text: string }
export interface Paragraph { type: 'paragraph'; line: number; text: string }
export interface List { type: 'list'; line: number; ordered: boolean; items: ListItem[] }
export interface ListItem { line: number; text: string; checked: boolean | null; children: Block[] }
export interface Tab { type: 'tab'; line: number; title: string; children: Block[] }
export interface Admonition {
  type: 'admonition'; line: number; kind: string; title: string; collapsible: boolean; children: Block[];
}
export interface Code { type: 'code'; line: number; info: string; text: string }

/**
 * What the parser read in a way the author probably did not mean (it still parses, tolerant): a `===` line
 * that is not a well-formed content tab (read as text, the tab ignored), a nested bullet indented by fewer
 * than 4 spaces (read as a sibling, the nesting lost). `line` is the source line; `message` says what to fix.
 */
export interface MarkdownNote { line: number; message: string }

const TAB_STOP = 4;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*$/;
const CONTENT_TAB = /^===[!+]?\s+"(.*)"\s*$/;
/** Starts like a content tab (`===`, then a space or a title), whatever follows. */
const TAB_LIKE = /^===[!+]?(\s|$|["“«'\p{L}])/u;
const ADMONITION = /^(\?\?\?\+?|!!!)\s+([\w-]+)(?:\s+"(.*)")?\s*$/;
const LIST_MARKER = /^([-*+]|\d{1,9}[.)])(\s+|$)/;
const FENCE = /^(`{3,}|~{3,})\s*(.*)$/;
const TASK = /^\[([ xX])\]\s+/;

/** Splits text into numbered lines, normalised: no BOM, LF, NFC, tabs expanded, no trailing spaces. */
export function toLines(text: string, firstLineNo = 1): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: firstLineNo + i, text: expandTabs(raw.normalize('NFC')).trimEnd() }));
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    out += ch === '\t' ? ' '.repeat(TAB_STOP - (out.length % TAB_STOP)) : ch;
  }
  return out;
}

const indentOf = (line: SourceLine) => line.text.length - line.text.trimStart().length;
const isBlank = (line: SourceLine | undefined) => line !== undefined && line.text.trim() === '';

function dedent(lines: SourceLine[], by: number): SourceLine[] {
  return lines.map((l) => ({ no: l.no, text: l.text.slice(Math.min(by, indentOf(l))) }));
}

/** Lines after `start` that belong to an indented body (blank lines included while more body follows). */
function takeIndented(lines: SourceLine[], start: number, minIndent: number): number {
  let end = start;
  let j = start;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlank(line)) { j++; continue; }
    if (indentOf(line) < minIndent) break;
    j++;
    end = j;
  }
  return end;
}

function startsBlock(text: string): boolean {
  return HEADING.test(text) || CONTENT_TAB.test(text) || ADMONITION.test(text) || LIST_MARKER.test(text) || FENCE.test(text);
}

/** `notes`, when given, collects what was read but probably not meant (see MarkdownNote). */
export function parseBlocks(lines: SourceLine[], notes?: MarkdownNote[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) { i++; continue; }
    const indent = indentOf(line);
    const text = line.text.trim();
    let m: RegExpMatchArray | null;

    if (indent < 4 && (m = text.match(HEADING))) {
      blocks.push({ type: 'heading', line: line.no, level: m[1]!.length, text: m[2]! });
      i++;
    } else if ((m = text.match(CONTENT_TAB))) {
      const end = takeIndented(lines, i + 1, indent + 1);
      let body = dedent(lines.slice(i + 1, end), indent + 4);
      let next = end;
      if (!body.some((l) => !isBlank(l))) {
        // The seed writes some tabs' lists flush left under the tab: take that list as the tab's body.
        let j = end;
        while (isBlank(lines[j])) j++;
        if (lines[j] && indentOf(lines[j]!) === indent && LIST_MARKER.test(lines[j]!.text.trim())) {
          next = endOfList(lines, j, indent);
          body = dedent(lines.slice(j, next), indent);
        }
      }
      blocks.push({ type: 'tab', line: line.no, title: m[1]!.trim(), children: parseBlocks(body, notes) });
      i = next;
    } else if ((m = text.match(ADMONITION))) {
      const end = takeIndented(lines, i + 1, indent + 1);
      blocks.push({
        type: 'admonition', line: line.no, kind: m[2]!.toLowerCase(), title: (m[3] ?? '').trim(),
        collapsible: m[1]!.startsWith('???'), children: parseBlocks(dedent(lines.slice(i + 1, end), indent + 4), notes),
      });
      i = end;
    } else if ((m = text.match(FENCE))) {
      const fence = m[1]!;
      let j = i + 1;
      while (j < lines.length && !lines[j]!.text.trim().startsWith(fence)) j++;
      blocks.push({ type: 'code', line: line.no, info: m[2]!, text: dedent(lines.slice(i + 1, j), indent).map((l) => l.text).join('\n') });
      i = Math.min(j + 1, lines.length);
    } else if (LIST_MARKER.test(text)) {
      const end = endOfList(lines, i, indent);
      blocks.push(parseList(lines.slice(i, end), indent, notes));
      i = end;
    } else {
      if (TAB_LIKE.test(text)) {
        notes?.push({ line: line.no, message: `malformed content tab \`${text.slice(0, 60)}\`: the tab was ignored (read as text). Write it as \`=== "Title"\`, the title in straight double quotes, its content indented by 4 spaces.` });
      }
      const parts = [text];
      let j = i + 1;
      while (j < lines.length && !isBlank(lines[j]) && !startsBlock(lines[j]!.text.trim())) {
        parts.push(lines[j]!.text.trim());
        j++;
      }
      blocks.push({ type: 'paragraph', line: line.no, text: parts.join(' ') });
      i = j;
    }
  }
  return blocks;
}

/** A list runs until a non-blank line less indented than its items that is not itself an item. */
function endOfList(lines: SourceLine[], start: number, indent: number): number {
  let end = start + 1;
  let j = start + 1;
  let afterBlank = false;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlank(line)) { afterBlank = true; j++; continue; }
    const text = line.text.trim();
    const lineIndent = indentOf(line);
    const isItem = LIST_MARKER.test(text) && lineIndent <= indent + 3;
    if (lineIndent <= indent && !isItem) {
      // A lazy continuation line (no blank before it) still belongs to the last item.
      if (afterBlank || startsBlock(text)) break;
    }
    afterBlank = false;
    j++;
    end = j;
  }
  return end;
}

function parseList(lines: SourceLine[], indent: number, notes?: MarkdownNote[]): List {
  const first = lines[0]!;
  const ordered = /^\d/.test(first.text.trim());
  const items: ListItem[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) { i++; continue; }
    const marker = line.text.trim().match(LIST_MARKER)!;
    const shift = indentOf(line) - indent;
    if (shift > 0 && i > 0) {
      notes?.push({ line: line.no, message: `this bullet is indented by ${shift} ${shift === 1 ? 'space' : 'spaces'} more than the one above: it was read at the same level, not nested under it. Indent a nested bullet by 4 spaces more than its parent, or align it with the bullet above.` });
    }
    let text = line.text.trim().slice(marker[0].length);
    let j = i + 1;
    // Lazy continuation lines of the item's own text.
    while (j < lines.length && !isBlank(lines[j]) && !startsBlock(lines[j]!.text.trim()) && indentOf(lines[j]!) <= indent + 3) {
      text += ' ' + lines[j]!.text.trim();
      j++;
    }
    const childStart = j;
    while (j < lines.length) {
      const next = lines[j]!;
      if (!isBlank(next) && indentOf(next) <= indent + 3 && LIST_MARKER.test(next.text.trim())) break;
      if (!isBlank(next) && indentOf(next) <= indent) break;
      j++;
    }
    const childLines = lines.slice(childStart, j);
    const childIndent = Math.min(...childLines.filter((l) => !isBlank(l)).map(indentOf), Number.MAX_SAFE_INTEGER);
    let checked: boolean | null = null;
    const task = text.match(TASK);
    if (task) {
      checked = task[1] !== ' ';
      text = text.slice(task[0].length);
    }
    items.push({
      line: line.no, text: text.trim(), checked,
      children: childLines.length ? parseBlocks(dedent(childLines, childIndent), notes) : [],
    });
    i = j;
  }
  return { type: 'list', line: first.no, ordered, items };
}

/** The plain text of blocks, one line per paragraph or item, nested items indented: for search and tests. */
export function blocksToLines(blocks: Block[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') out.push(pad + b.text);
    else if (b.type === 'code') out.push(...b.text.split('\n').map((l) => pad + l));
    else if (b.type === 'list') {
      for (const item of b.items) {
        out.push(pad + item.text);
        out.push(...blocksToLines(item.children, depth + 1));
      }
    } else {
      out.push(pad + b.title);
      out.push(...blocksToLines(b.children, depth + 1));
    }
  }
  return out;
}
