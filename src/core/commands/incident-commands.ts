// `/incident …` (issue 11): opening an incident, its first notice drafted from the outage playbook, status
// updates with the coach's tips, reminders and escalations (through `due`, called by the scheduler's
// incident tick), hand-over, resolution with the report, and drills. Turns requests into domain calls on
// the store port (WorkspacePort's incident operations) and domain results into neutral messages.
//
// Which incident a command acts on: the one named `#ID` (anywhere in the workspace, so the buttons of a
// private message work from a Teams 1:1 chat), else the latest open one of the channel, else the only open
// incident the person owns in the workspace.
import { INCIDENT_PLAYBOOK, incidentTexts, type IncidentTexts } from '../../content/incident-content.js';
import type { Drill, Lang, Library, Localized } from '../../content/model.js';
import { drillScore, scoreDrill } from '../../domain/incidents/drill-score.js';
import {
  COACH, ESCALATE_AFTER_CADENCES, MAX_CADENCE_MIN, MAX_SNOOZE_MIN, MAX_TEXT_CHARS, MAX_TIMELINE_EVENTS, MAX_TITLE_CHARS, MIN_CADENCE_MIN,
  DEFAULT_SNOOZE_MIN, addEvent, changeCadence, changeOwner, dueNow, hasFirstNotice, isOpen,
  newIncident, noteName, recordCommunication, recordEscalation, recordReminder, resolveIncident, snooze,
} from '../../domain/incidents/incidents.js';
import { announcedNextUpdate, reviewUpdate } from '../../domain/incidents/text-checks.js';
import { dayInZone, type Clock } from '../../domain/time.js';
import type { ChannelData, IncidentData, IncidentEventKind } from '../../store/schema.js';
import type { StorePort, WorkspacePort } from '../../store/port.js';
import { fold } from '../../text/fold.js';
import { text, type Message } from '../message.js';
import { namesByMention, type Request } from '../request.js';
import { clockTime, duration, ti } from '../incidents/incident-i18n.js';
import {
  communicationPost, confirmation, draftMessage, draftText, drillEventMessage, drillIntroMessage, escalationMessage, incidentPost,
  lastText, listMessage, nameOf, reminderMessage, restoredText, roundUp, scoreMessage, stillText, type Shown,
} from '../incidents/incident-messages.js';
import { buildReport, reportMessage } from '../incidents/incident-report.js';

export interface IncidentCommandDeps {
  library: Library;
  /** The store port: every read and change of incidents goes through it. */
  port: StorePort;
  clock: Clock;
  isAdmin: (workspace: string, user: string) => boolean;
  /** The time zone a channel's incidents are shown in (its schedule's, else the configured one). */
  timeZone: (channel: Pick<ChannelData, 'schedule'> | undefined | null) => string;
}

/** What the scheduler's incident tick has to deliver: public posts, or a private message `to` someone. */
export interface IncidentDelivery {
  channel: string;
  platform: string;
  message: Message;
  to?: string;
}

type Sub = 'start' | 'post' | 'update' | 'still' | 'note' | 'owner' | 'every' | 'snooze' | 'resolve' | 'report' | 'drill' | 'impact' | 'cause' | 'prevent' | 'list' | 'help';

const SUBS: Record<string, Sub> = {
  start: 'start', open: 'start', ouvrir: 'start', demarrer: 'start', new: 'start', nouveau: 'start',
  post: 'post', publier: 'post', publish: 'post',
  update: 'update', maj: 'update', suivi: 'update',
  still: 'still', toujours: 'still', encore: 'still',
  note: 'note',
  owner: 'owner', responsable: 'owner',
  every: 'every', cadence: 'every', chaque: 'every', frequence: 'every',
  snooze: 'snooze', reporter: 'snooze',
  resolve: 'resolve', resoudre: 'resolve', resolu: 'resolve', retabli: 'resolve', close: 'resolve', fin: 'resolve',
  report: 'report', rapport: 'report',
  drill: 'drill', exercice: 'drill',
  impact: 'impact', cause: 'cause', prevent: 'prevent', prevention: 'prevent', prevenir: 'prevent',
  list: 'list', liste: 'list', '': 'list',
  help: 'help', aide: 'help',
};

const ANSWER_KIND: Record<'impact' | 'cause' | 'prevent', Extract<IncidentEventKind, 'impact' | 'cause' | 'prevention'>> = { impact: 'impact', cause: 'cause', prevent: 'prevention' };
const ANSWER_WORD = { impact: 'answerImpact', cause: 'answerCause', prevention: 'answerPrevention' } as const;

/** A posted first notice announcing its next update sooner than this is refreshed (the draft got old). */
const DRAFT_FRESH_MS = 5 * 60_000;

type Found = { channel: string; incident: IncidentData };

export class IncidentCommands {
  private readonly texts: Record<Lang, IncidentTexts>;

  /** Null when the content has no outage playbook with a status template and a report outline. */
  static create(deps: IncidentCommandDeps): IncidentCommands | null {
    const playbook = deps.library.playbooks.find((p) => p.id === INCIDENT_PLAYBOOK);
    const fr = playbook && incidentTexts(playbook.fr);
    const en = playbook && incidentTexts(playbook.en);
    return fr && en ? new IncidentCommands(deps, { fr, en }) : null;
  }

  private constructor(private readonly deps: IncidentCommandDeps, texts: Record<Lang, IncidentTexts>) {
    this.texts = texts;
  }

  /** `/incident ARGS`. `args` keeps its line breaks (an update's paragraphs and bullets). */
  async handle(req: Request, args: string, lang: Lang): Promise<Message[]> {
    const trimmed = args.trim();
    const word = trimmed.split(/\s+/)[0] ?? '';
    const sub = SUBS[fold(word)];
    if (!sub) return [text(ti(lang, 'unknownSub', { sub: word.slice(0, 40), help: ti(lang, 'help') }))];
    let rest = trimmed.slice(word.length).trim();
    const id = rest.match(/^#(\d{1,9})(?=\s|$)/)?.[1] ?? (sub === 'report' ? rest.match(/^(\d{1,9})(?=\s|$)/)?.[1] : undefined);
    if (id) rest = rest.slice(rest.indexOf(id) + id.length).trim();
    switch (sub) {
      case 'start': return this.start(req, rest, lang);
      case 'drill': return this.drill(req, rest, lang);
      case 'list': return this.list(req, lang);
      case 'help': return [text(ti(lang, 'help'))];
      default: break;
    }
    // Report answers come after the resolution too; resolving a resolved incident says when it was.
    const found = await this.find(req, id, sub === 'report' || sub === 'impact' || sub === 'cause' || sub === 'prevent' || sub === 'resolve', sub === 'report');
    if (!found) return [text(id ? ti(lang, 'noSuch', { id: `#${id}` }) : ti(lang, sub === 'report' ? 'noIncident' : 'noOpen'))];
    switch (sub) {
      case 'post': return this.post(req, found, lang);
      case 'update': return this.update(req, found, rest, lang);
      case 'still': return hasFirstNotice(found.incident) ? this.update(req, found, stillText(found.incident, this.now(), (await this.tz(req.workspace, found.channel))), lang) : this.post(req, found, lang);
      case 'note': return this.note(req, found, rest, lang);
      case 'impact': case 'cause': case 'prevent': return this.answer(req, found, sub, rest, lang);
      case 'owner': return this.owner(req, found, rest, lang);
      case 'every': return this.every(req, found, rest, lang);
      case 'snooze': return this.snooze(req, found, rest, lang);
      case 'resolve': return this.resolve(req, found, rest, lang);
      case 'report': return [await this.report(req.workspace, found)];
    }
  }

  /** The platform ids kept for an incident's first post. */
  async postRef(workspace: string, channel: string, id: string): Promise<unknown> {
    const found = await this.ws(workspace).incident(id);
    return found?.channel === channel ? found.incident.postRef : undefined;
  }

  /** Keeps the platform ids of an incident's first post (to update its state line, thread its updates). */
  async recordPost(workspace: string, channel: string, id: string, postRef: unknown): Promise<void> {
    const found = await this.ws(workspace).incident(id);
    if (found?.channel === channel) await this.ws(workspace).updateIncident(id, (incident) => { incident.postRef = postRef; });
  }

  /** The text an "Edit" or "Post update" box starts from: the draft before the first notice, else the last update. */
  async editText(workspace: string, id: string): Promise<string | null> {
    const found = await this.ws(workspace).incident(id);
    return found ? lastText(found.incident) : null;
  }

  /**
   * When the next reminder, escalation or drill event of a workspace's open incidents on `platforms` falls
   * due, strictly after `after` (what is due at or before it is for `due`); null when nothing is waiting.
   */
  nextDue(open: readonly IncidentData[], after: Date, platforms: ReadonlySet<string>): Date | null {
    const t = after.getTime();
    let earliest = Infinity;
    for (const incident of open) {
      if (!isOpen(incident) || !platforms.has(incident.platform ?? 'terminal')) continue;
      const times = [incident.remindAt, incident.escalateAt].filter((x): x is string => x !== null).map(Date.parse);
      const script = this.script(incident);
      if (script && incident.drill) {
        const start = Date.parse(incident.startedAt);
        times.push(...script.events.slice(incident.drill.nextEvent).map((e) => start + e.minute * 60_000));
      }
      for (const time of times) if (time > t && time < earliest) earliest = time;
    }
    return Number.isFinite(earliest) ? new Date(earliest) : null;
  }

  /** Reminders, escalations and drill events due now in a workspace's incidents on `platforms`, recorded before they are returned. */
  async due(workspace: string, now: Date, admins: readonly string[], platforms: ReadonlySet<string>): Promise<IncidentDelivery[]> {
    const store = this.ws(workspace);
    const pending = (await store.incidents({ open: true })).filter(({ incident }) => {
      if (!platforms.has(incident.platform ?? 'terminal')) return false;
      const due = dueNow(incident, now);
      return due.reminder || due.escalation || this.drillEventsDue(incident, now) > 0;
    }).map(({ channel, incident }) => ({ channel, id: incident.id }));
    const out: IncidentDelivery[] = [];
    for (const { channel, id } of pending) {
      const changed = await store.updateIncident(id, (incident) => {
        if (!isOpen(incident)) return null;
        const events = this.drillEvents(incident, now);
        const due = dueNow(incident, now);
        if (due.reminder) recordReminder(incident, now);
        const told = due.escalation ? (incident.drill ? [incident.drill.trainee] : [...admins]) : [];
        // With nobody to tell (no admins configured), the silence is not recorded as reported to anyone.
        if (due.escalation && told.length) recordEscalation(incident, now, told);
        else if (due.escalation) incident.escalateAt = null;
        return { events, reminder: due.reminder, told };
      });
      if (!changed?.result) continue;
      const result = changed.result;
      const incident = changed.incident;
      const [members, view] = await Promise.all([store.members(result.told), store.channel(channel)]);
      const told = result.told.map((who) => ({ id: who, lang: Object.hasOwn(members, who) ? members[who]!.lang : undefined }));
      const channelName = view?.name;
      const platform = incident.platform ?? 'terminal';
      const shown = { channel, timeZone: this.deps.timeZone(view) };
      for (const event of result.events) out.push({ channel, platform, message: drillEventMessage(event, incident, shown) });
      if (result.reminder) out.push({ channel, platform, message: reminderMessage(incident, shown, now) });
      const where = channelName ? `#${channelName}` : channel;
      for (const person of told) {
        out.push({ channel, platform, to: person.id, message: escalationMessage(incident, where, now, person.lang ?? incident.lang, shown.timeZone) });
      }
    }
    return out;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private ws(workspace: string): WorkspacePort {
    return this.deps.port.workspace(workspace);
  }

  private async tz(workspace: string, channel: string): Promise<string> {
    return this.deps.timeZone(await this.ws(workspace).channel(channel));
  }

  private async shown(workspace: string, channel: string): Promise<Shown> {
    return { channel, timeZone: await this.tz(workspace, channel) };
  }

  /**
   * The incident a command means (see the module comment). `resolvedToo`: a resolved one will do when
   * none is open; `latest`: the channel's latest, open or not (a report).
   */
  private async find(req: Request, id: string | undefined, resolvedToo: boolean, latest = false): Promise<Found | null> {
    const store = this.ws(req.workspace);
    if (id) return store.incident(id);
    const all = (await store.incidents({ channel: req.channel })).map((x) => x.incident);
    const here = latest ? all.at(-1) : all.filter(isOpen).at(-1) ?? (resolvedToo ? all.at(-1) : undefined);
    if (here) return { channel: req.channel, incident: here };
    const mine = (await store.incidents()).filter((x) => x.incident.owner === req.user && (resolvedToo || isOpen(x.incident)));
    return mine.length === 1 ? mine[0]! : null;
  }

  private canManage(req: Request, incident: Readonly<IncidentData>): boolean {
    return incident.owner === req.user || this.deps.isAdmin(req.workspace, req.user);
  }

  private notOwner(incident: Readonly<IncidentData>, lang: Lang): Message[] {
    return [text(ti(lang, 'notOwner', { id: incident.id, owner: nameOf(incident, incident.owner) }))];
  }

  /** Records where the channel lives (surface, name, post target) for the reminders posted later. */
  private async adopt(req: Request): Promise<void> {
    await this.ws(req.workspace).updateChannel(req.channel, (channel) => {
      if (req.platform) channel.platform = req.platform;
      if (req.channelName) channel.name = req.channelName.slice(0, 100);
      if (req.postTarget !== undefined) channel.postTarget = req.postTarget;
    });
  }

  private async start(req: Request, rest: string, lang: Lang): Promise<Message[]> {
    const title = rest.replace(/\s+/g, ' ').trim();
    if (!title) return [text(ti(lang, 'startUsage'))];
    if (title.length > MAX_TITLE_CHARS) return [text(ti(lang, 'tooLong', { length: title.length, max: MAX_TITLE_CHARS }))];
    const now = this.now();
    const tz = await this.tz(req.workspace, req.channel);
    await this.adopt(req);
    const opened = await this.ws(req.workspace).createIncident<never>(req.channel, (id) => ({
      incident: newIncident(id, {
        title, lang, now, by: req.user, byName: req.userName, ...(req.platform ? { platform: req.platform } : {}),
        draft: (i) => draftText(this.texts[lang], i, roundUp(new Date(Date.parse(i.updateDueAt))), tz),
      }),
    }));
    if (!('incident' in opened)) return [];
    const incident = opened.incident;
    const shown = { channel: req.channel, timeZone: tz };
    return [incidentPost(incident, shown, 'post'), draftMessage(incident, lang)];
  }

  private async post(req: Request, found: Found, lang: Lang): Promise<Message[]> {
    const { incident } = found;
    if (!isOpen(incident)) return [text(ti(lang, 'resolvedNoMore', { id: incident.id }))];
    if (hasFirstNotice(incident)) return [text(ti(lang, 'draftGone', { id: incident.id }))];
    if (!this.canManage(req, incident)) return this.notOwner(incident, lang);
    const now = this.now();
    const tz = await this.tz(req.workspace, found.channel);
    const announced = announcedNextUpdate(incident.draft, now, tz);
    const fresh = announced && announced.getTime() - now.getTime() >= DRAFT_FRESH_MS;
    const draft = fresh ? incident.draft : draftText(this.texts[incident.lang], incident, roundUp(new Date(now.getTime() + incident.cadenceMin * 60_000)), tz);
    return this.update(req, found, draft, lang);
  }

  private async update(req: Request, found: Found, body: string, lang: Lang): Promise<Message[]> {
    const { incident } = found;
    if (!isOpen(incident)) return [text(ti(lang, 'resolvedNoMore', { id: incident.id }))];
    const clean = body.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    if (!clean) return [text(ti(lang, 'updateUsage', { target: `#${incident.id} ` }))];
    if (clean.length > MAX_TEXT_CHARS) return [text(ti(lang, 'tooLong', { length: clean.length, max: MAX_TEXT_CHARS }))];
    const now = this.now();
    const tz = await this.tz(req.workspace, found.channel);
    const review = reviewUpdate(clean, { first: !hasFirstNotice(incident), now, timeZone: tz });
    const changed = await this.ws(req.workspace).updateIncident(incident.id, (live) => {
      if (!isOpen(live)) return null;
      noteName(live, req.user, req.userName);
      return structuredClone(recordCommunication(live, { by: req.user, text: clean, now, announced: review.nextUpdateAt, tips: review.tips.map((t) => t.id) }));
    });
    const result = changed?.result ? { incident: changed.incident, event: changed.result } : null;
    if (!result) return [text(ti(lang, 'resolvedNoMore', { id: incident.id }))];
    const shown = { channel: found.channel, timeZone: tz };
    return [
      communicationPost(result.incident, result.event, shown),
      incidentPost(result.incident, shown, 'state'),
      confirmation(review.tips, new Date(result.incident.updateDueAt), lang, tz, now),
    ];
  }

  private async note(req: Request, found: Found, body: string, lang: Lang): Promise<Message[]> {
    const clean = body.trim();
    if (!clean) return [text(ti(lang, 'noteUsage'))];
    if (clean.length > MAX_TEXT_CHARS) return [text(ti(lang, 'tooLong', { length: clean.length, max: MAX_TEXT_CHARS }))];
    const full = await this.record(req, found, 'note', clean);
    return [text(ti(lang, full ? 'timelineFull' : 'noted', { id: found.incident.id, max: MAX_TIMELINE_EVENTS }))];
  }

  private async answer(req: Request, found: Found, sub: 'impact' | 'cause' | 'prevent', body: string, lang: Lang): Promise<Message[]> {
    const clean = body.trim();
    if (!clean) return [text(ti(lang, 'answerUsage', { sub }))];
    if (clean.length > MAX_TEXT_CHARS) return [text(ti(lang, 'tooLong', { length: clean.length, max: MAX_TEXT_CHARS }))];
    const kind = ANSWER_KIND[sub];
    await this.record(req, found, kind, clean);
    return [text(ti(lang, 'answerNoted', { id: found.incident.id, what: ti(lang, ANSWER_WORD[kind]) }))];
  }

  /** Adds an event to the timeline; true when the timeline was full and nothing was added. */
  private async record(req: Request, found: Found, kind: IncidentEventKind, body: string): Promise<boolean> {
    const now = this.now();
    const changed = await this.ws(req.workspace).updateIncident(found.incident.id, (live) => {
      noteName(live, req.user, req.userName);
      return addEvent(live, kind, req.user, now, body) === 'full';
    });
    return changed?.result ?? false;
  }

  private async owner(req: Request, found: Found, arg: string, lang: Lang): Promise<Message[]> {
    const target = mentioned(req, arg.split(/\s+/)[0] ?? '');
    if (!target) return [text(ti(lang, 'ownerUsage'))];
    if (!this.canManage(req, found.incident) && target.id !== req.user) return this.notOwner(found.incident, lang);
    const now = this.now();
    const incident = await this.change(req, found, (live) => {
      noteName(live, req.user, req.userName);
      noteName(live, target.id, target.name);
      changeOwner(live, target.id, req.user, now);
    });
    if (!incident) return [text(ti(lang, 'resolvedNoMore', { id: found.incident.id }))];
    const shown = await this.shown(req.workspace, found.channel);
    return [incidentPost(incident, shown, 'state'), text(ti(lang, 'ownerSet', { name: nameOf(incident, target.id), id: incident.id }))];
  }

  private async every(req: Request, found: Found, arg: string, lang: Lang): Promise<Message[]> {
    const minutes = Number(arg.trim());
    if (!/^\d{1,3}$/.test(arg.trim()) || minutes < MIN_CADENCE_MIN || minutes > MAX_CADENCE_MIN) {
      return [text(ti(lang, 'everyUsage', { min: MIN_CADENCE_MIN, max: MAX_CADENCE_MIN }))];
    }
    if (!this.canManage(req, found.incident)) return this.notOwner(found.incident, lang);
    const now = this.now();
    const incident = await this.change(req, found, (live) => changeCadence(live, minutes, req.user, now));
    if (!incident) return [text(ti(lang, 'resolvedNoMore', { id: found.incident.id }))];
    const shown = await this.shown(req.workspace, found.channel);
    return [incidentPost(incident, shown, 'state'), text(ti(lang, 'everySet', { id: incident.id, n: minutes, due: clockTime(incident.updateDueAt, lang, shown.timeZone) }))];
  }

  private async snooze(req: Request, found: Found, arg: string, lang: Lang): Promise<Message[]> {
    const raw = arg.trim() || String(DEFAULT_SNOOZE_MIN);
    const minutes = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || minutes < 1 || minutes > MAX_SNOOZE_MIN) return [text(ti(lang, 'snoozeUsage', { max: MAX_SNOOZE_MIN }))];
    if (!this.canManage(req, found.incident)) return this.notOwner(found.incident, lang);
    const now = this.now();
    let until = now;
    const incident = await this.change(req, found, (live) => { until = snooze(live, minutes, req.user, now); });
    if (!incident) return [text(ti(lang, 'resolvedNoMore', { id: found.incident.id }))];
    const tz = await this.tz(req.workspace, found.channel);
    return [text(ti(lang, 'snoozed', { time: clockTime(until, lang, tz), late: duration(ESCALATE_AFTER_CADENCES * incident.cadenceMin * 60_000) }))];
  }

  /** Applies a change to an open incident; its state after, or null when it is no longer open. */
  private async change(req: Request, found: Found, apply: (live: IncidentData) => void): Promise<IncidentData | null> {
    const changed = await this.ws(req.workspace).updateIncident(found.incident.id, (live) => {
      if (!isOpen(live)) return false;
      apply(live);
      return true;
    });
    return changed?.result ? changed.incident : null;
  }

  private async resolve(req: Request, found: Found, summary: string, lang: Lang): Promise<Message[]> {
    const { incident } = found;
    const tz = await this.tz(req.workspace, found.channel);
    if (!isOpen(incident)) return [text(ti(lang, 'alreadyResolved', { id: incident.id, time: clockTime(incident.resolvedAt!, lang, tz) }))];
    if (!this.canManage(req, incident)) return this.notOwner(incident, lang);
    const clean = summary.replace(/\s+/g, ' ').trim();
    if (clean.length > MAX_TEXT_CHARS) return [text(ti(lang, 'tooLong', { length: clean.length, max: MAX_TEXT_CHARS }))];
    const now = this.now();
    const changed = await this.ws(req.workspace).updateIncident(incident.id, (live, step) => {
      if (!isOpen(live)) return null;
      noteName(live, req.user, req.userName);
      const notice = restoredText(this.texts[live.lang], live, now, clean || undefined, tz);
      const event = resolveIncident(live, req.user, now, notice, clean || undefined);
      // The drill's points are recorded with its resolution, in the same atomic step.
      const score = drillScore(live, now, dayInZone(now, tz));
      if (score) step.addScore(score);
      return structuredClone(event);
    });
    const result = changed?.result ? { incident: changed.incident, event: changed.result } : null;
    if (!result) return [text(ti(lang, 'alreadyResolved', { id: incident.id, time: clockTime(now, lang, tz) }))];
    const shown = { channel: found.channel, timeZone: tz };
    const report = buildReport(result.incident, this.texts[result.incident.lang], tz, now);
    const intro = [ti(lang, 'resolved', { id: incident.id }), ...(report.missing.length ? [ti(lang, 'resolvedMissing', { missing: report.missing.join(', ') })] : [])].join(' ');
    const out: Message[] = [
      communicationPost(result.incident, result.event, shown),
      incidentPost(result.incident, shown, 'state'),
      text(intro),
      reportMessage(report),
    ];
    const drill = result.incident.drill;
    if (drill?.score) {
      const { criteria } = scoreDrill(result.incident, now);
      out.push(scoreMessage(result.incident, criteria, drill.score.points, drill.score.max, lang, report.missing.join(', ')));
    }
    return out;
  }

  /** The report of an incident, as it stands now, in the incident's language. */
  async report(workspace: string, found: Found): Promise<Message> {
    const tz = await this.tz(workspace, found.channel);
    return reportMessage(buildReport(found.incident, this.texts[found.incident.lang], tz, this.now()));
  }

  private async list(req: Request, lang: Lang): Promise<Message[]> {
    const store = this.ws(req.workspace);
    const open = (await store.incidents({ channel: req.channel, open: true })).map((x) => x.incident);
    const view = await store.channel(req.channel);
    const name = view?.name ?? req.channelName ?? req.channel;
    return [listMessage(open, name, lang, this.deps.timeZone(view))];
  }

  private async drill(req: Request, rest: string, lang: Lang): Promise<Message[]> {
    const drills = this.deps.library.drills;
    if (drills.length === 0) return [text(ti(lang, 'drillNone'))];
    const wanted = rest.split(/\s+/)[0]?.toLowerCase() ?? '';
    const here = (await this.ws(req.workspace).incidents({ channel: req.channel })).map((x) => x.incident);
    const running = here.find((i) => i.drill && isOpen(i));
    if (running) return [text(ti(lang, 'drillRunning', { id: running.id }))];
    let pair: Localized<Drill> | undefined;
    if (wanted) {
      pair = drills.find((d) => d.id === wanted);
      if (!pair) return [text(ti(lang, 'drillUnknown', { id: wanted.slice(0, 40), list: drills.map((d) => d.id).join(', ') }))];
    } else {
      // The next script this channel has not practised yet (the least practised one once all were).
      const done = here.map((i) => i.drill?.script).filter(Boolean);
      pair = [...drills].sort((a, b) => done.filter((s) => s === a.id).length - done.filter((s) => s === b.id).length)[0]!;
    }
    const script = pair[lang];
    const now = this.now();
    const tz = await this.tz(req.workspace, req.channel);
    await this.adopt(req);
    let events: ReturnType<IncidentCommands['drillEvents']> = [];
    const opened = await this.ws(req.workspace).createIncident<never>(req.channel, (id) => {
      const incident = newIncident(id, {
        title: script.service, lang, now, by: req.user, byName: req.userName, ...(req.platform ? { platform: req.platform } : {}),
        drill: { script: pair!.id, trainee: req.user, nextEvent: 0 },
        draft: (i) => draftText(this.texts[lang], i, roundUp(new Date(Date.parse(i.updateDueAt))), tz),
      });
      events = this.drillEvents(incident, now);
      return { incident };
    });
    if (!('incident' in opened)) return [];
    const started = { incident: opened.incident, events };
    const shown = { channel: req.channel, timeZone: tz };
    return [
      incidentPost(started.incident, shown, 'post'),
      drillIntroMessage(script, started.incident, shown),
      ...started.events.map((e) => drillEventMessage(e, started.incident, shown)),
      draftMessage(started.incident, lang),
    ];
  }

  private script(incident: Readonly<IncidentData>): Drill | undefined {
    return incident.drill ? this.deps.library.drills.find((d) => d.id === incident.drill!.script)?.[incident.lang] : undefined;
  }

  /** How many of a drill's scripted events are due now. */
  private drillEventsDue(incident: Readonly<IncidentData>, now: Date): number {
    const script = this.script(incident);
    if (!script || !incident.drill || !isOpen(incident)) return 0;
    const elapsed = (now.getTime() - Date.parse(incident.startedAt)) / 60_000;
    return script.events.slice(incident.drill.nextEvent).filter((e) => e.minute <= elapsed).length;
  }

  /** Takes the drill events due now: recorded in the timeline, the drill moved past them. */
  private drillEvents(incident: IncidentData, now: Date) {
    const script = this.script(incident);
    const count = this.drillEventsDue(incident, now);
    if (!script || !incident.drill || count === 0) return [];
    const events = script.events.slice(incident.drill.nextEvent, incident.drill.nextEvent + count);
    incident.drill.nextEvent += count;
    for (const e of events) addEvent(incident, 'drill-event', COACH, now, e.text);
    return events;
  }
}

/** The person a command names: `@ID` as the surface wrote it (with its name in `request.mentions`), or a bare name in the terminal. */
function mentioned(req: Request, raw: string): { id: string; name?: string } | null {
  const id = raw.replace(/^@/, '');
  if (!/^[\p{L}\p{N}._:-]{1,200}$/u.test(id)) return null;
  const mention = req.mentions?.find((m) => m.id === id);
  if (mention) return mention;
  // In Slack and Teams a real member is a mention; a bare word there names nobody the coach can remind.
  return namesByMention(req) ? null : { id, name: id };
}
