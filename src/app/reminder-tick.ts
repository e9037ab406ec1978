// The reminders' timed source (issue 14, item 2), played by the scheduler beside the daily slots and the
// incident tick, so the rehearsal clock plays each reminder at its own time too. The rule is in
// domain/reminders.ts; everything is read and written through the store port, so it runs the same on the
// JSON file and on PostgreSQL, with any number of replicas.
//
// Once per challenge, across replicas: a replica first claims the batch (StorePort.claim, key
// `remind:WORKSPACE:CHANNEL:CHALLENGE`), then records the challenge's `remindedAt` (WorkspacePort.
// markReminded: of concurrent calls exactly one wins), and only then sends; the claim is marked done at
// once. Guarantee: exactly once while replicas live; at most once when a replica dies between recording
// and delivering (the batch is lost, never sent twice). At most once was chosen because a reminder is a
// courtesy an hour before the debrief: one that arrives twice nags, which is what this feature promises
// not to do, while a lost one costs only the nudge.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Lang } from '../content/model.js';
import type { Challenges } from '../domain/challenges.js';
import { reminderDue, reminderTime, whoToRemind } from '../domain/reminders.js';
import { formatWhen } from '../core/challenge-i18n.js';
import { channelLabel } from '../core/challenge-messages.js';
import type { Message } from '../core/message.js';
import { tr } from '../core/reminder-strings.js';
import type { ChannelView, StorePort } from '../store/port.js';
import type { Outgoing, TimedSource } from './scheduler.js';

/** How long a replica holds a reminder batch it claimed before another may take it (it died). */
export const REMINDER_LEASE_MS = 10 * 60_000;

/** The claim key of a challenge's reminder batch (StorePort.claim). */
export function reminderKey(workspace: string, channel: string, challengeId: string): string {
  return `remind:${workspace}:${channel}:${challengeId}`;
}

export class ReminderTick implements TimedSource {
  constructor(
    private readonly port: StorePort,
    private readonly challenges: Challenges,
    private readonly defaultLang: Lang,
    /** Housekeeping run at each tick for each workspace with active channels (the review queue drops words held past their debrief). */
    private readonly housekeeping?: (workspace: string) => Promise<void>,
    /** This process's name in its claims: unique across machines (two hosts may share a pid). */
    private readonly replica: string = `reminders:${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  ) {}

  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    const active = await this.port.activeChannels();
    for (const workspace of new Set(active.map((a) => a.workspace))) await this.housekeeping?.(workspace);
    for (const { workspace, channel } of active) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const due = reminderDue(channel, this.challenges.calendar(channel), now);
      if (!due) continue;
      const key = reminderKey(workspace, channel.id, due.challenge.id);
      const claim = await this.port.claim(key, this.replica, REMINDER_LEASE_MS, now);
      if (claim.kind !== 'claimed') continue;
      try {
        const ws = this.port.workspace(workspace);
        const candidates = due.paused ? [] : await ws.reminderCandidates(channel.id, { challengeId: due.challenge.id, sinceDay: due.sinceDay });
        if (!(await ws.markReminded(channel.id, due.challenge.id, now.toISOString()))) continue;
        const users = new Set(whoToRemind(candidates));
        const pair = this.challenges.scenario(due.challenge.scenarioId);
        if (!pair) continue;
        const timeZone = this.challenges.schedule(channel).timezone;
        for (const c of candidates) {
          if (!users.has(c.user)) continue;
          const lang = c.lang ?? c.lastLang ?? channel.lang ?? this.defaultLang;
          const message = reminderMessage(pair[lang].title, channelLabel(channel.name, lang), formatWhen(new Date(due.challenge.revealAt!), lang, timeZone), lang);
          out.push({ workspace, channel: channel.id, platform: channel.platform, user: c.user, message: { ...message, to: c.user } });
        }
      } finally {
        await this.port.release(key, this.replica, true);
      }
    }
    return out;
  }

  /** The next reminder hour after `after` with someone to remind, on these surfaces; null when none. */
  async next(after: Date, platforms: ReadonlySet<string>): Promise<Date | null> {
    let earliest: number | null = null;
    for (const { workspace, channel } of await this.port.activeChannels()) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const last = channel.challenges.at(-1);
      const at = last ? reminderTime(last) : null;
      if (!at || at.getTime() <= after.getTime() || (earliest !== null && at.getTime() >= earliest)) continue;
      // Only an hour with someone to remind is an event (a rehearsal's jump budget counts events).
      if (await this.someoneToRemind(workspace, channel, at)) earliest = at.getTime();
    }
    return earliest === null ? null : new Date(earliest);
  }

  private async someoneToRemind(workspace: string, channel: ChannelView, at: Date): Promise<boolean> {
    const due = reminderDue(channel, this.challenges.calendar(channel), at);
    if (!due || due.paused) return false;
    return whoToRemind(await this.port.workspace(workspace).reminderCandidates(channel.id, { challengeId: due.challenge.id, sinceDay: due.sinceDay })).length > 0;
  }
}

/** The private reminder: the challenge, where, when its debrief comes, and a button to stop reminders. */
export function reminderMessage(title: string, channel: string, when: string, lang: Lang): Message {
  return {
    heading: tr(lang, 'heading', { channel }),
    sections: [{ parts: [{ kind: 'text', text: tr(lang, 'body', { title, when, channel }) }] }],
    actions: [{ label: tr(lang, 'turnOff'), value: '/coach reminders off' }],
    footnote: tr(lang, 'footnote'),
    visibility: 'private',
    lang,
  };
}
