// The person's home (Slack App Home, a Teams personal tab later): their points, rank and streak in each
// team channel, their best team's leaderboard, and the playbook index.
import type { Lang, Library } from '../content/model.js';
import { channelBoard } from '../domain/scores.js';
import { dayInZone } from '../domain/time.js';
import type { WorkspaceStore } from '../store/store.js';
import { fill } from './i18n.js';
import type { Message, MessageSection } from './message.js';
import { answersText, pts } from './board-i18n.js';
import { channelLabel, displayName } from './challenge-messages.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: { heading: 'Support Coach', mine: 'Vos points', row: '{channel} : {points}, rang {rank}, {answers}, série de {streak}', none: 'Pas encore de participation : répondez au prochain défi de votre équipe.', board: 'Classement · {channel}', playbooks: 'Playbooks', unranked: '—' },
  en: { heading: 'Support Coach', mine: 'Your points', row: '{channel}: {points}, rank {rank}, {answers}, streak {streak}', none: 'Not taken part yet: answer your team’s next challenge.', board: 'Leaderboard · {channel}', playbooks: 'Playbooks', unranked: '—' },
} as const;

export function homeMessage(library: Library, store: WorkspaceStore, user: string, lang: Lang, now: Date, timeZone: string): Message {
  const s = STRINGS[lang];
  const today = dayInZone(now, timeZone);
  const mine = store.read((ws) =>
    Object.entries(ws.channels)
      .filter(([, ch]) => ch.totals[user])
      .map(([id, ch]) => ({ id, name: channelLabel(ch.name, lang), board: channelBoard(ws, id, user, today) }))
      .sort((a, b) => (b.board.me?.points ?? 0) - (a.board.me?.points ?? 0)),
  );
  const sections: MessageSection[] = [{
    title: s.mine,
    parts: mine.length
      ? [{ kind: 'bullets', items: mine.map((m) => ({ text: fill(s.row, { channel: m.name, points: pts(lang, m.board.me?.points ?? 0), rank: m.board.me?.allTimeRank ? `#${m.board.me.allTimeRank}` : s.unranked, answers: answersText(lang, m.board.me?.answers ?? 0), streak: m.board.me?.streak ?? 0 }) })) }]
      : [{ kind: 'text', text: s.none }],
  }];
  const best = mine[0];
  if (best) {
    sections.push({
      title: fill(s.board, { channel: best.name }),
      parts: [{ kind: 'bullets', items: best.board.allTime.map((e) => ({ text: `${e.rank}. ${displayName(e.name, lang)} · ${pts(lang, e.points)}` })) }],
    });
  }
  sections.push({ title: s.playbooks, parts: [{ kind: 'bullets', items: library.playbooks.map((p) => ({ text: `${p[lang].title} (/playbook ${p.id})` })) }] });
  return { heading: s.heading, sections, actions: library.playbooks.map((p) => ({ label: p[lang].title, value: `/playbook ${p.id}` })), visibility: 'private', lang };
}
