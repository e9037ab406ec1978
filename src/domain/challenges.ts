// Daily challenges in a team channel: posting, answering once, revealing. Knows nothing of Slack or
// Teams; every change goes through the workspace's store slice in one update, so it is atomic.
import type { Lang, Library, Localized, Scenario } from '../content/model.js';
import { emptyChannel } from './channel-defaults.js';
import type { AnswerData, ChallengeData, ChannelData, WorkspaceData } from '../store/schema.js';
import type { WorkspaceStore } from '../store/store.js';
import type { HolidayCalendar } from './holidays.js';
import { takeNext } from './rotation.js';
import { nextPostTime, type ChannelSchedule } from './schedule.js';
import { applyScore, streakBonus } from './scores.js';
import { dayInZone } from './time.js';
import { cleanName } from '../text/display-name.js';

export interface GradeResult {
  score: number;
  max: number;
  covered: string[];
  missed: string[];
  flags: string[];
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
  random?: () => number;
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

  /** When the next scheduled post is due, or null when the channel is not scheduled. */
  nextPost(ws: Readonly<WorkspaceData>, channelId: string, now: Date): Date | null {
    const channel = ws.channels[channelId];
    if (!channel?.scheduledSince) return null;
    const last = channel.challenges.at(-1)?.postedAt;
    const from = new Date(Math.max(Date.parse(channel.scheduledSince), last ? Date.parse(last) : 0));
    return nextPostTime(this.schedule(channel), from, this.config.holidays, new Set(channel.pausedDates));
  }

  /**
   * Posts today's challenge unless the channel already has one for today. Reveals a previous challenge
   * still open first, so no debrief is ever skipped. Returns what happened, for the caller to announce.
   */
  async post(store: WorkspaceStore, channelId: string, now: Date, channelName?: string): Promise<{ challenge: ChallengeData; created: boolean; revealed: ChallengeData | null }> {
    const scenarioIds = this.config.library.scenarios.map((s) => s.id);
    return store.update((ws) => {
      const channel = (ws.channels[channelId] ??= emptyChannel());
      const name = cleanName(channelName);
      if (name) channel.name = name;
      const tz = this.schedule(channel).timezone;
      const today = dayInZone(now, tz);
      const last = channel.challenges.at(-1);
      if (last && last.day === today) return { challenge: last, created: false, revealed: null };
      let revealed: ChallengeData | null = null;
      if (last && !last.revealedAt) {
        last.revealedAt = now.toISOString();
        revealed = last;
      }
      const scenarioId = takeNext(channel.rotation, scenarioIds, this.config.random);
      const next = nextPostTime(this.schedule(channel), now, this.config.holidays, new Set(channel.pausedDates));
      const challenge: ChallengeData = {
        id: `${today}-${scenarioId}`,
        scenarioId,
        day: today,
        postedAt: now.toISOString(),
        revealAt: next ? new Date(Math.max(now.getTime(), next.getTime() - this.config.revealLeadMs)).toISOString() : null,
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
    if (!target) return { kind: 'none' };
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

  /** What the scheduler must do now in one workspace: reveals due, then posts due. */
  due(ws: Readonly<WorkspaceData>, now: Date): { channel: string; action: 'post' | 'reveal' }[] {
    const out: { channel: string; action: 'post' | 'reveal' }[] = [];
    for (const [channelId, channel] of Object.entries(ws.channels)) {
      const last = channel.challenges.at(-1);
      if (last && !last.revealedAt && last.revealAt && Date.parse(last.revealAt) <= now.getTime()) out.push({ channel: channelId, action: 'reveal' });
      const next = this.nextPost(ws, channelId, now);
      if (next && next.getTime() <= now.getTime()) out.push({ channel: channelId, action: 'post' });
    }
    return out;
  }

  private find(ws: Readonly<WorkspaceData>, channelId: string, challengeId: string | null): ChallengeData | null {
    const challenges = ws.channels[channelId]?.challenges ?? [];
    return challengeId ? challenges.find((c) => c.id === challengeId) ?? null : challenges.at(-1) ?? null;
  }
}
