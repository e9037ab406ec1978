// Challenges, debriefs and leaderboards as neutral messages.
import type { Lang, Localized, Scenario } from '../content/model.js';
import type { ChannelBoard, TeamEntry, BoardEntry } from '../domain/scores.js';
import type { ChallengeData } from '../store/schema.js';
import { formatWhen, tc } from './challenge-i18n.js';
import type { Message, MessageSection } from './message.js';
import { blocksToSection } from './playbook-message.js';

export function challengePost(challenge: ChallengeData, pair: Localized<Scenario>, lang: Lang, timeZone: string, visibility: Message['visibility']): Message {
  const scenario = pair[lang];
  const question = blocksToSection(scenario.question);
  const count = Object.keys(challenge.answers).length;
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
    const average = answers.reduce((s, a) => s + a.score, 0) / answers.length;
    stats.push(tc(lang, 'debriefCount', { count: answers.length, average: average.toFixed(1) }));
  }
  const spread = scenario.choices.map((c, i) => ({
    text: tc(lang, 'choiceCount', { label: `${i + 1}. ${c.text}${c.best ? ' ✓' : ''}`, count: answers.filter((a) => a.choice === i).length }),
  }));
  spread.push({ text: tc(lang, 'ownWordsCount', { count: answers.filter((a) => a.choice === null).length }) });
  sections.push({ title: tc(lang, 'debriefStats'), parts: [{ kind: 'text', text: stats.join(' ') }, { kind: 'bullets', items: spread }] });
  return {
    heading: tc(lang, 'debriefHeading', { title: scenario.title }),
    sections,
    footnote: scenario.playbooks.map((id) => `/playbook ${id}`).join(' · '),
    visibility: 'public',
    lang,
    ref: { kind: 'debrief', challengeId: challenge.id },
  };
}

export function leaderboardMessage(board: ChannelBoard, channelName: string, lang: Lang): Message {
  const entry = (e: BoardEntry) => ({
    text: tc(lang, 'boardEntry', { rank: e.rank, name: e.name, points: e.points, streak: e.streak > 1 ? tc(lang, 'boardStreak', { streak: e.streak }) : '' }),
  });
  const list = (title: string, entries: BoardEntry[]): MessageSection => ({
    title,
    parts: entries.length ? [{ kind: 'bullets', items: entries.map(entry) }] : [{ kind: 'text', text: tc(lang, 'boardEmpty') }],
  });
  const rank = (r: number | null) => (r === null ? tc(lang, 'rankNone') : `#${r}`);
  return {
    heading: tc(lang, 'boardHeading', { channel: channelName }),
    sections: [list(tc(lang, 'boardWeek'), board.week), list(tc(lang, 'boardAllTime'), board.allTime)],
    footnote: board.me
      ? tc(lang, 'boardMe', { weekRank: rank(board.me.weekRank), weekPoints: board.me.weekPoints, allRank: rank(board.me.allTimeRank), points: board.me.points, streak: board.me.streak })
      : tc(lang, 'boardMeNone'),
    visibility: 'private',
    lang,
  };
}

export function teamsMessage(teams: TeamEntry[], lang: Lang): Message {
  return {
    heading: tc(lang, 'teamsHeading'),
    sections: [{
      parts: teams.length
        ? [{ kind: 'bullets', items: teams.map((t) => ({ text: tc(lang, 'teamEntry', { ...t }) })) }]
        : [{ kind: 'text', text: tc(lang, 'boardEmpty') }],
    }],
    visibility: 'private',
    lang,
  };
}
