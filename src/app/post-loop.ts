// The server's scheduled posting: one scheduler tick at a time, then the posts it produced delivered
// apart from the tick (a Web API client may keep retrying a failing call for minutes and must not hold up
// the next tick), each channel's posts in their order, channels side by side but at most
// `concurrency` channels at once (issue 13: a daily post to 1,000 channels must neither wait for each
// channel in turn nor open a thousand requests at once). serve.ts runs it on an interval; bench:postgres
// runs the same loop in its replicas.
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
  /** Delivers one channel's posts one after the other (one failing does not stop the next). */
  const deliver = (batch: Outgoing[]) => {
    const sent = (async () => {
      for (const out of batch) {
        try {
          await deps.deliver(out);
        } catch (err) {
          deps.logger.error({ err, workspace: out.workspace, channel: out.channel }, 'scheduled post failed');
        }
        // A slot's post was attempted: its claim is settled (see Scheduler), delivered or not.
        await deps.scheduler.settle(out).catch((err: unknown) => deps.logger.error({ err, workspace: out.workspace, channel: out.channel }, 'slot claim not settled'));
      }
    })().finally(() => deliveries.delete(sent));
    deliveries.add(sent);
  };
  let ticking = false;
  return {
    async tick() {
      if (ticking) return;
      ticking = true;
      try {
        // Daily posts, then incident reminders, escalations and drill events (issue 11): one channel's in
        // order (two drill events due together read in their order), channels on their own.
        const byChannel = new Map<string, Outgoing[]>();
        for (const out of await deps.scheduler.tickAll(deps.now(), deps.platforms, { settleAfterDelivery: true })) {
          const key = `${out.workspace}\n${out.channel}`;
          const batch = byChannel.get(key);
          if (batch) batch.push(out);
          else byChannel.set(key, [out]);
        }
        for (const batch of byChannel.values()) deliver(batch);
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
