// The reminders' timed source (issue 14, item 2), played by the scheduler beside the daily slots and the
// incident tick, so the rehearsal clock plays each reminder at its own time too. The rule is in
// domain/reminders.ts; "once per challenge" is the challenge's `remindedAt`, written in the same store
// update that decides who is reminded, so a restart or a second tick never sends them again.
import type { Lang } from '../content/model.js';
import type { Challenges } from '../domain/challenges.js';
import { dueReminders, reminderTime } from '../domain/reminders.js';
import { formatWhen } from '../core/challenge-i18n.js';
import { channelLabel } from '../core/challenge-messages.js';
import type { Message } from '../core/message.js';
import { tr } from '../core/reminder-strings.js';
import type { CoachStore, WorkspaceStore } from '../store/store.js';
import type { Outgoing, TimedSource } from './scheduler.js';

interface Sent {
  channel: string;
  platform: string;
  challengeId: string;
  scenarioId: string;
  revealAt: string;
  channelName?: string;
  timeZone: string;
  users: { id: string; lang: Lang }[];
}

export class ReminderTick implements TimedSource {
  constructor(
    private readonly store: CoachStore,
    private readonly stores: (workspace: string) => WorkspaceStore,
    private readonly challenges: Challenges,
    private readonly defaultLang: Lang,
    /** Housekeeping run at each tick for a workspace (the review queue drops words held past their debrief). */
    private readonly housekeeping?: (workspace: string) => Promise<void>,
  ) {}

  async tick(now: Date, platforms: ReadonlySet<string>): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    for (const workspace of this.store.read((data) => Object.keys(data.workspaces))) {
      await this.housekeeping?.(workspace);
      for (const sent of await markDue(this.stores(workspace), this.challenges, now, platforms, this.defaultLang)) {
        const pair = this.challenges.scenario(sent.scenarioId);
        if (!pair) continue;
        for (const user of sent.users) {
          const message = reminderMessage(pair[user.lang].title, channelLabel(sent.channelName, user.lang), formatWhen(new Date(sent.revealAt), user.lang, sent.timeZone), user.lang);
          out.push({ workspace, channel: sent.channel, platform: sent.platform, user: user.id, message: { ...message, to: user.id } });
        }
      }
    }
    return out;
  }

  /** The next reminder hour after `after` with someone to remind, on these surfaces; null when none. */
  next(after: Date, platforms: ReadonlySet<string>): Date | null {
    let earliest: number | null = null;
    for (const workspace of this.store.read((data) => Object.keys(data.workspaces))) {
      this.stores(workspace).read((ws) => {
        for (const channel of Object.values(ws.channels)) {
          if (!channel.platform || !platforms.has(channel.platform)) continue;
          const last = channel.challenges.at(-1);
          const at = last ? reminderTime(last) : null;
          if (!at || at.getTime() <= after.getTime() || (earliest !== null && at.getTime() >= earliest)) continue;
          // Only an hour with someone to remind is an event (a rehearsal's jump budget counts events).
          if (dueReminders(ws, channel, this.challenges.calendar(channel), at)?.users.length) earliest = at.getTime();
        }
      });
    }
    return earliest === null ? null : new Date(earliest);
  }
}

/**
 * Marks every channel's due reminders as sent (`remindedAt`) in one update and returns who to remind,
 * each with their language (their `/coach lang`, else the one they last answered in, else the channel's).
 */
async function markDue(ws: WorkspaceStore, challenges: Challenges, now: Date, platforms: ReadonlySet<string>, defaultLang: Lang): Promise<Sent[]> {
  const anyDue = ws.read((data) => Object.values(data.channels).some((ch) => ch.platform && platforms.has(ch.platform) && dueReminders(data, ch, challenges.calendar(ch), now)));
  if (!anyDue) return [];
  return ws.update((data) => {
    const sent: Sent[] = [];
    for (const [id, channel] of Object.entries(data.channels)) {
      if (!channel.platform || !platforms.has(channel.platform)) continue;
      const due = dueReminders(data, channel, challenges.calendar(channel), now);
      if (!due) continue;
      due.challenge.remindedAt = now.toISOString();
      const lastLang = (user: string): Lang | undefined => {
        for (let i = channel.challenges.length - 1; i >= 0; i--) {
          const lang = channel.challenges[i]!.answers[user]?.lang;
          if (lang) return lang;
        }
        return undefined;
      };
      sent.push({
        channel: id, platform: channel.platform, challengeId: due.challenge.id, scenarioId: due.challenge.scenarioId, revealAt: due.challenge.revealAt!,
        ...(channel.name ? { channelName: channel.name } : {}),
        timeZone: challenges.schedule(channel).timezone,
        users: due.users.map((user) => ({ id: user, lang: (Object.hasOwn(data.members, user) ? data.members[user]?.lang : undefined) ?? lastLang(user) ?? channel.lang ?? defaultLang })),
      });
    }
    return sent;
  });
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
