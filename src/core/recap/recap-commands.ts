// `/coach recap [on|off|CRON]` and the scheduled weekly recap (issue 14). The store is reached only through
// the small async functions at the top of this file, so a change of the store port follows them here.
import type { Lang, Library } from '../../content/model.js';
import type { Challenges } from '../../domain/challenges.js';
import { recapFigures, type RecapFigures, type RecapInput } from '../../domain/recap/recap-figures.js';
import { dueRecap, nextRecapTime, recapSettings } from '../../domain/recap/recap-slot.js';
import { validateCron } from '../../domain/schedule.js';
import type { Clock } from '../../domain/time.js';
import { emptyChannel } from '../../domain/channel-defaults.js';
import type { ChannelData, RecapSettings, ScoreEvent } from '../../store/schema.js';
import type { WorkspaceStore } from '../../store/store.js';
import { cleanName } from '../../text/display-name.js';
import { formatWhen, tc } from '../challenge-i18n.js';
import { channelLabel } from '../challenge-messages.js';
import { publicLangs } from '../channel-lang.js';
import { text, type Message } from '../message.js';
import type { Request } from '../request.js';
import { recapMessage } from './recap-message.js';
import { tr } from './recap-strings.js';

// --- data access (the only code here that touches the store) ---

/** A channel's data, or undefined. */
async function readChannel(ws: WorkspaceStore, channel: string): Promise<Readonly<ChannelData> | undefined> {
  return ws.read((data) => (Object.hasOwn(data.channels, channel) ? data.channels[channel] : undefined));
}

/** The ids of the channels of these surfaces (null: every channel). */
async function channelsOn(ws: WorkspaceStore, platforms: ReadonlySet<string> | null): Promise<string[]> {
  return ws.read((data) => Object.entries(data.channels).filter(([, c]) => !platforms || (c.platform !== undefined && platforms.has(c.platform))).map(([id]) => id));
}

/** The workspace's `answer` score events (the log is read whole: one read serves every channel due at once). */
async function readAnswerEvents(ws: WorkspaceStore): Promise<ScoreEvent[]> {
  return (await ws.readLog()).filter((e) => e.kind === 'answer');
}

/**
 * Everything the figures are computed from: the workspace as it is and the channel's score events
 * (`events`: the workspace's answer events already read, else they are read here).
 */
export async function readRecapInput(ws: WorkspaceStore, channel: string, day: string, timeZone: string, library: Pick<Library, 'scenarios'>, events?: readonly ScoreEvent[]): Promise<RecapInput> {
  const log = (events ?? (await readAnswerEvents(ws))).filter((e) => e.channel === channel && e.kind === 'answer');
  // A copy of what the figures read (members, this channel), so a change arriving meanwhile cannot tear them.
  const slice = ws.read((data) => structuredClone({ members: data.members, channels: Object.hasOwn(data.channels, channel) ? { [channel]: data.channels[channel]! } : {}, scoreLog: [] }));
  return { ws: slice, channelId: channel, day, log, library, timeZone };
}

/** Changes a channel's recap settings (creating the channel's entry if needed). */
async function updateRecapSettings(ws: WorkspaceStore, channel: string, change: (settings: RecapSettings) => void): Promise<void> {
  await ws.update((data) => {
    const ch = (data.channels[channel] ??= emptyChannel());
    const settings: RecapSettings = { ...(ch.recap ?? {}) };
    change(settings);
    ch.recap = settings;
  });
}

/** Records that `week`'s recap went out in the channel; false when it was already recorded (never twice a week). */
async function markRecapPosted(ws: WorkspaceStore, channel: string, week: string): Promise<boolean> {
  return ws.update((data) => {
    const ch = data.channels[channel];
    if (!ch || ch.recap?.lastWeek === week) return false;
    ch.recap = { ...(ch.recap ?? {}), lastWeek: week };
    return true;
  });
}

/** Members with points in the channel whose display name the store does not know (at most `max`). */
async function namelessMembers(ws: WorkspaceStore, channel: string, max: number): Promise<string[]> {
  return ws.read((data) => Object.keys(data.channels[channel]?.totals ?? {}).filter((id) => Object.hasOwn(data.members, id) && !cleanName(data.members[id]?.name)).slice(0, max));
}

/** Keeps display names the platform told (only for members the store already has). */
async function keepNames(ws: WorkspaceStore, names: readonly (readonly [string, string | undefined])[]): Promise<void> {
  if (!names.some(([, name]) => name)) return;
  await ws.update((data) => {
    for (const [id, name] of names) if (name && Object.hasOwn(data.members, id)) data.members[id]!.name = name;
  });
}

// --- commands ---

export interface RecapDeps {
  library: Library;
  challenges: Challenges;
  stores: (workspace: string) => WorkspaceStore;
  clock: Clock;
  isAdmin: (workspace: string, user: string) => boolean;
  /** COACH_RECAP: the default recap cron. */
  recapCron: string;
  defaultLang: Lang;
}

/** A recap ready to post: where, and the message (text and chart). */
export interface DueRecap {
  channel: string;
  platform: string;
  message: Message;
}

export class RecapCommands {
  constructor(private readonly deps: RecapDeps) {}

  handles(sub: string): boolean {
    return sub === 'recap' || sub === 'bilan';
  }

  /** One help line for `/coach help`. */
  helpLine(lang: Lang): string {
    return lang === 'fr'
      ? '/coach recap [on|off|CRON] : le bilan de la semaine maintenant, ou son horaire ici (admins)'
      : '/coach recap [on|off|CRON]: the week’s recap now, or when it goes out here (admins)';
  }

  /** `/coach recap` (admins): posts the week's recap now; `on`, `off` or a cron set when it goes out here. */
  async coach(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    if (!this.deps.isAdmin(req.workspace, req.user)) return [text(tc(lang, 'notAdmin', { command: '/coach recap' }))];
    if (req.direct) return [text(tr(lang, 'recapInDirect'))];
    const store = this.deps.stores(req.workspace);
    const words = args.filter(Boolean);
    const mode = (words[0] ?? '').toLowerCase();
    if (!mode) {
      await this.lookUpNames(req);
      const message = await this.build(store, req.channel, this.deps.clock.now(), lang, req.channelName);
      return [message];
    }
    if (mode === 'off') {
      await updateRecapSettings(store, req.channel, (s) => { s.off = true; });
      return [text(tr(lang, 'recapOff'))];
    }
    if (mode === 'on') {
      await updateRecapSettings(store, req.channel, (s) => { delete s.off; });
      return [text(tr(lang, 'recapOn', { when: await this.nextLine(store, req.channel, lang) }))];
    }
    const cron = words.join(' ').replace(/^["“«]\s*|\s*["”»]$/g, '');
    const zone = this.deps.challenges.schedule(await readChannel(store, req.channel)).timezone;
    if (cron.split(/\s+/).length < 5) return [text(tr(lang, 'recapUsage'))];
    const error = validateCron(cron, zone);
    if (error) return [text(tr(lang, 'recapBad', { error }))];
    await updateRecapSettings(store, req.channel, (s) => { s.cron = cron; delete s.off; });
    return [text(tr(lang, 'recapCron', { cron, zone, when: await this.nextLine(store, req.channel, lang) }))];
  }

  /** The recaps due now in a workspace, on these surfaces; each is recorded as posted before it is returned. */
  async due(workspace: string, now: Date, platforms: ReadonlySet<string>): Promise<DueRecap[]> {
    const store = this.deps.stores(workspace);
    const out: DueRecap[] = [];
    let events: ScoreEvent[] | undefined; // read once, on the first recap due (recaps tend to fall due together)
    for (const channelId of await channelsOn(store, platforms)) {
      const channel = await readChannel(store, channelId);
      const due = dueRecap(channel, this.deps.challenges.calendar(channel), this.deps.recapCron, now);
      if (!due || !(await markRecapPosted(store, channelId, due.week))) continue;
      events ??= await readAnswerEvents(store);
      const figures = await this.figures(store, channelId, now, events);
      // A week with no challenge and no incident has nothing to tell: recorded, not posted.
      if (figures.days.length === 0 && figures.incidents.length === 0) continue;
      out.push({ channel: channelId, platform: channel!.platform!, message: await this.message(store, channelId, figures, this.deps.defaultLang) });
    }
    return out;
  }

  /** The first recap time after `after` in the workspace's channels on these surfaces, or null. */
  async next(workspace: string, after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    const store = this.deps.stores(workspace);
    let earliest: Date | null = null;
    for (const channelId of await channelsOn(store, platforms)) {
      const channel = await readChannel(store, channelId);
      const at = nextRecapTime(channel, this.deps.challenges.calendar(channel), this.deps.recapCron, after);
      if (at && (!earliest || at < earliest)) earliest = at;
    }
    return earliest;
  }

  /** The week's figures in a channel as of `now` (the week of `now`'s day in the channel's time zone). */
  async figures(store: WorkspaceStore, channelId: string, now: Date, events?: readonly ScoreEvent[]): Promise<RecapFigures> {
    const channel = await readChannel(store, channelId);
    const calendar = this.deps.challenges.calendar(channel);
    return recapFigures(await readRecapInput(store, channelId, calendar.dayOf(now), calendar.schedule.timezone, this.deps.library, events));
  }

  /** The recap of the week of `now` in a channel, as posted there. */
  async build(store: WorkspaceStore, channelId: string, now: Date, fallbackLang: Lang, channelName?: string): Promise<Message> {
    return this.message(store, channelId, await this.figures(store, channelId, now), fallbackLang, channelName);
  }

  private async message(store: WorkspaceStore, channelId: string, figures: RecapFigures, fallbackLang: Lang, channelName?: string): Promise<Message> {
    const channel = await readChannel(store, channelId);
    const langs = publicLangs(channel, channel?.lang ?? fallbackLang);
    const name = cleanName(channel?.name) ?? cleanName(channelName);
    return recapMessage(figures, this.deps.library, (lang) => channelLabel(name, lang), langs);
  }

  private async nextLine(store: WorkspaceStore, channelId: string, lang: Lang): Promise<string> {
    const channel = await readChannel(store, channelId);
    const calendar = this.deps.challenges.calendar(channel);
    const at = nextRecapTime(channel, calendar, this.deps.recapCron, this.deps.clock.now());
    return at ? tr(lang, 'recapNext', { when: formatWhen(at, lang, calendar.schedule.timezone) }) : tr(lang, 'recapNever');
  }

  /** Before a recap asked in a channel: the platform's names for the members the store has none for (at most 20). */
  private async lookUpNames(req: Request): Promise<void> {
    const names = req.names;
    if (!names) return;
    const store = this.deps.stores(req.workspace);
    const nameless = await namelessMembers(store, req.channel, 20);
    if (!nameless.length) return;
    await keepNames(store, await Promise.all(nameless.map(async (id) => [id, cleanName(await names.user(id).catch(() => undefined))] as const)));
  }

  /** The recap cron that applies in a channel (the admin's, else COACH_RECAP). */
  cronOf(channel: Readonly<ChannelData> | undefined): string {
    return recapSettings(channel, this.deps.recapCron).cron;
  }
}
