// `/coach recap [on|off|CRON]` and the scheduled weekly recap (issue 14). The store is reached only through
// the store port, in the small async functions at the top of this file (the recap's reads are
// WorkspacePort.challengesSince, channelTotals and channelEvents: a channel's last four weeks, never the
// whole score log), so it runs the same on the JSON file and on PostgreSQL.
//
// Once a week per channel, across replicas: the replica whose tick finds a recap due claims it
// (StorePort.claim, key `recap:WORKSPACE:CHANNEL:WEEK`), computes it, records the week as posted
// (RecapSettings.lastWeek, in one atomic updateChannel: of concurrent calls one wins), and only then
// returns it to be sent; the claim is marked done at once. Guarantee: exactly once while replicas live;
// at most once when a replica dies between recording and delivering (that week's recap is lost, never
// posted twice: a second copy in a team channel is noise everyone sees, a missing one is noticed by the
// lead, who asks `/coach recap`).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Lang, Library } from '../../content/model.js';
import type { Challenges } from '../../domain/challenges.js';
import { recapFigures, TREND_WEEKS, type RecapFigures, type RecapInput } from '../../domain/recap/recap-figures.js';
import { dueRecap, mondayOf, nextRecapTime, recapSettings } from '../../domain/recap/recap-slot.js';
import { validateCron } from '../../domain/schedule.js';
import { addDays, type Clock } from '../../domain/time.js';
import type { ChannelView, StorePort, WorkspacePort } from '../../store/port.js';
import type { ChallengeData, ChannelData, MemberData, RecapSettings } from '../../store/schema.js';
import { cleanName } from '../../text/display-name.js';
import { formatWhen, tc } from '../challenge-i18n.js';
import { channelLabel } from '../challenge-messages.js';
import { publicLangs } from '../channel-lang.js';
import { text, type Message } from '../message.js';
import type { Request } from '../request.js';
import { recapMessage } from './recap-message.js';
import { tr } from './recap-strings.js';

// --- data access (the only code here that touches the store) ---

/** What the recap reads and writes of a workspace (the port's; `coach recap` gives a read-only one). */
export type RecapStore = Pick<WorkspacePort, 'workspace' | 'channel' | 'updateChannel' | 'members' | 'updateMember' | 'challengesSince' | 'channelTotals' | 'channelEvents' | 'incidents'>;

/** How long a replica holds a recap it claimed before another may take it (it died). */
export const RECAP_LEASE_MS = 10 * 60_000;

/** The claim key of a channel's recap of an ISO week (StorePort.claim). */
export function recapKey(workspace: string, channel: string, week: string): string {
  return `recap:${workspace}:${channel}:${week}`;
}

/** A channel's settings and latest challenges, or undefined. */
async function readChannel(ws: RecapStore, channel: string): Promise<ChannelView | undefined> {
  return (await ws.channel(channel)) ?? undefined;
}

/** The members among `users` the workspace keeps (the port reads at most 1,000 ids at once). */
async function readMembers(ws: RecapStore, users: readonly string[]): Promise<Record<string, MemberData>> {
  const out: Record<string, MemberData> = {};
  for (let i = 0; i < users.length; i += 1000) Object.assign(out, await ws.members(users.slice(i, i + 1000)));
  return out;
}

/**
 * Everything the figures are computed from: the channel's challenges of the four weeks (with answers),
 * its totals and incidents, its `answer` events of those weeks, and the members they name.
 */
export async function readRecapInput(ws: RecapStore, channel: string, day: string, timeZone: string, library: Pick<Library, 'scenarios'>): Promise<RecapInput> {
  const since = addDays(mondayOf(day), -7 * (TREND_WEEKS - 1));
  const [view, recent, totals, log, incidents] = await Promise.all([
    ws.channel(channel), ws.challengesSince(channel, since), ws.channelTotals(channel),
    ws.channelEvents(channel, { sinceDay: since, kinds: ['answer'] }), ws.incidents({ channel }),
  ]);
  // The live streaks look at the channel's latest challenges, which may be older than the four weeks.
  const older: ChallengeData[] = (view?.challenges ?? []).filter((h) => !recent.some((c) => c.id === h.id)).map(({ answerCount: _n, ...h }) => ({ ...h, answers: {} }));
  const members = await readMembers(ws, [...new Set([...Object.keys(totals), ...log.map((e) => e.user)])]);
  const { id: _id, challenges: _c, ...settings } = view ?? { id: channel, challenges: [], pausedDates: [], rotation: { order: [], next: 0 } };
  const data: ChannelData = { ...settings, challenges: [...older, ...recent], totals, incidents: incidents.map((i) => i.incident) };
  return { ws: { members, channels: view ? { [channel]: data } : {}, scoreLog: [] }, channelId: channel, day, log, library, timeZone };
}

/** Changes a channel's recap settings (creating the channel's entry if needed). */
async function updateRecapSettings(ws: RecapStore, channel: string, change: (settings: RecapSettings) => void): Promise<void> {
  await ws.updateChannel(channel, (ch) => {
    const settings: RecapSettings = { ...(ch.recap ?? {}) };
    change(settings);
    ch.recap = settings;
  });
}

/** Records that `week`'s recap went out in the channel; false when it was already recorded (never twice a week). */
async function markRecapPosted(ws: RecapStore, channel: string, week: string): Promise<boolean> {
  const changed = await ws.updateChannel(channel, (ch) => {
    if (ch.recap?.lastWeek === week) return false;
    ch.recap = { ...(ch.recap ?? {}), lastWeek: week };
    return true;
  }, { create: false });
  return changed.found && changed.result;
}

/** Members with points in the channel whose display name the store does not know (at most `max`). */
async function namelessMembers(ws: RecapStore, channel: string, max: number): Promise<string[]> {
  const ids = Object.keys(await ws.channelTotals(channel));
  const members = await readMembers(ws, ids);
  return ids.filter((id) => Object.hasOwn(members, id) && !cleanName(members[id]?.name)).slice(0, max);
}

/** Keeps display names the platform told (only for members the store already has). */
async function keepNames(ws: RecapStore, names: readonly (readonly [string, string | undefined])[]): Promise<void> {
  for (const [id, name] of names) if (name) await ws.updateMember(id, (m) => { m.name = name; });
}

// --- commands ---

export interface RecapDeps {
  library: Library;
  challenges: Challenges;
  /** The store port: its workspaces, the scheduler's channels and the claims (`coach recap` gives a read-only one). */
  port: Pick<StorePort, 'activeChannels' | 'claim' | 'release'> & { workspace(id: string): RecapStore };
  clock: Clock;
  /** This process's name in its claims. */
  replica?: string;
  isAdmin: (workspace: string, user: string) => boolean;
  /** COACH_RECAP: the default recap cron. */
  recapCron: string;
  defaultLang: Lang;
}

/** A recap ready to post: where, and the message (text and chart). */
export interface DueRecap {
  workspace: string;
  channel: string;
  platform: string;
  message: Message;
}

export class RecapCommands {
  /** This process's name in its claims: unique across machines (two hosts may share a pid). */
  private readonly owner: string;

  constructor(private readonly deps: RecapDeps) {
    this.owner = deps.replica ?? `recaps:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

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
    const store = this.deps.port.workspace(req.workspace);
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

  /**
   * The recaps due now in the channels of these surfaces, across workspaces (StorePort.activeChannels);
   * each is claimed, computed and recorded as posted before it is returned (see the file's note).
   */
  async due(now: Date, platforms: ReadonlySet<string>): Promise<DueRecap[]> {
    const out: DueRecap[] = [];
    const owner = this.owner;
    for (const { workspace, channel } of await this.deps.port.activeChannels()) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const due = dueRecap(channel, this.deps.challenges.calendar(channel), this.deps.recapCron, now);
      if (!due) continue;
      const key = recapKey(workspace, channel.id, due.week);
      if ((await this.deps.port.claim(key, owner, RECAP_LEASE_MS, now)).kind !== 'claimed') continue;
      try {
        const store = this.deps.port.workspace(workspace);
        const figures = await this.figures(store, channel.id, now);
        if (!(await markRecapPosted(store, channel.id, due.week))) continue;
        // A week with no challenge and no incident has nothing to tell: recorded, not posted.
        if (figures.days.length === 0 && figures.incidents.length === 0) continue;
        out.push({ workspace, channel: channel.id, platform: channel.platform, message: await this.message(store, channel.id, figures, this.deps.defaultLang) });
      } finally {
        await this.deps.port.release(key, owner, true);
      }
    }
    return out;
  }

  /** The first recap time after `after` in the channels of these surfaces, across workspaces, or null. */
  async next(after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    let earliest: Date | null = null;
    for (const { channel } of await this.deps.port.activeChannels()) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const at = nextRecapTime(channel, this.deps.challenges.calendar(channel), this.deps.recapCron, after);
      if (at && (!earliest || at < earliest)) earliest = at;
    }
    return earliest;
  }

  /** The week's figures in a channel as of `now` (the week of `now`'s day in the channel's time zone). */
  async figures(store: RecapStore, channelId: string, now: Date): Promise<RecapFigures> {
    const channel = await readChannel(store, channelId);
    const calendar = this.deps.challenges.calendar(channel);
    return recapFigures(await readRecapInput(store, channelId, calendar.dayOf(now), calendar.schedule.timezone, this.deps.library));
  }

  /** The recap of the week of `now` in a channel, as posted there. */
  async build(store: RecapStore, channelId: string, now: Date, fallbackLang: Lang, channelName?: string): Promise<Message> {
    return this.message(store, channelId, await this.figures(store, channelId, now), fallbackLang, channelName);
  }

  private async message(store: RecapStore, channelId: string, figures: RecapFigures, fallbackLang: Lang, channelName?: string): Promise<Message> {
    const channel = await readChannel(store, channelId);
    const langs = publicLangs(channel, channel?.lang ?? fallbackLang);
    const name = cleanName(channel?.name) ?? cleanName(channelName);
    return recapMessage(figures, this.deps.library, (lang) => channelLabel(name, lang), langs);
  }

  private async nextLine(store: RecapStore, channelId: string, lang: Lang): Promise<string> {
    const channel = await readChannel(store, channelId);
    const calendar = this.deps.challenges.calendar(channel);
    const at = nextRecapTime(channel, calendar, this.deps.recapCron, this.deps.clock.now());
    return at ? tr(lang, 'recapNext', { when: formatWhen(at, lang, calendar.schedule.timezone) }) : tr(lang, 'recapNever');
  }

  /** Before a recap asked in a channel: the platform's names for the members the store has none for (at most 20). */
  private async lookUpNames(req: Request): Promise<void> {
    const names = req.names;
    if (!names) return;
    const store = this.deps.port.workspace(req.workspace);
    const nameless = await namelessMembers(store, req.channel, 20);
    if (!nameless.length) return;
    await keepNames(store, await Promise.all(nameless.map(async (id) => [id, cleanName(await names.user(id).catch(() => undefined))] as const)));
  }

  /** The recap cron that applies in a channel (the admin's, else COACH_RECAP). */
  cronOf(channel: Pick<ChannelData, 'recap'> | undefined): string {
    return recapSettings(channel, this.deps.recapCron).cron;
  }
}
