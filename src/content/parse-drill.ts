// One drill file (content/drills/<id>.<lang>.md) → a Drill: its situation, then its timed events, written
// in the course's dialect as a content tab whose bullets start with their minute:
//
//   === "Déroulement"            (or "Timeline")
//       - 0 min : Cinq utilisateurs signalent que le lecteur S: est inaccessible.
//       - 15 min : Le fournisseur confirme un disque en panne, sans estimation.
import { foldKey } from '../text/fold.js';
import type { FieldReader } from './fields.js';
import type { FrontMatter } from './front-matter.js';
import { type Block, type Tab } from './markdown.js';
import { readBody, tabList } from './body.js';
import { closest } from './did-you-mean.js';
import type { Drill, DrillEvent, Lang } from './model.js';
import type { ProblemList } from './problems.js';

/** Titles of the tab holding the events, folded, in either language. */
const EVENT_TAB_TITLES = new Set(['deroulement', 'chronologie', 'evenements', 'timeline', 'events', 'script']);
const EVENT = /^(\d{1,3})\s*min\s*:\s*(.*)$/i;
/** A drill is practice, not a day's work: its last event comes within this many minutes. */
export const MAX_DRILL_MINUTES = 240;
/** Fewer events than this is no outage to manage (a report, an update, the return). */
export const MIN_DRILL_EVENTS = 3;

export function parseDrill(file: string, fm: FrontMatter, fields: FieldReader, id: string, lang: Lang, problems: ProblemList): Drill | null {
  const title = fields.string('title', 'the drill’s title, shown when it starts.');
  const service = fields.string('service', 'what is down, as users name it (“Lecteur réseau S:”): the practice incident’s title.');
  const blocks = readBody(file, fm, problems);
  const tabs = blocks.filter((b): b is Tab => b.type === 'tab');
  const eventsTab = tabs.find((t) => EVENT_TAB_TITLES.has(foldKey(t.title)));
  const intro = blocks.filter((b) => b.type !== 'tab' && b.type !== 'heading');
  if (intro.length === 0) {
    problems.error(file, fm.bodyLine, 'no situation: before the events tab, describe in a paragraph what is happening and who the trainee is.');
  }
  for (const tab of tabs) {
    if (tab === eventsTab) continue;
    const guess = closest(tab.title, ['Déroulement', 'Timeline']);
    const message = `unknown tab "${tab.title}": the tab was ignored. A drill has one events tab ("Déroulement" / "Timeline").`;
    if (guess && !eventsTab) problems.error(file, tab.line, `${message} Did you mean "${guess}"?`);
    else problems.warning(file, tab.line, message);
  }
  if (!eventsTab) {
    problems.error(file, fm.bodyLine, 'no events: add a `=== "Déroulement"` tab (`=== "Timeline"` in English) whose bullets are `- 0 min : what happens`, indented by 4 spaces.');
    return null;
  }
  const events = readEvents(file, eventsTab, problems);
  return { id, lang, title, service, intro: intro as Block[], events, source: { file, line: 1 } };
}

function readEvents(file: string, tab: Tab, problems: ProblemList): DrillEvent[] {
  const list = tabList(file, tab, 'events', 'write each event as `- 12 min : what happens`, indented by 4 spaces.', problems);
  if (!list) return [];
  const events: DrillEvent[] = [];
  for (const item of list.items) {
    const m = item.text.match(EVENT);
    if (!m) {
      problems.error(file, item.line, `this event does not start with its time: write \`- 12 min : ${item.text.slice(0, 40)}\` (minutes after the start).`);
      continue;
    }
    const minute = Number(m[1]);
    const text = m[2]!.trim();
    if (!text) problems.error(file, item.line, `the event at ${minute} min says nothing: write what happens after the colon.`);
    const previous = events.at(-1);
    if (previous && minute <= previous.minute) {
      problems.error(file, item.line, `the event at ${minute} min comes after one at ${previous.minute} min: list events in time order, each at a later minute.`);
    }
    if (minute > MAX_DRILL_MINUTES) problems.error(file, item.line, `${minute} min is too long for a drill: keep every event within ${MAX_DRILL_MINUTES} minutes.`);
    events.push({ minute, text, source: { file, line: item.line } });
  }
  if (events.length > 0 && events[0]!.minute !== 0) {
    problems.error(file, events[0]!.source.line, 'the first event must be at 0 min: it is what the trainee sees when the drill starts.');
  }
  if (events.length < MIN_DRILL_EVENTS) {
    problems.error(file, tab.line, `a drill needs at least ${MIN_DRILL_EVENTS} events (the first reports, what happens, the return of the service); this one has ${events.length}.`);
  }
  return events;
}
