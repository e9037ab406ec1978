// Runs what is due across all workspaces: debriefs to reveal, challenges to post. Reads the channels with
// work through the store port (StorePort.activeChannels) and claims each slot before posting it, so any
// number of replicas post each slot once; the result is a list of messages for the adapters to deliver.
import type { Lang } from '../content/model.js';
import type { ChallengeCommands } from '../core/commands/challenge-commands.js';
import type { Message } from '../core/message.js';
import type { Challenges } from '../domain/challenges.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pLimit from 'p-limit';
import type { ChallengeData } from '../store/schema.js';
import type { ChannelView, StorePort, WorkspacePort } from '../store/port.js';

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
  /** The slot claim this post settles once delivered (see Scheduler.settle). */
  claim?: string;
}

export interface TickOptions {
  /**
   * The caller delivers the messages later and calls `settle` for each once it was delivered (or failed):
   * the server. Otherwise (the terminal, which shows them at once) the slots' claims are settled by the tick.
   */
  settleAfterDelivery?: boolean;
  /**
   * Called with each channel's daily posts (reveals, the day's challenge) as soon as that channel is done,
   * so their delivery starts while other channels are still worked on; those posts are then not in the
   * tick's result. With `settleAfterDelivery` only (the caller settles them).
   */
  onChannel?: (out: Outgoing[]) => void;
}

/**
 * Channels worked on at once in a tick (claim, challenge, messages: a few database round trips each).
 * A daily post to 1,000 channels would otherwise take a thousand times those round trips one after the
 * other (issue 13's fan-out); more at once would only queue on the store's pool.
 */
export const CHANNELS_AT_ONCE = 8;

/**
 * Other timed work played with the daily slots when time is advanced (the incident tick: reminders,
 * escalations, drill events), so a rehearsal plays each at its own time too.
 */
export interface TimedSource {
  /** The earliest instant after `after` when something of these surfaces falls due, or null. */
  next(after: Date, platforms: ReadonlySet<string>): Date | null | Promise<Date | null>;
  tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]>;
}

/** How long a replica holds a slot it claimed before another may take it over (its holder died). */
export const SLOT_LEASE_MS = 10 * 60_000;

/** The key of a channel's scheduled slot of a day (StorePort.claim). */
export function slotKey(workspace: string, channel: string, day: string): string {
  return `slot:${workspace}:${channel}:${day}`;
}

/**
 * Posts each channel's slot once across replicas. Guarantee: exactly once while replicas live; at least
 * once when a replica dies in the middle. The steps: (1) claim the slot's key with a lease
 * (SLOT_LEASE_MS); only the claimant goes on; (2) create the day's challenge (the port refuses a second
 * one for the day, whoever asks); (3) deliver it; (4) settle the claim as done (Scheduler.settle, after
 * the delivery, whatever its outcome). A replica that dies before (2) leaves a claim that expires: the
 * next replica's tick claims the slot and posts it. One that dies between (2) and (4) leaves a challenge
 * that is created but maybe not delivered: when its lease has run out, the replica that takes the claim
 * over (StorePort.claim tells it whose claim it was) posts the challenge again unless the platform's ids
 * of its post were recorded. The window for a duplicate is the moment between the platform accepting the
 * post and its ids being kept. At-least-once was chosen over at-most-once because a team that misses its
 * daily challenge loses the day (no catch-up after midnight), while a rare duplicate post costs a glance;
 * and chat.postMessage (Slack) and Bot Framework offer no idempotency key that would make it exact.
 */
export class Scheduler {
  /** This process's name in the claims it makes. */
  readonly replica: string;

  constructor(
    private readonly port: StorePort,
    private readonly challenges: Challenges,
    private readonly commands: ChallengeCommands,
    private readonly defaultLang: Lang,
    private readonly extras: readonly TimedSource[] = [],
    replica?: string,
  ) {
    this.replica = replica ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  /** The daily slots' tick, then each extra source's (incidents), at one instant. */
  async tickAll(now: Date, platforms: ReadonlySet<string>, options: TickOptions = {}): Promise<Outgoing[]> {
    const out = await this.tick(now, platforms, options);
    for (const source of this.extras) out.push(...(await source.tick(now, platforms)));
    return out;
  }

  /** `platforms`: only channels of these surfaces (a server never posts into the terminal's channel). */
  async tick(now: Date, platforms: ReadonlySet<string>, options: TickOptions = {}): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    try {
      await this.collect(now, platforms, out, options.settleAfterDelivery ? options.onChannel : undefined);
    } finally {
      // What the caller shows at once (the terminal) is delivered by the time the tick returns.
      if (!options.settleAfterDelivery) {
        for (const o of out) {
          await this.settle(o);
          delete o.claim;
        }
      }
    }
    return out;
  }

  /**
   * Every active channel of these surfaces, CHANNELS_AT_ONCE at a time; each channel's posts in their
   * order, to `onChannel` or appended to `out` in the channels' order. A channel that fails does not stop
   * the others: the first failure is thrown once all are done.
   */
  private async collect(now: Date, platforms: ReadonlySet<string>, out: Outgoing[], onChannel?: (out: Outgoing[]) => void): Promise<void> {
    const channels = (await this.port.activeChannels()).filter(({ channel }) => channel.platform && platforms.has(channel.platform));
    const limit = pLimit(CHANNELS_AT_ONCE);
    type Done = { posts: Outgoing[]; failure?: { error: unknown } };
    const done: Done[] = new Array<Done>(channels.length);
    // Worked on in an order of this tick's own (the results keep the channels' order): replicas ticking
    // together then mostly claim different channels, instead of all queueing on the same claim in turn.
    await Promise.all(shuffled(channels.length).map((i) => limit(async () => {
      const { workspace, channel } = channels[i]!;
      const posts: Outgoing[] = [];
      try {
        await this.collectChannel(now, workspace, channel, posts);
        done[i] = { posts };
      } catch (error) {
        done[i] = { posts, failure: { error } };
      } finally {
        // What was claimed and made before a failure is handed over too (its claim is settled after it).
        if (onChannel && posts.length) onChannel(posts);
      }
    })));
    if (!onChannel) for (const { posts } of done) out.push(...posts);
    const failed = done.find((d) => d.failure);
    if (failed) throw failed.failure!.error;
  }

  private async collectChannel(now: Date, workspace: string, settings: ChannelView, out: Outgoing[]): Promise<void> {
    const platform = settings.platform!;
    const channel = settings.id;
    const ws = this.port.workspace(workspace);
    const lang = settings.lang ?? this.defaultLang;
    const push = (message: Message, claim?: string) => out.push({ workspace, channel, platform, message, ...(message.to ? { user: message.to } : {}), ...(claim ? { claim } : {}) });
    // A reveal: the debrief in the thread, and privately to each person who answered.
    const pushReveal = async (revealed: ChallengeData) => (await this.commands.revealMessages(workspace, channel, revealed, lang)).forEach((m) => push(m));
    for (const action of this.challenges.dueIn(settings, now)) {
      if (action === 'reveal') {
        // The challenge seen due, by id: another replica may have revealed it and posted the next one since
        // the channels were read, and that one is not due.
        const revealed = await this.challenges.reveal(ws, channel, now, settings.challenges.at(-1)?.id ?? null);
        if (revealed) await pushReveal(revealed);
        continue;
      }
      const key = slotKey(workspace, channel, this.challenges.calendar(settings).dayOf(now));
      const claim = await this.port.claim(key, this.replica, SLOT_LEASE_MS, now);
      if (claim.kind !== 'claimed') continue;
      const posted = await this.challenges.post(ws, channel, now);
      if (posted.future) {
        await this.port.release(key, this.replica, false);
        continue;
      }
      if (posted.revealed) await pushReveal(posted.revealed);
      if (posted.created) push(await this.commands.publicPost(workspace, channel, posted.challenge, lang), key);
      else await this.port.release(key, this.replica, true);
    }
    await this.recover(ws, settings, now, push);
  }

  /**
   * A slot a dead replica claimed, created and maybe never delivered (see the class's guarantee): today's
   * challenge, open, with no platform ids kept, whose claim's lease ran out unsettled. Taken over and
   * posted again. A challenge with no claim behind it (an admin's `/coach post`) is left alone.
   */
  private async recover(ws: WorkspacePort, channel: ChannelView, now: Date, push: (message: Message, claim?: string) => void): Promise<void> {
    const last = channel.challenges.at(-1);
    if (!channel.scheduledSince || !last || last.revealedAt || last.postRef !== undefined) return;
    if (last.day !== this.challenges.calendar(channel).dayOf(now) || now.getTime() - Date.parse(last.postedAt) < SLOT_LEASE_MS) return;
    const key = slotKey(ws.workspace, channel.id, last.day);
    const claim = await this.port.claim(key, this.replica, SLOT_LEASE_MS, now);
    if (claim.kind !== 'claimed') return;
    if (!claim.previous) {
      // Nobody was posting it: nothing to recover, and nothing to ask again on the next ticks.
      await this.port.release(key, this.replica, true);
      return;
    }
    push(await this.commands.publicPost(ws.workspace, channel.id, last, channel.lang ?? this.defaultLang), key);
  }

  /** After an outgoing message was delivered (or failed): its slot's claim is settled for good. */
  async settle(outgoing: Outgoing): Promise<void> {
    if (outgoing.claim) await this.port.release(outgoing.claim, this.replica, true);
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
      const next = await this.nextEvent(at, platforms);
      if (!next || next.getTime() > to.getTime()) break;
      if (events >= maxEvents) return { played, stoppedAt: at };
      at = next;
      await record(at);
    }
    if (at.getTime() < to.getTime()) await record(to);
    return { played, stoppedAt: null };
  }

  /** The earliest instant after `after` when a channel of these surfaces has a reveal or a post due. */
  private async nextEvent(after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    let earliest: Date | null = null;
    for (const source of this.extras) {
      const next = await source.next(after, platforms);
      if (next && (!earliest || next < earliest)) earliest = next;
    }
    for (const { channel } of await this.port.activeChannels()) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const next = this.challenges.nextEventIn(channel, after);
      if (next && (!earliest || next < earliest)) earliest = next;
    }
    return earliest;
  }
}

/** 0 … n − 1 in a random order (Fisher–Yates). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Far more than a month of slots and reveals in a few channels: a bound on one advance's work. */
export const MAX_EVENTS_PER_ADVANCE = 2000;

/** What one tick of an advance produced, and when. */
export interface Played {
  at: Date;
  out: Outgoing[];
}
