// Daily challenges in a team channel: posting, answering once, revealing. Knows nothing of Slack or
// Teams nor of the storage engine: every change is one atomic operation of the store port (port.ts), and
// the rules are pure functions over a channel's settings and latest challenges (ChannelLike).
import type { Lang, Library, Localized, Scenario } from '../content/model.js';
import { emptyChannel } from './channel-defaults.js';
import type { AnswerData, ChallengeData, ChannelData, WorkspaceData } from '../store/schema.js';
import type { ChallengeHead, WorkspacePort } from '../store/port.js';
import type { HolidayCalendar } from './holidays.js';
import { scenariosInPlay, takeNext } from './rotation.js';
import { SlotCalendar, type ChannelSchedule } from './schedule.js';
import { streakBonus } from './scores.js';
import { isoWeek } from './time.js';
import { cleanName } from '../text/display-name.js';

export interface GradeResult {
  score: number;
  max: number;
  covered: string[];
  missed: string[];
  flags: string[];
  /** Free text only: the grader's reasons to doubt this grade (grading/doubt.ts); absent or empty: sure. */
  doubts?: string[];
}

/** Grading, injected so the domain does not depend on how answers are understood. */
export interface Grader {
  gradeChoice(scenario: Localized<Scenario>, index: number): GradeResult;
  gradeText(scenario: Localized<Scenario>, text: string, lang: Lang): GradeResult;
}

export interface ChallengeConfig {
  library: Library;
  grader: Grader;
  holidays: HolidayCalendar;
  defaultSchedule: ChannelSchedule;
  /** How long before the next post the debrief is revealed. */
  revealLeadMs: number;
  /**
   * Runs once the port recorded an answer and its score (issue 14: the member's practice record, the
   * review queue, the words held for a contest): port operations of their own, run right after the port's
   * one atomic recordAnswer step, not inside it; a crash between the two loses the follow-ups, never the
   * answer. `words`: the free-text answer as
   * graded, null for a choice. A rejection is swallowed (the answer stands).
   */
  onRecorded?: (store: WorkspacePort, recorded: RecordedAnswer) => Promise<void>;
  random?: () => number;
}

/** What ChallengeConfig.onRecorded receives about an answer just recorded. */
export interface RecordedAnswer {
  channel: string;
  user: string;
  /** The challenge answered, without its answers (the port's ChallengeHead). */
  challenge: ChallengeHead;
  answer: AnswerData;
  grade: GradeResult;
  words: string | null;
  at: Date;
}

/** A choice (from 0) or words; `lang`: the language the person is answered in, kept with the answer. */
export type AnswerInput = { choice: number; lang?: Lang } | { text: string; lang: Lang };

/** What the rules need of a challenge: with its answers (ChallengeData) or without (ChallengeHead). */
export type ChallengeLike = Pick<ChallengeData, 'id' | 'scenarioId' | 'day' | 'postedAt' | 'revealAt' | 'revealedAt'>;

/**
 * What the rules need of a channel: its schedule settings and its latest challenges, oldest first (a
 * stored ChannelData, or the port's ChannelView, which carries the latest few).
 */
export interface ChannelLike {
  scheduledSince?: string | null;
  schedule?: ChannelData['schedule'];
  pausedDates: string[];
  challenges: readonly ChallengeLike[];
}

export type AnswerOutcome =
  | { kind: 'recorded'; challenge: ChallengeHead; scenario: Localized<Scenario>; answer: AnswerData; grade: GradeResult; streak: number }
  | { kind: 'already'; challenge: ChallengeHead; scenario: Localized<Scenario>; answer: AnswerData }
  | { kind: 'closed'; challenge: ChallengeHead }
  | { kind: 'none' }
  | { kind: 'bad-choice'; challenge: ChallengeHead; scenario: Localized<Scenario> };

/** A posted challenge (or the one that stood in the way), and the previous one it closed. */
export interface PostResult {
  challenge: ChallengeData | ChallengeHead;
  created: boolean;
  /** The previous challenge this post revealed (with its answers, for the debrief), else null. */
  revealed: ChallengeData | null;
  /** True when refused because a challenge dated in the future is open (see futureOpen). */
  future?: boolean;
}

/** How many times a post is planned again when the channel changed under it (another replica, an admin). */
const POST_ATTEMPTS = 5;

/** Longest free-text answer graded; longer ones are cut (the grade only needs the gist). */
export const MAX_ANSWER_CHARS = 3000;

/** A challenge posted more than this after "now" is dated in the future (a small clock step is not). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** How many already-served slot days nextPost looks past (admin posts ahead of their slots). */
const MAX_SERVED_DAYS_SKIPPED = 400;

/** Whether a challenge was posted more than FUTURE_TOLERANCE_MS after `now` (see Challenges.futureOpen). */
export function isFuture(challenge: Pick<ChallengeData, 'postedAt'>, now: Date): boolean {
  return Date.parse(challenge.postedAt) > now.getTime() + FUTURE_TOLERANCE_MS;
}

/** The channel's challenge of `day`, if any (challenges are kept in posting order). */
function todays<C extends ChallengeLike>(channel: { challenges: readonly C[] }, day: string): C | null {
  for (let i = channel.challenges.length - 1; i >= 0; i--) {
    const challenge = channel.challenges[i]!;
    if (challenge.day === day) return challenge;
    if (challenge.day < day) return null;
  }
  return null;
}

function served(channel: ChannelLike, day: string): boolean {
  return todays(channel, day) !== null;
}

export class Challenges {
  constructor(private readonly config: ChallengeConfig) {}

  scenario(id: string): Localized<Scenario> | undefined {
    return this.config.library.scenarios.find((s) => s.id === id);
  }

  schedule(channel: { schedule?: ChannelData['schedule'] } | undefined | null): ChannelSchedule {
    return channel?.schedule ?? this.config.defaultSchedule;
  }

  /** The channel's latest challenge, revealed or not. */
  current(ws: Readonly<WorkspaceData>, channelId: string): ChallengeData | null {
    return ws.channels[channelId]?.challenges.at(-1) ?? null;
  }

  /** The channel's working days and slots: its schedule, the holidays, its paused dates. */
  calendar(channel: { schedule?: ChannelData['schedule']; pausedDates: string[] } | undefined | null): SlotCalendar {
    return new SlotCalendar(this.schedule(channel), this.config.holidays, new Set(channel?.pausedDates ?? []));
  }

  /**
   * The channel's latest challenge when it is still open and dated in the future (posted more than
   * FUTURE_TOLERANCE_MS after `now`): left by a rehearsal of an older version, or a clock set back.
   * While there is one, nothing is posted or revealed automatically, `/coach post` refuses, and
   * `/scenario` and `/coach schedule` say so; an admin closes it with `/coach reveal`. Null otherwise.
   */
  futureOpen(ws: Readonly<WorkspaceData>, channelId: string, now: Date): ChallengeData | null {
    return this.futureOpenIn(ws.channels[channelId], now);
  }

  /** futureOpen on a channel (stored, or the port's view). */
  futureOpenIn<C extends ChallengeLike>(channel: { challenges: readonly C[] } | undefined | null, now: Date): C | null {
    const last = channel?.challenges.at(-1);
    return last && !last.revealedAt && isFuture(last, now) ? last : null;
  }

  /**
   * The slot to serve now, or null. Catch-up rule: the slot of TODAY (the channel's time zone) is due
   * from its time until the end of the day, when today is a working day, the channel was scheduled by
   * then, and no challenge of today exists yet (an admin's earlier `/coach post` took it). A slot missed
   * on an earlier day is never served later: a coach down all day skips it, and nothing is ever posted
   * on a non-working day or at midnight for a past slot.
   */
  dueSlot(ws: Readonly<WorkspaceData>, channelId: string, now: Date): Date | null {
    return this.dueSlotIn(ws.channels[channelId], now);
  }

  /** dueSlot on a channel (stored, or the port's view). */
  dueSlotIn(channel: ChannelLike | undefined | null, now: Date): Date | null {
    if (!channel?.scheduledSince || this.futureOpenIn(channel, now)) return null;
    const calendar = this.calendar(channel);
    const today = calendar.dayOf(now);
    const slot = calendar.slotOf(today);
    if (!slot || slot.getTime() > now.getTime() || slot.getTime() < Date.parse(channel.scheduledSince)) return null;
    return served(channel, today) ? null : slot;
  }

  /**
   * When the next scheduled post goes out (ms precision): the slot due now if any (see dueSlot), else
   * the first later slot whose day has no challenge yet. Null when the channel is not scheduled, its
   * schedule never fires again, or a challenge dated in the future is open (see futureOpen).
   */
  nextPost(ws: Readonly<WorkspaceData>, channelId: string, now: Date): Date | null {
    return this.nextPostIn(ws.channels[channelId], now);
  }

  /** nextPost on a channel (stored, or the port's view). */
  nextPostIn(channel: ChannelLike | undefined | null, now: Date): Date | null {
    if (!channel?.scheduledSince || this.futureOpenIn(channel, now)) return null;
    return this.dueSlotIn(channel, now) ?? this.nextSlotToServe(channel, now);
  }

  /** The first slot strictly after `after`, not before the channel was scheduled, whose day has no challenge yet. */
  private nextSlotToServe(channel: ChannelLike, after: Date): Date | null {
    if (!channel.scheduledSince) return null;
    const calendar = this.calendar(channel);
    let slot = calendar.nextSlot(new Date(Math.max(after.getTime(), Date.parse(channel.scheduledSince) - 1)));
    for (let i = 0; slot && i < MAX_SERVED_DAYS_SKIPPED && served(channel, calendar.dayOf(slot)); i++) {
      slot = calendar.firstSlotAfterDay(calendar.dayOf(slot));
    }
    return slot;
  }

  /**
   * When the challenge of `day` posted at `postedAt` is revealed: `revealLeadMs` before the first slot
   * after its day (so an early `/coach post` stays open until the day after, and a Friday's or a
   * weekend admin post until Monday's), but never at or before its post: when the lead would reach back
   * that far, at that next slot itself. Null when the schedule never fires again (`/coach reveal` only).
   */
  revealTime(channel: { schedule?: ChannelData['schedule']; pausedDates: string[] } | undefined | null, day: string, postedAt: Date): Date | null {
    const next = this.calendar(channel).firstSlotAfterDay(day);
    if (!next) return null;
    const early = next.getTime() - this.config.revealLeadMs;
    return new Date(early > postedAt.getTime() ? early : next.getTime());
  }

  /**
   * Posts today's challenge unless the channel already has one for today (created false, the existing
   * one returned). Reveals a previous challenge still open first, so no debrief is ever skipped. Refuses
   * (future true, nothing changed) while a challenge dated in the future is open (see futureOpen).
   * Works on any day (an admin's explicit post); the scheduler calls it only for a due slot. Planned from
   * a read of the channel and recorded by the port's createChallenge, which refuses a second challenge of
   * the day (another replica's) and a plan made from a stale read (planned again, up to POST_ATTEMPTS).
   */
  async post(store: WorkspacePort, channelId: string, now: Date, channelName?: string): Promise<PostResult> {
    const scenarioIds = this.config.library.scenarios.map((s) => s.id);
    const name = cleanName(channelName);
    if (name) await store.updateChannel(channelId, (settings) => { settings.name = name; });
    for (let attempt = 0; attempt < POST_ATTEMPTS; attempt++) {
      const channel = await store.channel(channelId);
      const future = this.futureOpenIn(channel, now);
      if (future) return { challenge: future, created: false, revealed: null, future: true };
      const today = this.calendar(channel).dayOf(now);
      const existing = channel && todays(channel, today);
      if (existing) return { challenge: existing, created: false, revealed: null };
      const rotation = structuredClone(channel?.rotation ?? { order: [], next: 0 });
      const scenarioId = takeNext(rotation, scenariosInPlay(scenarioIds, channel?.scenariosOff), this.config.random);
      const revealAt = this.revealTime(channel, today, now);
      const outcome = await store.createChallenge(
        channelId,
        { id: `${today}-${scenarioId}`, scenarioId, day: today, postedAt: now.toISOString(), revealAt: revealAt ? revealAt.toISOString() : null },
        { expectLatest: channel?.challenges.at(-1)?.id ?? null, rotation, choiceCount: (id) => this.scenario(id)?.fr.choices.length ?? 0 },
      );
      if (outcome.kind === 'created') {
        if (outcome.revealed) await dropWordsAfterDebrief(store);
        return { challenge: outcome.challenge, created: true, revealed: outcome.revealed };
      }
      if (outcome.kind === 'exists') return { challenge: outcome.challenge, created: false, revealed: null };
    }
    throw new Error(`the challenge of channel ${channelId} could not be posted: the channel kept changing while it was planned`);
  }

  async answer(store: WorkspacePort, channelId: string, user: string, userName: string | undefined, challengeId: string | null, input: AnswerInput, now: Date): Promise<AnswerOutcome> {
    const found = await store.memberAnswer(channelId, challengeId, user);
    if (!found || (!found.challenge.revealedAt && isFuture(found.challenge, now))) return { kind: 'none' };
    const target = found.challenge;
    const scenario = this.scenario(target.scenarioId);
    if (!scenario) return { kind: 'none' };
    if ('choice' in input && (input.choice < 0 || input.choice >= scenario.fr.choices.length)) {
      return { kind: 'bad-choice', challenge: target, scenario };
    }
    if (found.answer) return { kind: 'already', challenge: target, scenario, answer: found.answer };
    if (target.revealedAt) return { kind: 'closed', challenge: target };
    // Grading is pure and may take a moment: done before the atomic step, which checks everything again.
    const grade = 'choice' in input
      ? this.config.grader.gradeChoice(scenario, input.choice)
      : this.config.grader.gradeText(scenario, input.text.slice(0, MAX_ANSWER_CHARS), input.lang);
    const name = cleanName(userName);
    const outcome = await store.recordAnswer(channelId, {
      challengeId: target.id,
      user,
      ...(name ? { name } : {}),
      answer: {
        at: now.toISOString(),
        choice: 'choice' in input ? input.choice : null,
        covered: grade.covered,
        missed: grade.missed,
        flags: grade.flags,
        score: grade.score,
        ...(input.lang ? { lang: input.lang } : {}),
      },
      week: isoWeek(target.day),
      streak: (previous, previousDay, day, points) => streakBonus(previous ?? undefined, previousDay, day, points),
    });
    switch (outcome.kind) {
      case 'recorded': {
        const words = 'text' in input ? input.text.slice(0, MAX_ANSWER_CHARS) : null;
        await this.followUp(store, { channel: channelId, user, challenge: outcome.challenge, answer: outcome.answer, grade, words, at: now });
        return { kind: 'recorded', challenge: outcome.challenge, scenario, answer: outcome.answer, grade, streak: outcome.streak };
      }
      case 'already': return { kind: 'already', challenge: outcome.challenge, scenario, answer: outcome.answer };
      case 'closed': return { kind: 'closed', challenge: outcome.challenge };
      case 'none': return { kind: 'none' };
    }
  }

  /**
   * Runs ChallengeConfig.onRecorded after the port recorded an answer. The follow-ups are extras: when
   * they fail, the answer itself stays recorded and its feedback is still given.
   */
  private async followUp(store: WorkspacePort, recorded: RecordedAnswer): Promise<void> {
    try {
      await this.config.onRecorded?.(store, recorded);
    } catch {
      // Nothing to undo: the port's step already committed the answer and its score.
    }
  }

  /**
   * Reveals the channel's open challenge, or with `id` that challenge only (the scheduler's: the one it saw
   * due, since another replica may have revealed it and posted the next one meanwhile, which must stay
   * open); null when there is none to reveal (or another caller just did). The words held for a contest
   * go at the debrief itself.
   */
  async reveal(store: WorkspacePort, channelId: string, now: Date, id: string | null = null): Promise<ChallengeData | null> {
    const revealed = await store.markRevealed(channelId, id, now.toISOString());
    if (revealed) await dropWordsAfterDebrief(store);
    return revealed;
  }

  /**
   * What the scheduler must do now in one workspace: per channel, the reveal due (its revealAt passed),
   * then the post due (dueSlot). A channel with an open challenge dated in the future gets neither.
   */
  due(ws: Readonly<WorkspaceData>, now: Date): { channel: string; action: 'post' | 'reveal' }[] {
    return Object.entries(ws.channels).flatMap(([channel, data]) => this.dueIn(data, now).map((action) => ({ channel, action })));
  }

  /** What is due now in one channel (stored, or the port's view): its reveal, then its post (see due). */
  dueIn(channel: ChannelLike, now: Date): ('post' | 'reveal')[] {
    if (this.futureOpenIn(channel, now)) return [];
    const out: ('post' | 'reveal')[] = [];
    const last = channel.challenges.at(-1);
    if (last && !last.revealedAt && last.revealAt && Date.parse(last.revealAt) <= now.getTime()) out.push('reveal');
    if (this.dueSlotIn(channel, now)) out.push('post');
    return out;
  }

  /**
   * The next instant strictly after `after` at which `due` will have something for a channel: the open
   * challenge's reveal or the next slot to serve. Null when nothing is ever due again. The
   * rehearsal clock plays a jump event by event with it (Scheduler.advance).
   */
  nextEvent(ws: Readonly<WorkspaceData>, channelId: string, after: Date): Date | null {
    return this.nextEventIn(ws.channels[channelId], after);
  }

  /** nextEvent on a channel (stored, or the port's view). */
  nextEventIn(channel: ChannelLike | undefined | null, after: Date): Date | null {
    if (!channel || this.futureOpenIn(channel, after)) return null;
    const last = channel.challenges.at(-1);
    const times: number[] = [];
    if (last && !last.revealedAt && last.revealAt && Date.parse(last.revealAt) > after.getTime()) times.push(Date.parse(last.revealAt));
    const post = this.nextSlotToServe(channel, after);
    if (post) times.push(post.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }
}

/**
 * Issue 14's privacy promise: the words held for a contest go at the debrief (WorkspacePort.
 * dropRevealedWords), whoever reveals (the scheduler, `/coach reveal`, a post revealing the one before);
 * the reminder tick's housekeeping catches any left by a failure here, which never fails the reveal.
 */
async function dropWordsAfterDebrief(store: WorkspacePort): Promise<void> {
  try {
    await store.dropRevealedWords();
  } catch {
    // Left for the tick's housekeeping: the debrief goes on.
  }
}
