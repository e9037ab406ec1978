// The server's scheduled posting: one scheduler tick at a time; the posts it produces are delivered apart
// from the tick (a Web API client may keep retrying a failing call for minutes and must not hold up the
// next tick), each channel's as soon as the scheduler is done with that channel (issue 13: a daily post
// to 1,000 channels starts going out with the first channel, not after the last), each channel's posts
// in their order, channels side by side (the Web API client bounds its own requests in flight).
// serve.ts runs it on an interval; bench:postgres runs the same loop in its replicas.
import type { Logger } from './logger.js';
import type { Outgoing, Scheduler } from './scheduler.js';

export interface PostLoopDeps {
  scheduler: Pick<Scheduler, 'tickAll' | 'settle'>;
  now: () => Date;
  /** The surfaces this server posts to (never the terminal's). */
  platforms: ReadonlySet<string>;
  /** Delivers one post on its surface; a rejection is logged and the next post goes on. */
  deliver: (out: Outgoing) => Promise<void>;
  logger: Logger;
}

export interface PostLoop {
  /** One scheduler tick (skipped when one is running), its posts queued for delivery. Never rejects. */
  tick(): Promise<void>;
  /** Resolves when every queued delivery is done. */
  idle(): Promise<void>;
}

export function postLoop(deps: PostLoopDeps): PostLoop {
  const deliveries = new Set<Promise<void>>();
  /** Each channel's last queued delivery: a later batch for the channel goes after it. */
  const tails = new Map<string, Promise<void>>();
  /** Delivers one channel's posts one after the other (one failing does not stop the next). */
  const deliver = (key: string, batch: Outgoing[]) => {
    const before = tails.get(key);
    const sent = (async () => {
      await before;
      for (const out of batch) {
        try {
          await deps.deliver(out);
        } catch (err) {
          deps.logger.error({ err, workspace: out.workspace, channel: out.channel }, 'scheduled post failed');
        }
        // A slot's post was attempted: its claim is settled (see Scheduler), delivered or not.
        await deps.scheduler.settle(out).catch((err: unknown) => deps.logger.error({ err, workspace: out.workspace, channel: out.channel }, 'slot claim not settled'));
      }
    })().finally(() => {
      deliveries.delete(sent);
      if (tails.get(key) === sent) tails.delete(key);
    });
    tails.set(key, sent);
    deliveries.add(sent);
  };
  /** Queues posts for delivery, grouped by channel, each channel's in their order. */
  const queue = (outs: Outgoing[]) => {
    const groups = new Map<string, Outgoing[]>();
    for (const out of outs) {
      const key = `${out.workspace}\n${out.channel}`;
      const batch = groups.get(key);
      if (batch) batch.push(out);
      else groups.set(key, [out]);
    }
    for (const [key, batch] of groups) deliver(key, batch);
  };
  let ticking = false;
  return {
    async tick() {
      if (ticking) return;
      ticking = true;
      try {
        // Daily posts, channel by channel as the scheduler is done with each; then incident reminders,
        // escalations and drill events (issue 11), after that channel's daily posts (two drill events due
        // together read in their order). Channels on their own.
        queue(await deps.scheduler.tickAll(deps.now(), deps.platforms, { settleAfterDelivery: true, onChannel: queue }));
      } catch (err) {
        deps.logger.error({ err }, 'scheduler tick failed');
      } finally {
        ticking = false;
      }
    },
    async idle() {
      while (deliveries.size) await Promise.all(deliveries);
    },
  };
}
