// Runs what is due across all workspaces: debriefs to reveal, challenges to post. Each workspace is
// handled through its own slice; the result is a list of public messages for the adapters to deliver.
import type { Lang } from '../content/model.js';
import type { ChallengeCommands } from '../core/commands/challenge-commands.js';
import type { Message } from '../core/message.js';
import type { Challenges } from '../domain/challenges.js';
import type { ChallengeData } from '../store/schema.js';
import type { CoachStore, WorkspaceStore } from '../store/store.js';

export interface Outgoing {
  workspace: string;
  channel: string;
  message: Message;
  /** The surface of the channel (slack, teams, terminal), as recorded when it was scheduled. */
  platform: string;
  /**
   * Set for a private delivery: the message goes to this person only (a debrief's private copy to someone
   * who answered; `message.to` names them too), through the surface's private place, not the channel.
   */
  user?: string;
}

/**
 * Other timed work played with the daily slots when time is advanced (the incident tick: reminders,
 * escalations, drill events), so a rehearsal plays each at its own time too.
 */
export interface TimedSource {
  /** The earliest instant after `after` when something of these surfaces falls due, or null. */
  next(after: Date, platforms: ReadonlySet<string>): Date | null;
  tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]>;
}

export class Scheduler {
  constructor(
    private readonly store: CoachStore,
    private readonly stores: (workspace: string) => WorkspaceStore,
    private readonly challenges: Challenges,
    private readonly commands: ChallengeCommands,
    private readonly defaultLang: Lang,
    private readonly extras: readonly TimedSource[] = [],
  ) {}

  /** The daily slots' tick, then each extra source's (incidents), at one instant. */
  async tickAll(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out = await this.tick(now, platforms);
    for (const source of this.extras) out.push(...(await source.tick(now, platforms)));
    return out;
  }

  /** `platforms`: only channels of these surfaces (a server never posts into the terminal's channel). */
  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    for (const workspace of this.store.read((data) => Object.keys(data.workspaces))) {
      const ws = this.stores(workspace);
      for (const { channel, action } of ws.read((data) => this.challenges.due(data, now))) {
        const settings = ws.read((data) => data.channels[channel]);
        const platform = settings?.platform;
        if (!platform || !platforms.has(platform)) continue;
        const lang = settings.lang ?? this.defaultLang;
        const push = (message: Message) => out.push({ workspace, channel, platform, message, ...(message.to ? { user: message.to } : {}) });
        // A reveal: the debrief in the thread, and privately to each person who answered.
        const pushReveal = (revealed: ChallengeData) => this.commands.revealMessages(workspace, channel, revealed, lang).forEach(push);
        if (action === 'reveal') {
          const revealed = await this.challenges.reveal(ws, channel, now);
          if (revealed) pushReveal(revealed);
        } else {
          const posted = await this.challenges.post(ws, channel, now);
          if (posted.future) continue;
          if (posted.revealed) pushReveal(posted.revealed);
          if (posted.created) push(this.commands.publicPost(workspace, channel, posted.challenge, lang));
        }
      }
    }
    return out;
  }

  /**
   * Plays time from `from` to `to` as if the coach had been running: every reveal and every slot in
   * between, in time order, each at its own time (the tick at that instant), then a tick at `to`.
   * Returns what each tick produced with its time. At most `maxEvents` event times are played (a jump
   * beyond it stops there: `stoppedAt` says where, and the caller should refuse such jumps up front).
   */
  async advance(from: Date, to: Date, platforms: ReadonlySet<string>, maxEvents = MAX_EVENTS_PER_ADVANCE): Promise<{ played: Played[]; stoppedAt: Date | null }> {
    const played: Played[] = [];
    const record = async (at: Date) => {
      const out = await this.tickAll(at, platforms);
      if (out.length) played.push({ at, out });
    };
    await record(from);
    let at = from;
    for (let events = 0; ; events++) {
      const next = this.nextEvent(at, platforms);
      if (!next || next.getTime() > to.getTime()) break;
      if (events >= maxEvents) return { played, stoppedAt: at };
      at = next;
      await record(at);
    }
    if (at.getTime() < to.getTime()) await record(to);
    return { played, stoppedAt: null };
  }

  /** The earliest instant after `after` when a channel of these surfaces has a reveal or a post due. */
  private nextEvent(after: Date, platforms: ReadonlySet<string>): Date | null {
    let earliest: Date | null = null;
    for (const source of this.extras) {
      const next = source.next(after, platforms);
      if (next && (!earliest || next < earliest)) earliest = next;
    }
    for (const workspace of this.store.read((data) => Object.keys(data.workspaces))) {
      this.stores(workspace).read((data) => {
        for (const [channel, settings] of Object.entries(data.channels)) {
          if (!settings.platform || !platforms.has(settings.platform)) continue;
          const next = this.challenges.nextEvent(data, channel, after);
          if (next && (!earliest || next < earliest)) earliest = next;
        }
      });
    }
    return earliest;
  }
}

/** Far more than a month of slots and reveals in a few channels: a bound on one advance's work. */
export const MAX_EVENTS_PER_ADVANCE = 2000;

/** What one tick of an advance produced, and when. */
export interface Played {
  at: Date;
  out: Outgoing[];
}
