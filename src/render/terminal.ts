// Neutral messages as terminal text: colour and wrapping on a TTY, plain unwrapped lines when piped
// (so scripts and tests read stable output).
import type { Action, Bullet, Message } from '../core/message.js';
import type { Lang } from '../content/model.js';

export interface TerminalStyle {
  color: boolean;
  /** Wrap width in columns; 0 for no wrapping. */
  width: number;
}

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string) => (on ? `${ESC}${code}m${s}${ESC}0m` : s);

export function renderTerminal(message: Message, style: TerminalStyle): string {
  const out: string[] = [];
  const wrap = (s: string, indent: string, first = indent) => wrapText(s, style.width, first, indent);
  if (message.heading) {
    out.push(style.color ? paint(true, '1;36', message.heading) : `# ${message.heading}`, '');
  }
  for (const section of message.sections) {
    if (section.title) out.push(style.color ? paint(true, '1', section.title) : `## ${section.title}`);
    const walk = (bullets: Bullet[], depth: number) => {
      for (const b of bullets) {
        const pad = '  '.repeat(depth);
        out.push(...wrap(stripControls(b.text), `${pad}  `, `${pad}${depth === 0 ? '•' : '–'} `));
        if (b.children) walk(b.children, depth + 1);
      }
    };
    for (const part of section.parts) {
      if (part.kind === 'text') out.push(...part.text.split('\n').flatMap((line) => wrap(stripControls(line), '')));
      else walk(part.items, 0);
    }
    out.push('');
  }
  // Commands are numbered (typing the number picks one); links are printed for the terminal to open.
  // Only the label: the command behind a button is internal (a challenge id, an empty `/answer … `).
  const commands = commandActions(message);
  commands.forEach((a, i) => out.push(...wrap(stripControls(a.label), '      ', `  [${i + 1}] `)));
  if (commands.length) out.push(paint(style.color, '2', PICK_HINT[message.lang ?? 'fr'](commands.length)));
  const colon = message.lang === 'fr' ? ' : ' : ': ';
  for (const a of message.actions ?? []) if (a.url) out.push(`  ${stripControls(a.label)}${colon}${stripControls(a.url)}`);
  if (message.actions?.length) out.push('');
  if (message.footnote) out.push(...wrap(stripControls(message.footnote), '').map((line) => paint(style.color, '2', line)), '');
  // A chart cannot show here: its title, and the command that writes it as a PNG file.
  if (message.chart) out.push(paint(style.color, '2', CHART_HINT[message.lang ?? 'fr'](stripControls(message.chart.title))), '');
  return out.join('\n');
}

/** The line that stands for a chart (the weekly recap's): `npx coach recap` writes it. */
const CHART_HINT: Record<Lang, (title: string) => string> = {
  fr: (title) => `📊 ${title} : npx coach recap --out recap.png l’enregistre en image.`,
  en: (title) => `📊 ${title}: npx coach recap --out recap.png saves it as an image.`,
};

/** The line under numbered buttons: how to pick one. */
const PICK_HINT: Record<Lang, (n: number) => string> = {
  fr: (n) => (n === 1 ? '  Tapez 1 pour choisir.' : `  Tapez un numéro (1 à ${n}) pour choisir.`),
  en: (n) => (n === 1 ? '  Type 1 to choose.' : `  Type a number (1 to ${n}) to choose.`),
};

/** The actions a number picks in the terminal: every one but links. */
export function commandActions(message: Message): Action[] {
  return (message.actions ?? []).filter((a) => !a.url);
}

/** Content and echoed user text must not move the cursor or recolour the terminal. */
function stripControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** `s` wrapped at word boundaries to `width` columns (0: one line), the first line after `first`, the others after `rest`. */
export function wrapText(s: string, width: number, first: string, rest: string): string[] {
  if (width <= 0 || first.length + s.length <= width) return [first + s];
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (const word of s.split(/\s+/)) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (lineHasWord ? ' ' : '') + word;
    }
    lineHasWord = true;
  }
  lines.push(line);
  return lines;
}
