// Fills the outage playbook's status update template (see content/incident-content.ts for the
// placeholder rules) for one phase of an incident: the first notice, an update, or "service restored".
import { DATE_KEYS, NAME_KEYS, SERVICE_KEYS, TIME_KEYS, type TextLine } from '../../content/incident-content.js';
import { foldKey } from '../../text/fold.js';

export type Phase = 'first' | 'update' | 'restored';
const PHASE_INDEX: Record<Phase, number> = { first: 0, update: 1, restored: 2 };

export interface TemplateValues {
  /** What is down: the incident's title. */
  service: string;
  /** The time placeholders in order: the start, then the next update. */
  times: string[];
  /** The owner's name. */
  name: string;
  /** The incident's date, for `[date]`. */
  date?: string;
}

const QUOTED = /[«"“]\s*([^»"”]+?)\s*[»"”]/;

/** The template's lines with their placeholders filled. */
export function fillTemplate(lines: readonly TextLine[], phase: Phase, values: TemplateValues): TextLine[] {
  let time = 0;
  let phaseUsed = false;
  const fillOne = (raw: string): string => {
    const key = foldKey(raw);
    if (SERVICE_KEYS.has(key)) return values.service;
    if (TIME_KEYS.has(key)) return values.times[time++] ?? raw;
    if (NAME_KEYS.has(key)) return values.name;
    if (DATE_KEYS.has(key) && values.date) return values.date;
    const options = raw.split(' / ').map((o) => o.trim());
    if (options.length === 3 && !phaseUsed) {
      phaseUsed = true;
      return options[PHASE_INDEX[phase]]!;
    }
    if (options.length > 1) return options[0]!;
    return raw.match(QUOTED)?.[1] ?? raw;
  };
  return lines.map((line) => ({ bullet: line.bullet, text: line.text.replace(/\[([^\]]+)\]/g, (_, inner: string) => fillOne(inner)) }));
}

/** Lines as one text: paragraphs apart by a blank line, bullets one per line (`- `). */
export function linesToText(lines: readonly TextLine[]): string {
  let out = '';
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (i > 0) out += previous?.bullet && line.bullet ? '\n' : '\n\n';
    out += line.bullet ? `- ${line.text}` : line.text;
  });
  return out;
}

/**
 * The parts of a template around its body: the subject and greeting (the first two lines) and the
 * closing (the last two: thanks and signature). A "service restored" notice keeps these and replaces
 * the body, which describes an outage in progress.
 */
export function frame(lines: readonly TextLine[]): { opening: TextLine[]; closing: TextLine[] } {
  return { opening: lines.slice(0, 2), closing: lines.slice(-2) };
}
