// YAML front matter, parsed with the line of every node kept so problems point at the right line.
import { LineCounter, isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { ProblemList } from './problems.js';

export type YamlPath = (string | number)[];

export interface FrontMatter {
  data: Record<string, unknown>;
  /** First line of the body, after the closing `---`. */
  bodyLine: number;
  body: string;
  lineOf(path: YamlPath): number;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*$/m;

export function readFrontMatter(file: string, text: string, problems: ProblemList): FrontMatter | null {
  const open = text.match(OPEN);
  if (!open) {
    problems.error(file, 1, 'no front matter. Start the file with a `---` line, the YAML fields (id, lang…), then another `---` line.');
    return null;
  }
  const rest = text.slice(open[0].length);
  const close = rest.match(CLOSE);
  if (!close || close.index === undefined) {
    problems.error(file, 1, 'the front matter is never closed. Add a line with only `---` after the YAML fields.');
    return null;
  }
  const yamlText = rest.slice(0, close.index);
  const yamlLines = yamlText.split(/\r\n|\r|\n/).length - 1;
  const bodyStart = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on line 2 of the file.
  const fileLine = (yamlLine: number) => yamlLine + 1;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const pos = lineCounter.linePos(openingOf(yamlText, err.message, err.pos[0]));
      problems.error(file, fileLine(pos.line), `unparsable front matter: ${firstLine(err.message)}. Check the indentation, and quote text that contains a colon or starts with a quote or a bracket.`);
    }
    return null;
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.error(file, 2, 'the front matter must be YAML fields (`id: …`, `lang: …`), not a list or a single value.');
    return null;
  }
  return {
    data: data as Record<string, unknown>,
    bodyLine: yamlLines + 3,
    body: bodyStart,
    lineOf: (path) => fileLine(lineCounter.linePos(nodeAt(doc, path)?.range?.[0] ?? 0).line),
  };
}

/**
 * Where an error starts, as an offset in the YAML text. The library reports an unclosed quote or
 * bracket where it gave up (often the end of the front matter): point instead at the line that opened it,
 * the last opening quote or bracket before that offset.
 */
function openingOf(yamlText: string, message: string, offset: number): number {
  const before = yamlText.slice(0, offset);
  const quote = message.match(/Missing closing (["'])quote/)?.[1];
  const opener = quote ? new RegExp(`(?:^|[:\\-\\[,{]\\s*)${quote}`, 'gm') : /Flow sequence/.test(message) ? /\[/g : /Flow mapping/.test(message) ? /\{/g : null;
  if (!opener) return offset;
  let last = -1;
  for (const m of before.matchAll(opener)) last = m.index! + m[0].length - 1;
  return last >= 0 ? last : offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '');
}

/** The deepest node that exists along the path, so a missing field points at its parent. */
function nodeAt(doc: Document, path: YamlPath): Node | null {
  let node: Node | null = doc.contents as Node | null;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
