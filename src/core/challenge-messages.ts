// Challenges, debriefs and leaderboards as neutral messages.
import type { Lang, Localized, Scenario } from '../content/model.js';
import type { ChannelBoard, TeamEntry, BoardEntry } from '../domain/scores.js';
import type { ChallengeData } from '../store/schema.js';
import type { ChallengeHead } from '../store/port.js';
import { formatWhen, tc } from './challenge-i18n.js';
import type { Message, MessageSection } from './message.js';
import { blocksToSection } from './playbook-message.js';
import { answersText, membersText, pointsText, pts, tb } from './board-i18n.js';
import { td } from './debrief-i18n.js';
import { cleanName } from '../text/display-name.js';

export function challengePost(challenge: ChallengeData | ChallengeHead, pair: Localized<Scenario>, lang: Lang, timeZone: string, visibility: Message['visibility']): Message {
  const scenario = pair[lang];
  const question = blocksToSection(scenario.question);
  const count = 'answerCount' in challenge ? challenge.answerCount : Object.keys(challenge.answers).length;
  return {
    heading: tc(lang, 'postHeading', { title: scenario.title }),
    sections: [
      { parts: [{ kind: 'text', text: tc(lang, 'postIntro', { number: scenario.number }) }] },
      ...(question ? [question] : []),
    ],
    actions: [
      ...scenario.choices.map((c, i) => ({ label: c.text, value: `/answer ${challenge.id} ${i + 1}` })),
      { label: tc(lang, 'ownWords'), value: `/answer ${challenge.id} `, input: { hint: tc(lang, 'ownWordsHint') } },
    ],
    footnote: [
      challenge.revealAt ? tc(lang, 'revealAt', { when: formatWhen(new Date(challenge.revealAt), lang, timeZone) }) : tc(lang, 'revealManual'),
      tc(lang, 'answeredCount', { count }),
    ].join(' '),
    visibility,
    lang,
    ref: { kind: 'challenge', challengeId: challenge.id },
  };
}

export function debriefMessage(challenge: ChallengeData, pair: Localized<Scenario>, lang: Lang): Message {
  const scenario = pair[lang];
  const best = scenario.choices.findIndex((c) => c.best);
  const answers = Object.values(challenge.answers);
  const sections: MessageSection[] = [];
  if (best >= 0) {
    sections.push({
      title: tc(lang, 'debriefBest', { choice: `${best + 1}. ${scenario.choices[best]!.text}` }),
      parts: [{ kind: 'text', text: scenario.choices[best]!.explanation }],
    });
  }
  const model = blocksToSection(scenario.debrief);
  if (model) sections.push({ title: tc(lang, 'debriefModel'), ...model });
  const stats: string[] = [];
  if (answers.length === 0) stats.push(tc(lang, 'debriefNone'));
  else {
    const average = (answers.reduce((s, a) => s + a.score, 0) / answers.length).toFixed(1);
    stats.push(answers.length === 1 ? tc(lang, 'debriefCountOne', { average }) : tc(lang, 'debriefCount', { count: answers.length, average }));
  }
  const spread = scenario.choices.map((c, i) => ({
    // The number only: the best choice is told in full above, and every option was in the post.
    text: tc(lang, 'choiceCount', { label: `${i + 1}${c.best ? ' ✓' : ''}`, count: answers.filter((a) => a.choice === i).length }),
  }));
  spread.push({ text: tc(lang, 'ownWordsCount', { count: answers.filter((a) => a.choice === null).length }) });
  sections.push({ title: tc(lang, 'debriefStats'), parts: [{ kind: 'text', text: stats.join(' ') }, { kind: 'bullets', items: spread }] });
  return {
    heading: tc(lang, 'debriefHeading', { title: scenario.title }),
    sections,
    footnote: tc(lang, 'debriefPlaybooks', { commands: scenario.playbooks.map((id) => `/playbook ${id}`).join(', ') }),
    visibility: 'public',
    lang,
    ref: { kind: 'debrief', challengeId: challenge.id },
  };
}

/**
 * The debrief as sent privately, at the reveal, to one person who answered: their own answer and score
 * first, then the same debrief as the thread's (best choice, model answer, participation). Addressed to
 * `user` (Message.to), in their language; no ref, so no surface threads or counts it as the public one.
 */
export function privateDebriefMessage(challenge: ChallengeData, pair: Localized<Scenario>, user: string, lang: Lang, channelName: string): Message {
  const debrief = debriefMessage(challenge, pair, lang);
  const answer = challenge.answers[user];
  const sections = [...debrief.sections];
  if (answer) {
    const choice = answer.choice !== null ? pair[lang].choices[answer.choice] : undefined;
    sections.unshift({
      title: td(lang, 'yours', { score: answer.score, bonus: answer.streakBonus > 0 ? td(lang, 'yoursBonus', { bonus: pointsText(lang, answer.streakBonus, true) }) : '' }),
      parts: [{ kind: 'text', text: choice ? `${answer.choice! + 1}. ${choice.text}` : td(lang, 'yoursOwnWords') }],
    });
  }
  const { ref: _public, ...rest } = debrief;
  return { ...rest, sections, footnote: [td(lang, 'privateCopy', { channel: channelName }), debrief.footnote].filter(Boolean).join(' · '), visibility: 'private', to: user };
}

/** Where a board or a reply names someone: their display name, else a neutral label (never a raw id). */
export function displayName(name: string | undefined, lang: Lang): string {
  return cleanName(name) ?? tb(lang, 'unnamedMember');
}

/** A channel's name for people: its display name, else a neutral label (never a raw id). */
export function channelLabel(name: string | undefined, lang: Lang): string {
  return cleanName(name) ?? tb(lang, 'unnamedChannel');
}

export interface BoardContext {
  /** Asked in a one-to-one chat with the coach: the board shown is the person's team, named as such. */
  direct?: boolean;
  /** The person's other teams (display names), listed after a board asked in a one-to-one chat. */
  others?: string[];
}

export function leaderboardMessage(board: ChannelBoard, channelName: string, lang: Lang, context: BoardContext = {}): Message {
  const entry = (e: BoardEntry) => ({
    text: tb(lang, 'boardEntry', { rank: e.rank, name: displayName(e.name, lang), points: pts(lang, e.points), streak: e.streak > 1 ? tb(lang, 'boardStreak', { streak: e.streak }) : '' }),
  });
  const list = (title: string, entries: BoardEntry[]): MessageSection => ({
    title,
    parts: entries.length ? [{ kind: 'bullets', items: entries.map(entry) }] : [{ kind: 'text', text: tb(lang, 'boardEmpty') }],
  });
  const rank = (r: number | null) => (r === null ? tb(lang, 'rankNone') : `#${r}`);
  const me = board.me;
  const sections = [list(tb(lang, 'boardWeek'), board.week), list(tb(lang, 'boardAllTime'), board.allTime)];
  if (context.direct) sections.unshift({ parts: [{ kind: 'text', text: tb(lang, 'directShows', { channel: channelName }) }] });
  if (context.others?.length) sections.push({ parts: [{ kind: 'text', text: tb(lang, 'directOthers', { channels: context.others.join(', ') }) }] });
  return {
    heading: tb(lang, 'boardHeading', { channel: channelName }),
    sections,
    footnote: me
      ? tb(lang, 'boardMe', {
          weekRank: rank(me.weekRank), weekPoints: pts(lang, me.weekPoints), allRank: rank(me.allTimeRank), points: pts(lang, me.points),
          answers: answersText(lang, me.answers), streak: me.streak,
        })
      : tb(lang, 'boardMeNone'),
    visibility: 'private',
    lang,
  };
}

export function teamsMessage(teams: TeamEntry[], lang: Lang): Message {
  const line = (t: TeamEntry) => tb(lang, 'teamEntry', {
    rank: t.rank, name: channelLabel(t.name, lang), points: pts(lang, t.points), weekPoints: pts(lang, t.weekPoints), members: membersText(lang, t.members),
  });
  return {
    heading: tb(lang, 'teamsHeading'),
    sections: [{
      parts: teams.length
        ? [{ kind: 'bullets', items: teams.map((t) => ({ text: line(t) })) }]
        : [{ kind: 'text', text: tb(lang, 'boardEmpty') }],
    }],
    visibility: 'private',
    lang,
  };
}
