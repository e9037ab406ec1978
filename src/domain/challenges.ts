// Daily challenges in a team channel: posting, answering once, revealing. Knows nothing of Slack or
// Teams; every change goes through the workspace's store slice in one update, so it is atomic.
import type { Lang, Library, Localized, Scenario } from '../content/model.js';
import { emptyChannel } from './channel-defaults.js';
import type { AnswerData, ChallengeData, ChannelData, WorkspaceData } from '../store/schema.js';
import type { WorkspaceStore } from '../store/store.js';
import type { HolidayCalendar } from './holidays.js';
import { scenariosInPlay, takeNext } from './rotation.js';
import { SlotCalendar, type ChannelSchedule } from './schedule.js';
import { applyScore, streakBonus } from './scores.js';
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
   * Runs inside the store update that records an answer, after its score (issue 14: the member's practice
   * record, the review queue, the words held for a contest), so the answer and its follow-ups are one
   * write. `words`: the free-text answer as graded, null for a choice. Must not throw.
   */
  onRecorded?: (ws: WorkspaceData, recorded: RecordedAnswer) => void;
  random?: () => number;
}

/** What ChallengeConfig.onRecorded receives about an answer just recorded. */
export interface RecordedAnswer {
  channel: string;
  user: string;
  challenge: ChallengeData;
  answer: AnswerData;
  grade: GradeResult;
  words: string | null;
  at: Date;
}

/** A choice (from 0) or words; `lang`: the language the person is answered in, kept with the answer. */
export type AnswerInput = { choice: number; lang?: Lang } | { text: string; lang: Lang };

export type AnswerOutcome =
  | { kind: 'recorded'; challenge: ChallengeData; scenario: Localized<Scenario>; answer: AnswerData; grade: GradeResult; streak: number }
  | { kind: 'already'; challenge: ChallengeData; scenario: Localized<Scenario>; answer: AnswerData }
  | { kind: 'closed'; challenge: ChallengeData }
  | { kind: 'none' }
  | { kind: 'bad-choice'; challenge: ChallengeData; scenario: Localized<Scenario> };

/** Longest free-text answer graded; longer ones are cut (the grade only needs the gist). */
export const MAX_ANSWER_CHARS = 3000;

/** Revealed challenges older than this many posts keep counts only (see ChallengeData.summary). */
export const KEEP_ANSWERS_OF_LAST = 10;

export function compact(challenge: ChallengeData, choiceCount: number): void {
  if (challenge.summary || !challenge.revealedAt) return;
  const answers = Object.values(challenge.answers);
  challenge.summary = {
    answers: answers.length,
    choices: Array.from({ length: choiceCount }, (_, i) => answers.filter((a) => a.choice === i).length),
    ownWords: answers.filter((a) => a.choice === null).length,
    scoreSum: answers.reduce((sum, a) => sum + a.score, 0),
  };
  challenge.answers = {};
}

/** A challenge posted more than this after "now" is dated in the future (a small clock step is not). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** How many already-served slot days nextPost looks past (admin posts ahead of their slots). */
const MAX_SERVED_DAYS_SKIPPED = 400;

/** Whether a challenge was posted more than FUTURE_TOLERANCE_MS after `now` (see Challenges.futureOpen). */
export function isFuture(challenge: Readonly<ChallengeData>, now: Date): boolean {
  return Date.parse(challenge.postedAt) > now.getTime() + FUTURE_TOLERANCE_MS;
}

/** The channel's challenge of `day`, if any (challenges are kept in posting order). */
function todays(channel: Readonly<ChannelData>, day: string): ChallengeData | null {
  for (let i = channel.challenges.length - 1; i >= 0; i--) {
    const challenge = channel.challenges[i]!;
    if (challenge.day === day) return challenge;
    if (challenge.day < day) return null;
  }
  return null;
}

function served(channel: Readonly<ChannelData>, day: string): boolean {
  return todays(channel, day) !== null;
}

export class Challenges {
  constructor(private readonly config: ChallengeConfig) {}

  scenario(id: string): Localized<Scenario> | undefined {
    return this.config.library.scenarios.find((s) => s.id === id);
  }

  schedule(channel: Readonly<ChannelData> | undefined): ChannelSchedule {
    return channel?.schedule ?? this.config.defaultSchedule;
  }

  /** The channel's latest challenge, revealed or not. */
  current(ws: Readonly<WorkspaceData>, channelId: string): ChallengeData | null {
    return ws.channels[channelId]?.challenges.at(-1) ?? null;
  }

  /** The channel's working days and slots: its schedule, the holidays, its paused dates. */
  calendar(channel: Readonly<ChannelData> | undefined): SlotCalendar {
    return new SlotCalendar(this.schedule(channel), this.config.holidays, new Set(channel?.pausedDates ?? []));
  }

  /**
   * The channel's latest challenge when it is still open and dated in the future (posted more than
   * FUTURE_TOLERANCE_MS after `now`): left by a rehearsal of an older version, or a clock set back.
   * While there is one, nothing is posted or revealed automatically, `/coach post` refuses, and
   * `/scenario` and `/coach schedule` say so; an admin closes it with `/coach reveal`. Null otherwise.
   */
  futureOpen(ws: Readonly<WorkspaceData>, channelId: string, now: Date): ChallengeData | null {
    const last = this.current(ws, channelId);
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
    const channel = ws.channels[channelId];
    if (!channel?.scheduledSince || this.futureOpen(ws, channelId, now)) return null;
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
    const channel = ws.channels[channelId];
    if (!channel?.scheduledSince || this.futureOpen(ws, channelId, now)) return null;
    return this.dueSlot(ws, channelId, now) ?? this.nextSlotToServe(channel, now);
  }

  /** The first slot strictly after `after`, not before the channel was scheduled, whose day has no challenge yet. */
  private nextSlotToServe(channel: Readonly<ChannelData>, after: Date): Date | null {
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
  revealTime(channel: Readonly<ChannelData> | undefined, day: string, postedAt: Date): Date | null {
    const next = this.calendar(channel).firstSlotAfterDay(day);
    if (!next) return null;
    const early = next.getTime() - this.config.revealLeadMs;
    return new Date(early > postedAt.getTime() ? early : next.getTime());
  }

  /**
   * Posts today's challenge unless the channel already has one for today (created false, the existing
   * one returned). Reveals a previous challenge still open first, so no debrief is ever skipped. Refuses
   * (future true, nothing changed) while a challenge dated in the future is open (see futureOpen).
   * Works on any day (an admin's explicit post); the scheduler calls it only for a due slot.
   */
  async post(store: WorkspaceStore, channelId: string, now: Date, channelName?: string): Promise<{ challenge: ChallengeData; created: boolean; revealed: ChallengeData | null; future?: boolean }> {
    const scenarioIds = this.config.library.scenarios.map((s) => s.id);
    return store.update((ws) => {
      const channel = (ws.channels[channelId] ??= emptyChannel());
      const name = cleanName(channelName);
      if (name) channel.name = name;
      const future = this.futureOpen(ws, channelId, now);
      if (future) return { challenge: future, created: false, revealed: null, future: true };
      const today = this.calendar(channel).dayOf(now);
      const existing = todays(channel, today);
      if (existing) return { challenge: existing, created: false, revealed: null };
      const last = channel.challenges.at(-1);
      let revealed: ChallengeData | null = null;
      if (last && !last.revealedAt) {
        last.revealedAt = now.toISOString();
        revealed = last;
      }
      const scenarioId = takeNext(channel.rotation, scenariosInPlay(scenarioIds, channel.scenariosOff), this.config.random);
      const revealAt = this.revealTime(channel, today, now);
      const challenge: ChallengeData = {
        id: `${today}-${scenarioId}`,
        scenarioId,
        day: today,
        postedAt: now.toISOString(),
        revealAt: revealAt ? revealAt.toISOString() : null,
        revealedAt: null,
        answers: {},
      };
      channel.challenges.push(challenge);
      const old = channel.challenges.at(-1 - KEEP_ANSWERS_OF_LAST);
      if (old) compact(old, this.scenario(old.scenarioId)?.fr.choices.length ?? 0);
      return { challenge, created: true, revealed };
    });
  }

  async answer(store: WorkspaceStore, channelId: string, user: string, userName: string | undefined, challengeId: string | null, input: AnswerInput, now: Date): Promise<AnswerOutcome> {
    // Grading is pure and may take a moment: do it before entering the serialised update.
    const target = store.read((ws) => this.find(ws, channelId, challengeId));
    if (!target || (!target.revealedAt && isFuture(target, now))) return { kind: 'none' };
    const scenario = this.scenario(target.scenarioId);
    if (!scenario) return { kind: 'none' };
    if ('choice' in input && (input.choice < 0 || input.choice >= scenario.fr.choices.length)) {
      return { kind: 'bad-choice', challenge: target, scenario };
    }
    const grade = 'choice' in input
      ? this.config.grader.gradeChoice(scenario, input.choice)
      : this.config.grader.gradeText(scenario, input.text.slice(0, MAX_ANSWER_CHARS), input.lang);

    return store.update((ws): AnswerOutcome => {
      const channel = ws.channels[channelId];
      const challenge = channel && this.find(ws, channelId, target.id);
      if (!channel || !challenge) return { kind: 'none' };
      const existing = challenge.answers[user];
      if (existing) return { kind: 'already', challenge, scenario, answer: existing };
      if (challenge.revealedAt) return { kind: 'closed', challenge };
      const member = (ws.members[user] ??= {});
      const name = cleanName(userName);
      if (name) member.name = name;
      const index = channel.challenges.indexOf(challenge);
      const previousDay = index > 0 ? channel.challenges[index - 1]!.day : null;
      const { streak, bonus } = streakBonus(channel.totals[user], previousDay, challenge.day, grade.score);
      const answer: AnswerData = {
        at: now.toISOString(),
        choice: 'choice' in input ? input.choice : null,
        covered: grade.covered,
        missed: grade.missed,
        flags: grade.flags,
        score: grade.score,
        streakBonus: bonus,
        ...(input.lang ? { lang: input.lang } : {}),
      };
      challenge.answers[user] = answer;
      applyScore(ws, channelId, user, { day: challenge.day, at: now, score: grade.score, bonus, streak, challengeId: challenge.id });
      try {
        this.config.onRecorded?.(ws, { channel: channelId, user, challenge, answer, grade, words: 'text' in input ? input.text.slice(0, MAX_ANSWER_CHARS) : null, at: now });
      } catch {
        // The follow-ups (practice record, review queue) are extras: the answer itself stays recorded.
      }
      return { kind: 'recorded', challenge, scenario, answer, grade, streak };
    });
  }

  /** Reveals the channel's open challenge; null when there is none to reveal. */
  async reveal(store: WorkspaceStore, channelId: string, now: Date): Promise<ChallengeData | null> {
    return store.update((ws) => {
      const challenge = ws.channels[channelId]?.challenges.at(-1);
      if (!challenge || challenge.revealedAt) return null;
      challenge.revealedAt = now.toISOString();
      return challenge;
    });
  }

  /**
   * What the scheduler must do now in one workspace: per channel, the reveal due (its revealAt passed),
   * then the post due (dueSlot). A channel with an open challenge dated in the future gets neither.
   */
  due(ws: Readonly<WorkspaceData>, now: Date): { channel: string; action: 'post' | 'reveal' }[] {
    const out: { channel: string; action: 'post' | 'reveal' }[] = [];
    for (const [channelId, channel] of Object.entries(ws.channels)) {
      if (this.futureOpen(ws, channelId, now)) continue;
      const last = channel.challenges.at(-1);
      if (last && !last.revealedAt && last.revealAt && Date.parse(last.revealAt) <= now.getTime()) out.push({ channel: channelId, action: 'reveal' });
      if (this.dueSlot(ws, channelId, now)) out.push({ channel: channelId, action: 'post' });
    }
    return out;
  }

  /**
   * The next instant strictly after `after` at which `due` will have something for a channel: the open
   * challenge's reveal or the next slot to serve. Null when nothing is ever due again. The
   * rehearsal clock plays a jump event by event with it (Scheduler.advance).
   */
  nextEvent(ws: Readonly<WorkspaceData>, channelId: string, after: Date): Date | null {
    const channel = ws.channels[channelId];
    if (!channel || this.futureOpen(ws, channelId, after)) return null;
    const last = channel.challenges.at(-1);
    const times: number[] = [];
    if (last && !last.revealedAt && last.revealAt && Date.parse(last.revealAt) > after.getTime()) times.push(Date.parse(last.revealAt));
    const post = this.nextSlotToServe(channel, after);
    if (post) times.push(post.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  private find(ws: Readonly<WorkspaceData>, channelId: string, challengeId: string | null): ChallengeData | null {
    const challenges = ws.channels[channelId]?.challenges ?? [];
    return challengeId ? challenges.find((c) => c.id === challengeId) ?? null : challenges.at(-1) ?? null;
  }
}
