// Incidents as neutral messages (issue 11): the incident's first post and its one-line state, the
// owner's draft, the status updates in the incident's thread, the private tips, reminders, escalations
// and drill messages. User text stays plain text: every renderer escapes it for its surface.
import type { Lang } from '../../content/model.js';
import type { IncidentTexts } from '../../content/incident-content.js';
import { blocksToSection } from '../playbook-message.js';
import type { Drill, DrillEvent } from '../../content/model.js';
import type { IncidentData, IncidentEvent } from '../../store/schema.js';
import { COMMUNICATIONS, DEFAULT_SNOOZE_MIN, ESCALATE_AFTER_CADENCES, lastNewsAt } from '../../domain/incidents/incidents.js';
import { FAST_NOTICE_MIN, type Criterion } from '../../domain/incidents/drill-score.js';
import { fillTemplate, frame, linesToText } from '../../domain/incidents/template.js';
import type { Tip } from '../../domain/incidents/text-checks.js';
import type { Action, Message, MessageSection, Part } from '../message.js';
import { clockTime, duration, noticeCount, ti, type IncidentStringKey } from './incident-i18n.js';

/** Where and how times are shown: the channel's time zone. */
export interface Shown { channel: string; timeZone: string }

export const nameOf = (incident: Readonly<IncidentData>, id: string) => incident.names[id] ?? id;
const communications = (incident: Readonly<IncidentData>) => incident.timeline.filter((e) => COMMUNICATIONS.has(e.kind) && e.kind !== 'resolved').length;

/** Generated next-update times are rounded up to the next five minutes: "10 h 05", not "10 h 03". */
export function roundUp(at: Date): Date {
  const step = 5 * 60_000;
  const minute = Math.floor(at.getTime() / 60_000) * 60_000; // seconds do not push 9:30 to 9:35
  return new Date(Math.ceil(minute / step) * step);
}

/** Text as parts: lines starting with "- " become bullets, other lines paragraphs, blank lines dropped. */
export function textParts(text: string): Part[] {
  const parts: Part[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = line.match(/^[-•*]\s+(.*)$/);
    const last = parts.at(-1);
    if (bullet) {
      if (last?.kind === 'bullets') last.items.push({ text: bullet[1]! });
      else parts.push({ kind: 'bullets', items: [{ text: bullet[1]! }] });
    } else parts.push({ kind: 'text', text: line });
  }
  return parts;
}

/** "Start an incident": asks for the title (a modal in Slack, a text box in Teams), then `/incident start TITLE`. */
export function startIncidentAction(lang: Lang): Action {
  return { label: ti(lang, 'startButton'), value: '/incident start ', input: { hint: ti(lang, 'startHint'), placeholder: ti(lang, 'startPlaceholder') } };
}

/** A message with the "Start an incident" button added (the outage playbook, an outage offer). Cached: messages are shared. */
const withStart = new WeakMap<Message, Message>();
export function withStartIncident(message: Message, lang: Lang): Message {
  let out = withStart.get(message);
  if (!out) withStart.set(message, (out = { ...message, actions: [...(message.actions ?? []), startIncidentAction(lang)] }));
  return out;
}

/** The incident's one-line state, shown at the top of its first post. */
export function stateLine(incident: Readonly<IncidentData>, timeZone: string): string {
  const lang = incident.lang;
  const vars = { updates: noticeCount(lang, communications(incident)), owner: nameOf(incident, incident.owner) };
  if (incident.resolvedAt) {
    return ti(lang, 'stateResolved', { ...vars, end: clockTime(incident.resolvedAt, lang, timeZone), duration: duration(Date.parse(incident.resolvedAt) - Date.parse(incident.startedAt)) });
  }
  return ti(lang, 'stateOpen', { ...vars, start: clockTime(incident.startedAt, lang, timeZone), due: clockTime(incident.updateDueAt, lang, timeZone) });
}

/** The incident's first post (`post`), or the same post as it should look now (`state`). */
export function incidentPost(incident: Readonly<IncidentData>, shown: Shown, role: 'post' | 'state'): Message {
  const lang = incident.lang;
  return {
    heading: `${incident.resolvedAt ? '✅' : '🔴'} ${ti(lang, incident.drill ? 'drillPostHeading' : 'postHeading', { id: incident.id, title: incident.title })}`,
    sections: [{ parts: [{ kind: 'text', text: stateLine(incident, shown.timeZone) }, { kind: 'text', text: ti(lang, 'postIntro') }] }],
    footnote: incident.resolvedAt ? undefined : ti(lang, 'postFootnote'),
    visibility: 'public',
    lang,
    incident: { id: incident.id, channel: shown.channel, role },
  };
}

/** The first notice drafted from the playbook's template, with its next update time. */
export function draftText(texts: IncidentTexts, incident: Readonly<IncidentData>, next: Date, timeZone: string): string {
  const lang = incident.lang;
  return linesToText(fillTemplate(texts.template, 'first', {
    service: incident.title,
    times: [clockTime(incident.startedAt, lang, timeZone), clockTime(next, lang, timeZone)],
    name: nameOf(incident, incident.owner),
  }));
}

/** "Post it" and "Edit" for the first notice's draft. */
function draftActions(incident: Readonly<IncidentData>, lang: Lang): Action[] {
  return [
    { label: ti(lang, 'postIt'), value: `/incident post #${incident.id}`, primary: true },
    { label: ti(lang, 'edit'), value: `/incident update #${incident.id} `, input: { hint: ti(lang, 'draftFootnote'), placeholder: ti(lang, 'editPlaceholder'), initial: incident.draft } },
  ];
}

/** The owner's private draft, with "Post it" and "Edit". */
export function draftMessage(incident: Readonly<IncidentData>, lang: Lang): Message {
  return {
    heading: ti(lang, 'draftHeading', { id: incident.id }),
    sections: [
      { parts: [{ kind: 'text', text: ti(lang, 'draftIntro') }] },
      { parts: textParts(incident.draft) },
    ],
    actions: draftActions(incident, lang),
    footnote: ti(lang, 'draftFootnote'),
    visibility: 'private',
    lang,
  };
}

const HEADING: Record<string, IncidentStringKey> = { notice: 'noticeHeading', update: 'updateHeading', resolved: 'restoredHeading' };

/** A status communication as posted in the incident's thread. */
export function communicationPost(incident: Readonly<IncidentData>, event: Readonly<IncidentEvent>, shown: Shown): Message {
  const lang = incident.lang;
  return {
    heading: ti(lang, HEADING[event.kind] ?? 'updateHeading', { title: incident.title, time: clockTime(event.at, lang, shown.timeZone) }),
    sections: [{ parts: textParts(event.text ?? '') }],
    footnote: ti(lang, 'byline', { name: nameOf(incident, event.by), id: incident.id }),
    visibility: 'public',
    lang,
    incident: { id: incident.id, channel: shown.channel, role: 'thread' },
  };
}

/** The private confirmation of a posted update, with the coach's tips when something is missing. */
export function confirmation(tips: Tip[], due: Date, lang: Lang, timeZone: string, now: Date): Message {
  const dueText = clockTime(due, lang, timeZone);
  if (tips.length === 0) return { sections: [{ parts: [{ kind: 'text', text: ti(lang, 'posted', { due: dueText }) }] }], visibility: 'private', lang };
  const suggested = clockTime(roundUp(new Date(now.getTime() + 30 * 60_000)), lang, timeZone);
  const tip = (t: Tip): string => {
    switch (t.id) {
      case 'next-update': return ti(lang, 'tipNextUpdate', { suggested });
      case 'apology': return ti(lang, 'tipApology');
      case 'promise': return ti(lang, 'tipPromise', { found: t.found ?? '', suggested });
      case 'jargon': return ti(lang, 'tipJargon', { found: t.found ?? '' });
      case 'placeholder': return ti(lang, 'tipPlaceholder', { found: t.found ?? '' });
    }
  };
  return {
    sections: [{ parts: [{ kind: 'text', text: ti(lang, 'postedWithTips', { due: dueText }) }, { kind: 'bullets', items: tips.map((t) => ({ text: tip(t) })) }] }],
    visibility: 'private',
    lang,
  };
}

/** The "still working on it" update, ready to post: it keeps the promise of regular news. */
export function stillText(incident: Readonly<IncidentData>, now: Date, timeZone: string): string {
  const next = roundUp(new Date(now.getTime() + incident.cadenceMin * 60_000));
  return ti(incident.lang, 'stillText', { service: incident.title, next: clockTime(next, incident.lang, timeZone) });
}

/** The last text users read (the draft before the first notice): what "Post update" starts from. */
export function lastText(incident: Readonly<IncidentData>): string {
  return incident.timeline.filter((e) => e.kind === 'notice' || e.kind === 'update').at(-1)?.text ?? incident.draft;
}

/** The reminder in the incident's thread: how long users have waited, with the three ways out. */
export function reminderMessage(incident: Readonly<IncidentData>, shown: Shown, now: Date): Message {
  const lang = incident.lang;
  const owner = nameOf(incident, incident.owner);
  const last = lastNewsAt(incident);
  const first = !incident.timeline.some((e) => e.kind === 'notice');
  const text = first
    ? ti(lang, 'reminderFirst', { owner, since: duration(now.getTime() - Date.parse(incident.startedAt)) })
    : ti(lang, 'reminderText', { owner, since: duration(now.getTime() - Date.parse(last)), last: clockTime(last, lang, shown.timeZone), due: clockTime(incident.updateDueAt, lang, shown.timeZone) });
  const snoozeAction: Action = { label: ti(lang, 'snoozeButton', { n: DEFAULT_SNOOZE_MIN }), value: `/incident snooze #${incident.id} ${DEFAULT_SNOOZE_MIN}` };
  // Before the first notice, the draft is what to send ("still working on it" would be the first news).
  const actions: Action[] = first
    ? [...draftActions(incident, lang), snoozeAction]
    : [
        {
          label: ti(lang, 'postUpdate'), value: `/incident update #${incident.id} `, primary: true,
          input: { hint: ti(lang, 'reminderFootnote'), placeholder: ti(lang, 'updatePlaceholder'), initial: lastText(incident) },
        },
        { label: ti(lang, 'nothingNew'), value: `/incident still #${incident.id}` },
        snoozeAction,
      ];
  return {
    heading: `⏰ ${ti(lang, 'reminderHeading', { id: incident.id })}`,
    sections: [{ parts: [{ kind: 'text', text }] }],
    actions,
    footnote: ti(lang, first ? 'reminderFirstFootnote' : 'reminderFootnote'),
    visibility: 'public',
    lang,
    incident: { id: incident.id, channel: shown.channel, role: 'thread' },
    notify: [{ id: incident.owner, name: owner }],
  };
}

/** What the admins are told privately when updates are overdue (or, in a drill, what they would be told). */
export function escalationMessage(incident: Readonly<IncidentData>, channelName: string, now: Date, lang: Lang, timeZone: string): Message {
  const due = clockTime(incident.updateDueAt, lang, timeZone);
  const text = incident.drill
    ? ti(lang, 'escalationDrill', { due, late: duration(ESCALATE_AFTER_CADENCES * incident.cadenceMin * 60_000) })
    : ti(lang, 'escalationText', { channel: channelName, title: incident.title, owner: nameOf(incident, incident.owner), since: duration(now.getTime() - Date.parse(lastNewsAt(incident))), due });
  return { heading: `⚠️ ${ti(lang, 'escalationHeading', { id: incident.id })}`, sections: [{ parts: [{ kind: 'text', text }] }], visibility: 'private', lang };
}

/** The "service restored" notice: the template's subject, greeting and closing around the return. */
export function restoredText(texts: IncidentTexts, incident: Readonly<IncidentData>, now: Date, summary: string | undefined, timeZone: string): string {
  const lang = incident.lang;
  const filled = fillTemplate(texts.template, 'restored', { service: incident.title, times: [clockTime(now, lang, timeZone), clockTime(now, lang, timeZone)], name: nameOf(incident, incident.owner) });
  const { opening, closing } = frame(filled);
  const body = [{ bullet: false, text: ti(lang, 'restoredBody', { time: clockTime(now, lang, timeZone) }) }];
  if (summary) body.push({ bullet: false, text: ti(lang, 'restoredSummary', { summary }) });
  return linesToText([...opening, ...body, ...closing]);
}

/** The open incidents of a channel, with their state. */
export function listMessage(open: readonly IncidentData[], channelName: string, lang: Lang, timeZone: string): Message {
  return {
    heading: ti(lang, 'listHeading', { channel: channelName }),
    sections: [{
      parts: open.length
        ? [{ kind: 'bullets', items: open.map((i) => ({ text: ti(lang, 'listItem', { id: i.id, title: i.title, start: clockTime(i.startedAt, lang, timeZone), updates: noticeCount(lang, communications(i)), due: clockTime(i.updateDueAt, lang, timeZone), owner: nameOf(i, i.owner) }) })) }]
        : [{ kind: 'text', text: ti(lang, 'listEmpty') }],
    }],
    footnote: ti(lang, 'help'),
    visibility: 'private',
    lang,
  };
}

/** The drill's opening, posted in the incident's thread: the situation and how to play. */
export function drillIntroMessage(drill: Drill, incident: Readonly<IncidentData>, shown: Shown): Message {
  const lang = drill.lang;
  const sections: MessageSection[] = [];
  const intro = blocksToSection(drill.intro);
  if (intro) sections.push(intro);
  sections.push({ parts: [{ kind: 'text', text: ti(lang, 'drillHow') }] });
  return { heading: `🎯 ${ti(lang, 'drillHeading', { title: drill.title })}`, sections, visibility: 'public', lang, incident: { id: incident.id, channel: shown.channel, role: 'thread' } };
}

/** One scripted event of a drill, posted at its time in the incident's thread. */
export function drillEventMessage(event: DrillEvent, incident: Readonly<IncidentData>, shown: Shown): Message {
  const lang = incident.lang;
  return {
    heading: ti(lang, 'drillEventHeading', { minute: event.minute }),
    sections: [{ parts: [{ kind: 'text', text: event.text }] }],
    visibility: 'public',
    lang,
    incident: { id: incident.id, channel: shown.channel, role: 'thread' },
    notify: incident.drill ? [{ id: incident.drill.trainee, name: nameOf(incident, incident.drill.trainee) }] : undefined,
  };
}

const CRITERION_LABEL: Record<Criterion['id'], IncidentStringKey> = {
  'first-notice': 'critFirstNotice', 'on-time': 'critOnTime', apology: 'critApology', 'next-update': 'critNextUpdate',
  'no-promise': 'critNoPromise', 'no-jargon': 'critNoJargon', report: 'critReport',
};

/** Why a criterion got its points, in a sentence drawn from the playbook's lesson. */
export function explain(c: Criterion, lang: Lang, missingReport: string): string {
  const f = c.facts;
  if (c.id !== 'first-notice' && c.id !== 'report' && !f.total) return ti(lang, 'whyNothing');
  switch (c.id) {
    case 'first-notice':
      if (f.minutes! < 0) return ti(lang, 'whyFirstNone');
      return ti(lang, c.points === 2 ? 'whyFirstFast' : c.points === 1 ? 'whyFirstSlow' : 'whyFirstLate', { minutes: f.minutes!, fast: FAST_NOTICE_MIN });
    case 'on-time': return ti(lang, c.points === 2 ? 'whyOnTimeAll' : f.onTime ? 'whyOnTimeSome' : 'whyOnTimeNone', { onTime: f.onTime!, total: f.total! });
    case 'apology': return ti(lang, c.points ? 'whyApologyYes' : 'whyApologyNo');
    case 'next-update': return c.points ? ti(lang, 'whyNextYes') : ti(lang, f.missing === 1 ? 'whyNextNoOne' : 'whyNextNo', { missing: f.missing!, total: f.total! });
    case 'no-promise': return ti(lang, c.points ? 'whyPromiseYes' : 'whyPromiseNo');
    case 'no-jargon': return ti(lang, c.points ? 'whyJargonYes' : 'whyJargonNo');
    case 'report': return c.points === 2 ? ti(lang, 'whyReport3') : ti(lang, 'whyReportSome', { missing: missingReport });
  }
}

/** The drill's result: each criterion with its points and why, and the points added to the leaderboard. */
export function scoreMessage(incident: Readonly<IncidentData>, criteria: Criterion[], points: number, max: number, lang: Lang, missingReport: string): Message {
  const footnote = points === 0 ? ti(lang, 'scorePointsNone', { script: incident.drill?.script ?? '' }) : points === 1 ? ti(lang, 'scorePointsOne') : ti(lang, 'scorePointsMany', { points });
  return {
    heading: `🎯 ${ti(lang, 'scoreHeading', { points, max })}`,
    sections: [{ parts: [{ kind: 'bullets', items: criteria.map((c) => ({ text: ti(lang, 'crit', { label: ti(lang, CRITERION_LABEL[c.id]), points: c.points, max: c.max, why: explain(c, lang, missingReport) }) })) }] }],
    footnote,
    visibility: 'private',
    lang,
  };
}
