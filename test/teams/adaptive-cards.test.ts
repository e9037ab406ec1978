// The Adaptive Cards renderer: AdaptiveCard 1.5 JSON, inert text, one submit per choice plus the
// own-words input, and Teams' size limit.
import { join } from 'node:path';
import { buildCoach } from '../../src/app/build-coach.js';
import { challengePost, debriefMessage, leaderboardMessage, teamsMessage } from '../../src/core/challenge-messages.js';
import type { Message } from '../../src/core/message.js';
import { playbookMessage } from '../../src/core/playbook-message.js';
import { ANSWER_INPUT_ID, CARD_LIMITS, cardText, escapeCardText, renderAdaptiveCards, type CardElement } from '../../src/render/adaptive-cards.js';
import { splitText } from '../../src/render/split-text.js';
import type { ChallengeData } from '../../src/store/schema.js';
import { root } from '../helpers.js';

const { library } = buildCoach({ contentDir: join(root, 'content'), defaultLang: 'fr' });
const TEAMS_MAX_BYTES = 28 * 1024;

/** Every TextBlock text of a card list. */
const blocks = (cards: ReturnType<typeof renderAdaptiveCards>): string[] =>
  cards.flatMap((c) => [...c.body, ...(c.body.flatMap((e) => (e.type === 'ActionSet' ? (e.actions as CardElement[]) : [])))]).filter((e) => e.type === 'TextBlock').map((e) => e.text as string);

test('user text cannot forge a link (inline, reference or autolink) nor a list or heading', () => {
  const evil = '[your bank](http://evil.example) [ref][1]\n[1]: http://evil.example <https://evil.example> ] (x)\n- item\n# title\n> quote\n1. one';
  const [card] = renderAdaptiveCards({
    heading: evil,
    sections: [{ title: evil, parts: [{ kind: 'text', text: evil }, { kind: 'bullets', items: [{ text: evil, children: [{ text: evil }] }] }] }],
    footnote: evil,
    visibility: 'private',
  });
  const texts = blocks([card!]);
  expect(texts.length).toBeGreaterThan(4);
  for (const t of texts) {
    expect(t).not.toMatch(/\]\s*[([:]/);
    expect(t).not.toMatch(/<https?:/);
    expect(t).not.toMatch(/^\s*([-+*]|#{1,6}|>|\d+[.)])\s/m);
  }
  // It still reads the same once the zero-width spaces are gone.
  expect(escapeCardText(evil).replaceAll('\u200b', '')).toBe(evil);
});

test('AdaptiveCard 1.5: wrapped TextBlocks, a bold larger heading, "• " bullets, a small subtle footnote', () => {
  const [card] = renderAdaptiveCards({
    heading: 'Titre',
    sections: [{ title: 'Section', parts: [{ kind: 'text', text: 'Paragraphe' }, { kind: 'bullets', items: [{ text: 'un', children: [{ text: 'sous-point' }] }, { text: 'deux' }] }] }],
    footnote: 'Note',
    visibility: 'private',
  });
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  for (const e of card!.body) expect(e).toMatchObject({ type: 'TextBlock', wrap: true });
  expect(card!.body[0]).toMatchObject({ text: 'Titre', weight: 'Bolder', size: 'Large' });
  expect(card!.body.map((e) => e.text)).toEqual(expect.arrayContaining(['• un', '• deux']));
  expect(card!.body.some((e) => String(e.text).includes('◦ sous-point'))).toBe(true);
  expect(card!.body.at(-1)).toMatchObject({ text: 'Note', size: 'Small', isSubtle: true });
  expect(card!.actions).toBeUndefined();
});

test('a challenge: one Action.Submit per choice carrying its command, an own-words input and its submit', () => {
  const pair = library.scenarios[0]!;
  const challenge: ChallengeData = { id: '2100-03-01-' + pair.id, scenarioId: pair.id, day: '2100-03-01', postedAt: '2100-03-01T14:00:00Z', revealAt: null, revealedAt: null, answers: {} };
  const message = challengePost(challenge, pair, 'fr', 'America/Toronto', 'public');
  const cards = renderAdaptiveCards(message);
  expect(cards).toHaveLength(1);
  const card = cards[0]!;
  const submits = [...(card.actions ?? []), ...card.body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as CardElement[])];
  const choices = pair.fr.choices;
  expect(submits).toHaveLength(choices.length + 1);
  choices.forEach((_, i) => expect(submits[i]).toMatchObject({ type: 'Action.Submit', data: { coach: `/answer ${challenge.id} ${i + 1}`, lang: 'fr' } }));
  expect(submits.at(-1)).toMatchObject({ type: 'Action.Submit', data: { coach: `/answer ${challenge.id} `, input: ANSWER_INPUT_ID } });
  expect(card.body.find((e) => e.type === 'Input.Text')).toMatchObject({ id: ANSWER_INPUT_ID, isMultiline: true, maxLength: CARD_LIMITS.answer });
  for (const s of submits) expect(String(s.title).length).toBeLessThanOrEqual(CARD_LIMITS.actionTitle);
  // Long choices are listed in full, numbered like their buttons.
  if (choices.some((c) => c.text.length > CARD_LIMITS.actionTitle)) {
    const text = cardText(card);
    choices.forEach((c, i) => expect(text).toContain(`${i + 1}. ${c.text}`));
    choices.forEach((_, i) => expect(submits[i]!.title).toBe(`Option ${i + 1}`));
  }
  expect(card.body.find((e) => e.type === 'Input.Text')!.placeholder).toContain('dans vos mots');
});

test('debriefs, leaderboards and the teams board render', () => {
  const pair = library.scenarios[0]!;
  const challenge: ChallengeData = {
    id: 'c1', scenarioId: pair.id, day: '2100-03-01', postedAt: '2100-03-01T14:00:00Z', revealAt: null, revealedAt: '2100-03-02T13:00:00Z',
    answers: { u1: { at: '2100-03-01T15:00:00Z', choice: 0, covered: [], missed: [], flags: [], score: 7, streakBonus: 0 } },
  };
  expect(cardText(renderAdaptiveCards(debriefMessage(challenge, pair, 'fr'))[0]!)).toContain('Corrigé');
  const board = leaderboardMessage({ week: [{ rank: 1, name: '[Bob](http://evil.example)', points: 9, streak: 2 }], allTime: [], me: null } as never, 'support', 'en');
  const text = blocks(renderAdaptiveCards(board)).join('\n');
  expect(text).toContain('Bob');
  expect(text).not.toContain('](');
  expect(cardText(renderAdaptiveCards(teamsMessage([], 'fr'))[0]!)).toBeTruthy();
});

test('every playbook renders in cards under Teams’ size limit, in both languages', () => {
  for (const pair of library.playbooks) {
    for (const lang of ['fr', 'en'] as const) {
      const cards = renderAdaptiveCards(playbookMessage(pair[lang]));
      expect(cards[0]!.body[0]).toMatchObject({ text: pair[lang].title, weight: 'Bolder' });
      for (const c of cards) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(TEAMS_MAX_BYTES);
    }
  }
});

test('a very long message is split into several cards, each under the limit, actions on the last', () => {
  const long = Array.from({ length: 600 }, (_, i) => `ligne ${i} : du texte pour remplir la carte, encore et encore`).join('\n');
  const message: Message = {
    heading: 'Long',
    sections: Array.from({ length: 5 }, (_, i) => ({ title: `S${i}`, parts: [{ kind: 'text' as const, text: long }] })),
    actions: Array.from({ length: 12 }, (_, i) => ({ label: `Option ${i}`, value: `/playbook p${i}` })),
    visibility: 'public',
  };
  const cards = renderAdaptiveCards(message);
  expect(cards.length).toBeGreaterThan(3);
  for (const c of cards) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(CARD_LIMITS.cardBytes + 1000);
  for (const c of cards.slice(0, -1)) expect(c.body.some((e) => e.type === 'ActionSet')).toBe(false);
  const sets = cards.at(-1)!.body.filter((e) => e.type === 'ActionSet');
  expect(sets.flatMap((s) => s.actions as unknown[])).toHaveLength(12);
  for (const s of sets) expect((s.actions as unknown[]).length).toBeLessThanOrEqual(CARD_LIMITS.actionsPerSet);
  const all = blocks(cards).join('\n');
  expect(all).toContain('ligne 599');
  for (const piece of splitText(long, CARD_LIMITS.text)) expect(piece.length).toBeLessThanOrEqual(CARD_LIMITS.text);
});

test('an empty message is still one valid card', () => {
  expect(renderAdaptiveCards({ sections: [], visibility: 'private' })).toEqual([expect.objectContaining({ type: 'AdaptiveCard', body: [] })]);
});
