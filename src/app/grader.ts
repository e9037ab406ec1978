// Connects the domain's Grader to the content-based grading, and builds the private feedback message.
import type { Lang, Library } from '../content/model.js';
import { tc } from '../core/challenge-i18n.js';
import { pointsText } from '../core/board-i18n.js';
import type { RecordedOutcome } from '../core/commands/challenge-commands.js';
import type { Message } from '../core/message.js';
import type { Grader } from '../domain/challenges.js';
import { MAX_POINTS } from '../content/model.js';
import { feedbackMessage, gradeChoice, gradeFreeText } from '../grading/grade.js';
import type { GradeFacts } from '../grading/feedback.js';
import { gradeDoubts } from '../grading/doubt.js';

export function contentGrader(): Grader {
  return {
    gradeChoice: (scenario, index) => ({ score: gradeChoice(scenario, index, 'fr').score, max: MAX_POINTS, covered: [], missed: [], flags: [] }),
    gradeText: (scenario, text, lang) => {
      const result = gradeFreeText(scenario, text, lang);
      const { score, max, covered, missed, flags } = result;
      const doubts = gradeDoubts(scenario, result, lang);
      return { score, max, covered, missed, flags, ...(doubts.length ? { doubts } : {}) };
    },
  };
}

/** The feedback on a recorded answer, from what was stored with it (no second grading). */
export function feedbackFor(library: Library) {
  return (outcome: RecordedOutcome, lang: Lang): Message => {
    const { answer } = outcome;
    const facts: GradeFacts = answer.choice !== null
      ? { kind: 'choice', index: answer.choice, score: answer.score, max: MAX_POINTS }
      : { kind: 'free-text', score: answer.score, max: MAX_POINTS, covered: answer.covered, missed: answer.missed, flags: answer.flags };
    const message = feedbackMessage(outcome.scenario, facts, lang, library);
    const notes = [tc(lang, 'recorded')];
    if (outcome.answer.streakBonus > 0) notes.push(tc(lang, 'streak', { streak: outcome.streak, bonus: pointsText(lang, outcome.answer.streakBonus, true) }));
    return {
      ...message,
      footnote: [message.footnote, notes.join(' ')].filter(Boolean).join(' · '),
      visibility: 'private',
      lang,
      ref: { kind: 'feedback', challengeId: outcome.challenge.id },
    };
  };
}
