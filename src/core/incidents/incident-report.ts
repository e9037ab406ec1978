// The incident report (issue 11), drafted from the timeline section by section, following the outage
// playbook's outline: summary with date and times, impact, resolution chronology with times, cause (asked
// for, never invented), people involved, prevention actions (asked for), communications with their times;
// then the communication figures. One neutral structure, shown as a message or written as Markdown in
// the content's dialect (`coach incident report`).
import type { Lang } from '../../content/model.js';
import { OUTLINE_ITEMS, type IncidentTexts } from '../../content/incident-content.js';
import type { IncidentData, IncidentEvent, IncidentEventKind } from '../../store/schema.js';
import { communicationFigures } from '../../domain/incidents/figures.js';
import { COMMUNICATIONS, onTime, peopleInvolved } from '../../domain/incidents/incidents.js';
import { fillTemplate } from '../../domain/incidents/template.js';
import { dayInZone } from '../../domain/time.js';
import type { Message, MessageSection } from '../message.js';
import { clockTime, dayAndTime, duration, longDate, ofName, ti, type IncidentStringKey } from './incident-i18n.js';
import { nameOf } from './incident-messages.js';

export interface ReportSection {
  title: string;
  /** Paragraphs, or bullets when `bullets` is set. */
  lines: string[];
  bullets: boolean;
}

export interface IncidentReport {
  heading: string;
  lang: Lang;
  /** Set while the incident is open: the report stops now. */
  note?: string;
  sections: ReportSection[];
  /** The report parts still to answer (impact, cause, prevention), in words, for a reminder. */
  missing: string[];
}

const ASKED: Partial<Record<(typeof OUTLINE_ITEMS)[number], { field: 'impact' | 'cause' | 'prevention'; command: string }>> = {
  impact: { field: 'impact', command: 'impact' },
  cause: { field: 'cause', command: 'cause' },
  prevention: { field: 'prevention', command: 'prevent' },
};

const EVENT_TEXT: Record<IncidentEventKind, IncidentStringKey> = {
  opened: 'evOpened', notice: 'evNotice', update: 'evUpdate', note: 'evNote', owner: 'evOwner', cadence: 'evCadence',
  reminder: 'evReminder', snooze: 'evSnooze', escalated: 'evEscalated', impact: 'evImpact', cause: 'evCause',
  prevention: 'evPrevention', 'drill-event': 'evDrill', resolved: 'evResolved',
};

const DID_TEXT: Partial<Record<IncidentEventKind, IncidentStringKey>> = {
  opened: 'didOpened', notice: 'didNotice', update: 'didUpdate', note: 'didNote', owner: 'didOwner', cadence: 'didCadence',
  snooze: 'didSnooze', impact: 'didImpact', cause: 'didCause', prevention: 'didPrevention', resolved: 'didResolved',
};

/** The first line of a text, cut to `max` characters. */
function excerpt(text: string, max = 100): string {
  const line = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** An event as one line of the chronology (without its time). */
export function describeEvent(incident: Readonly<IncidentData>, e: Readonly<IncidentEvent>, lang: Lang): string {
  let key = EVENT_TEXT[e.kind];
  if (e.kind === 'escalated' && incident.drill) key = 'evEscalatedDrill';
  if (e.kind === 'resolved' && incident.summary) key = 'evResolvedSummary';
  const text = e.kind === 'notice' || e.kind === 'update' ? excerpt(e.text ?? '') : e.kind === 'resolved' ? incident.summary ?? '' : e.kind === 'owner' ? '' : (e.text ?? '').replace(/\s*\n\s*/g, ' ');
  const name = nameOf(incident, e.by);
  return ti(lang, key, { name, ofName: ofName(lang, name), text, target: e.kind === 'owner' ? nameOf(incident, e.text ?? '') : '' });
}

/** The report of an incident as it stands `now`, in its language. */
export function buildReport(incident: Readonly<IncidentData>, texts: IncidentTexts, timeZone: string, now: Date): IncidentReport {
  const lang = incident.lang;
  const end = incident.resolvedAt ?? now.toISOString();
  const startDay = dayInZone(new Date(incident.startedAt), timeZone);
  const at = (iso: string) => (dayInZone(new Date(iso), timeZone) === startDay ? clockTime(iso, lang, timeZone) : dayAndTime(iso, lang, timeZone));
  const textWord = lang === 'fr' ? 'TEXTE' : 'TEXT';
  const missing: string[] = [];
  const sections: ReportSection[] = OUTLINE_ITEMS.map((item, i) => {
    const [, title = item, description = ''] = texts.outline[i]?.match(/^(.+?)\s*:\s+(.*)$/) ?? [];
    const asked = ASKED[item];
    if (asked) {
      const answer = incident[asked.field]?.trim();
      if (answer) return { title, lines: answer.split('\n').map((l) => l.trim()).filter(Boolean), bullets: false };
      missing.push(title.toLowerCase());
      return { title, lines: [ti(lang, 'toComplete', { description, command: `/incident ${asked.command} #${incident.id} ${textWord}` })], bullets: false };
    }
    switch (item) {
      case 'summary': {
        const [filled] = fillTemplate([{ bullet: false, text: description }], 'first', {
          service: incident.title, name: nameOf(incident, incident.owner), date: longDate(incident.startedAt, lang, timeZone),
          times: [clockTime(incident.startedAt, lang, timeZone), at(end)],
        });
        const lines = [`${filled!.text} (${duration(Date.parse(end) - Date.parse(incident.startedAt))})`];
        if (incident.summary) lines.push(incident.summary);
        return { title, lines, bullets: false };
      }
      case 'resolution':
        return { title, lines: incident.timeline.map((e) => `${at(e.at)} · ${describeEvent(incident, e, lang)}`), bullets: true };
      case 'people':
        return {
          title, bullets: true,
          lines: peopleInvolved(incident).map((p) => {
            const did = p.did.map((k) => DID_TEXT[k]).filter((k): k is IncidentStringKey => Boolean(k)).map((k) => ti(lang, k));
            const role = p.id === incident.owner ? ` (${ti(lang, 'didOwnerNow')})` : '';
            return `${p.name}${role}${did.length ? `${lang === 'fr' ? ' : ' : ': '}${did.join(', ')}` : ''}`;
          }),
        };
      default: {
        const comms = incident.timeline.filter((e) => COMMUNICATIONS.has(e.kind));
        return {
          title, bullets: true,
          lines: comms.map((e) => {
            const kind = ti(lang, e.kind === 'notice' ? 'commNotice' : e.kind === 'update' ? 'commUpdate' : 'commRestored');
            const timing = onTime(e) ? ti(lang, 'commOnTime') : ti(lang, 'commLate', { late: duration(Date.parse(e.at) - Date.parse(e.dueAt!)) });
            return `${at(e.at)} · ${kind} (${timing})`;
          }),
        };
      }
    }
  });
  const f = communicationFigures(incident, now);
  sections.push({
    title: ti(lang, 'figuresTitle'),
    bullets: true,
    lines: [
      f.firstNoticeMs === null ? ti(lang, 'figFirstNone') : ti(lang, 'figFirst', { time: duration(f.firstNoticeMs) }),
      ti(lang, 'figUpdates', { n: f.updates }),
      f.onTimeShare === null ? ti(lang, 'figOnTimeNone') : ti(lang, 'figOnTime', { pct: Math.round(f.onTimeShare * 100), onTime: f.onTime, total: f.communications }),
      ti(lang, 'figSilence', { time: duration(f.longestSilenceMs) }),
    ],
  });
  return {
    heading: ti(lang, incident.drill ? 'reportDrillHeading' : 'reportHeading', { title: incident.title }),
    lang,
    ...(incident.resolvedAt ? {} : { note: ti(lang, 'reportOpen', { time: clockTime(now, lang, timeZone) }) }),
    sections,
    missing,
  };
}

/** The report as a neutral message (private to whoever asked). */
export function reportMessage(report: IncidentReport, footnote?: string): Message {
  const sections: MessageSection[] = report.sections.map((s) => ({
    title: s.title,
    parts: s.bullets ? [{ kind: 'bullets', items: s.lines.map((text) => ({ text })) }] : s.lines.map((text) => ({ kind: 'text' as const, text })),
  }));
  if (report.note) sections.unshift({ parts: [{ kind: 'text', text: report.note }] });
  return { heading: report.heading, sections, ...(footnote ? { footnote } : {}), visibility: 'private', lang: report.lang };
}

export interface ReportMeta {
  workspace: string;
  channel: string;
  incident: Readonly<IncidentData>;
}

/**
 * The report as Markdown in the content's dialect: a YAML front matter (JSON strings, valid YAML), a `#`
 * heading, `##` sections with paragraphs or bullets. User text is escaped so it stays text.
 */
export function reportMarkdown(report: IncidentReport, meta: ReportMeta): string {
  const { incident } = meta;
  const fm: [string, string | null][] = [
    ['incident', incident.id], ['title', incident.title], ['workspace', meta.workspace], ['channel', meta.channel],
    ['lang', incident.lang], ['started', incident.startedAt], ['resolved', incident.resolvedAt],
    ...(incident.drill ? [['drill', incident.drill.script] as [string, string]] : []),
  ];
  const out = ['---', ...fm.map(([k, v]) => `${k}: ${v === null ? 'null' : JSON.stringify(v)}`), '---', '', `# ${markdownText(report.heading)}`, ''];
  if (report.note) out.push(markdownText(report.note), '');
  for (const s of report.sections) {
    out.push(`## ${markdownText(s.title)}`, '');
    if (s.bullets) out.push(...(s.lines.length ? s.lines.map((l) => `- ${markdownText(l)}`) : ['—']));
    else for (const l of s.lines) out.push(markdownText(l), '');
    if (s.bullets) out.push('');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** Text that Markdown shows as written: its marks escaped, on one line, never a block at its start. */
export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replace(/([\\`*_[\]<>|])/g, '\\$1')
    .replace(/^([#=?!>+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}
