// The person's home (Slack App Home, a Teams personal tab later): their points, rank and streak in each
// team channel, their best team's leaderboard, and the playbook index.
import type { Lang, Library } from '../content/model.js';
import { TOP, boardOf } from '../domain/scores.js';
import { dayInZone, isoWeek } from '../domain/time.js';
import type { WorkspacePort } from '../store/port.js';
import { fill } from './i18n.js';
import type { Message, MessageSection } from './message.js';
import { answersText, pts } from './board-i18n.js';
import { channelLabel, displayName } from './challenge-messages.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: { heading: 'Support Coach', mine: 'Vos points', row: '{channel} : {points}, rang {rank}, {answers}, série de {streak}', none: 'Pas encore de participation : répondez au prochain défi de votre équipe.', board: 'Classement · {channel}', playbooks: 'Playbooks', unranked: '—' },
  en: { heading: 'Support Coach', mine: 'Your points', row: '{channel}: {points}, rank {rank}, {answers}, streak {streak}', none: 'Not taken part yet: answer your team’s next challenge.', board: 'Leaderboard · {channel}', playbooks: 'Playbooks', unranked: '—' },
} as const;

export async function homeMessage(library: Library, store: WorkspacePort, user: string, lang: Lang, now: Date, timeZone: string): Promise<Message> {
  const s = STRINGS[lang];
  const week = isoWeek(dayInZone(now, timeZone));
  // The person's teams, most points first (WorkspacePort.memberChannels), each board from the indexed totals.
  const teams = (await store.memberChannels(user)).slice(0, 20);
  const mine = await Promise.all(teams.map(async (t) => ({
    id: t.channel,
    name: channelLabel(t.name, lang),
    board: boardOf(await store.channelBoard(t.channel, { week, viewer: user, limit: TOP }), await store.channel(t.channel)),
  })));
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
