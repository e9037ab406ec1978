// What the incident coach (issue 11) takes from the outage playbook: its status update template and its
// incident report outline, two `??? example` blocks. The coach fills the template's placeholders in
// square brackets, so the linter checks they are there:
//   [service]                        the incident's title
//   [heure] / [time] (twice)         the start time, then the next update time
//   [a / b / c] (the first such)     the phase: a = first notice, b = update, c = service restored
//   [nom] / [name]                   the owner's name
//   [date]                           the incident's date (in the report outline's summary)
//   [x, ou « default »]              any other placeholder with a quoted default gets that default;
//   [x]                              the rest get their own words, without the brackets.
import { foldKey } from '../text/fold.js';
import type { Block } from './markdown.js';
import type { Playbook } from './model.js';
import type { ProblemList } from './problems.js';

/** The playbook the incident coach uses: its id in the content. */
export const INCIDENT_PLAYBOOK = 'outage';

/** A line of a ready-to-use text: a paragraph, or a bullet. */
export interface TextLine { bullet: boolean; text: string }

export interface IncidentTexts {
  /** The status update template, line by line (paragraphs and bullets, Markdown marks removed). */
  template: TextLine[];
  /** The report outline's items, in order: `Summary: …`, `Impact: …`, … */
  outline: string[];
}

const PLACEHOLDER = /\[([^\]]+)\]/g;
export const TIME_KEYS = new Set(['heure', 'time', 'hour']);
export const SERVICE_KEYS = new Set(['service']);
export const NAME_KEYS = new Set(['nom', 'name']);
export const DATE_KEYS = new Set(['date']);
/** The report outline's items, in this order: the incident report follows it section by section. */
export const OUTLINE_ITEMS = ['summary', 'impact', 'resolution', 'cause', 'people', 'prevention', 'communications'] as const;

/** The template and outline of a playbook, or null when it lacks one of them. */
export function incidentTexts(playbook: Playbook): IncidentTexts | null {
  const template = playbook.extras.find((e) => /\b(modele|template)\b/.test(foldKey(e.title)));
  const outline = playbook.extras.find((e) => /\b(plan|outline)\b/.test(foldKey(e.title)));
  if (!template || !outline) return null;
  return { template: textLines(template.blocks), outline: textLines(outline.blocks).map((l) => l.text) };
}

/** The placeholders of a text (without their brackets), in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Content checks for the incident coach: the outage playbook has a usable template and outline. */
export function checkIncidentContent(playbooks: Playbook[], problems: ProblemList): void {
  for (const playbook of playbooks.filter((p) => p.id === INCIDENT_PLAYBOOK)) {
    const { file, line } = playbook.source;
    const texts = incidentTexts(playbook);
    if (!texts) {
      problems.error(file, line, 'the incident coach needs two `??? example` blocks here: a status update template (title with “Modèle” / “Template”) and an incident report outline (title with “Plan” / “Outline”).');
      continue;
    }
    const keys = texts.template.flatMap((l) => placeholders(l.text)).map((p) => foldKey(p));
    const where = playbook.extras.find((e) => /\b(modele|template)\b/.test(foldKey(e.title)))!.source.line;
    if (texts.template.length < 5) problems.error(file, where, 'the status update template needs at least a subject, a greeting, a body and a closing (5 lines or more).');
    if (!keys.some((k) => SERVICE_KEYS.has(k))) problems.error(file, where, 'the status update template has no `[service]` placeholder: the coach puts the incident’s title there.');
    if (keys.filter((k) => TIME_KEYS.has(k)).length < 2) problems.error(file, where, 'the status update template needs two time placeholders (`[heure]` / `[time]`): the start time, then the next update time.');
    if (!texts.template.some((l) => placeholders(l.text).some((p) => p.split(' / ').length === 3))) {
      problems.error(file, where, 'the status update template needs a phase placeholder with three choices, such as `[panne en cours / mise à jour / service rétabli]`.');
    }
    const outlineAt = playbook.extras.find((e) => /\b(plan|outline)\b/.test(foldKey(e.title)))!.source.line;
    if (texts.outline.length !== OUTLINE_ITEMS.length || texts.outline.some((item) => !/^.+?\s*:\s+\S/.test(item))) {
      problems.error(file, outlineAt, `the incident report outline needs exactly ${OUTLINE_ITEMS.length} bullets, \`Label : what goes there\`, in this order: ${OUTLINE_ITEMS.join(', ')}.`);
    }
  }
}

function textLines(blocks: Block[]): TextLine[] {
  const out: TextLine[] = [];
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') out.push({ bullet: false, text: plain(b.text) });
    else if (b.type === 'list') for (const item of b.items) out.push({ bullet: true, text: plain(item.text) });
  }
  return out;
}

const plain = (text: string) => text.replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2').replace(/`([^`]+)`/g, '$1');
