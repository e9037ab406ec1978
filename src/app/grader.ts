// Connects the domain's Grader to the content-based grading, and builds the private feedback message.
import type { Lang, Library } from '../content/model.js';
import { tc } from '../core/challenge-i18n.js';
import type { RecordedOutcome } from '../core/commands/challenge-commands.js';
import type { Message } from '../core/message.js';
import type { Grader } from '../domain/challenges.js';
import { feedbackMessage, gradeChoice, gradeFreeText, type GradeResult } from '../grading/grade.js';

export function contentGrader(): Grader {
  return {
    // The domain stores only the fields it needs; the full result travels on for the feedback.
    gradeChoice: (scenario, index) => ({ ...gradeChoice(scenario, index, 'fr'), covered: [], missed: [], flags: [] }),
    gradeText: (scenario, text, lang) => gradeFreeText(scenario, text, lang),
  };
}

export function feedbackFor(library: Library) {
  return (outcome: RecordedOutcome, lang: Lang): Message => {
    const full = outcome.grade as unknown as GradeResult;
    const result = full.kind === 'choice' ? gradeChoice(outcome.scenario, full.index, lang) : full;
    const message = feedbackMessage(outcome.scenario, result, lang, library);
    const notes = [tc(lang, 'recorded')];
    if (outcome.answer.streakBonus > 0) notes.push(tc(lang, 'streak', { streak: outcome.streak, bonus: outcome.answer.streakBonus }));
    return {
      ...message,
      footnote: [message.footnote, notes.join(' ')].filter(Boolean).join(' · '),
      visibility: 'private',
      lang,
      ref: { kind: 'feedback', challengeId: outcome.challenge.id },
    };
  };
}
