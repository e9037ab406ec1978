// Neutral messages as Adaptive Cards 1.5 (Microsoft Teams, the Bot Framework Emulator). Text is plain:
// TextBlocks understand a Markdown subset, so every piece of text is neutralised before it goes in (no
// link can be forged from user text, nor from content). Each action is an Action.Submit whose data is the
// command it stands for; "answer in my own words" is a text input plus a submit that appends its text.
// A message too big for one card (Teams refuses activities over ~28 KB) becomes several cards.
import type { Action, Bullet, Message } from '../core/message.js';
import { splitText } from './split-text.js';

export const CARD_LIMITS = {
  /** Bytes of card JSON per card: Teams' limit is about 28 KB for the whole activity. */
  cardBytes: 24_000,
  /** Characters per TextBlock: long paragraphs are split at line breaks or spaces. */
  text: 4_000,
  /** Action.Submit titles are one line: longer choices are listed, numbered, in the card body. */
  actionTitle: 50,
  /** Actions per ActionSet (Teams shows a handful side by side, the rest in an overflow menu). */
  actionsPerSet: 5,
  /** Longest own-words answer accepted by the input. */
  answer: 3000,
} as const;

/** The id of the "own words" text input; its submit's data names it in `input`. */
export const ANSWER_INPUT_ID = 'answerText';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardElement { type: string; [key: string]: unknown }

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full'; entities?: CardElement[] };
}

/** What an Action.Submit of ours carries back: the command, and for "own words" the input to append. */
interface SubmitData {
  coach: string;
  input?: string;
  lang?: string;
}

const ZWSP = '\u200b';

/** The card's own words: the own-words input is a text box here, not a command to type. */
const STRINGS = {
  fr: { placeholder: 'Votre réponse, dans vos mots (une seule réponse par défi)', option: 'Option {n}' },
  en: { placeholder: 'Your answer, in your own words (one answer per challenge)', option: 'Option {n}' },
} as const;

/**
 * Makes text inert for the TextBlock Markdown subset, so nobody can forge a link through text the coach
 * echoes: no inline link (`[text](url)`), no reference link (`[text][ref]`, `[ref]: url`), no autolink
 * (`<scheme:…>`), and no list or heading syntax at a line start. A zero-width space breaks the syntax
 * while the text reads the same. (Emphasis markers are left alone: at worst a word shows in bold.)
 */
export function escapeCardText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\](\s*)(?=[([:])/g, `]$1${ZWSP}`)
    .replace(/<(?=[a-z][a-z0-9+.-]*:|[^\s>@]+@)/gi, `<${ZWSP}`)
    .replace(/^([ \t]*)([-+*]|\d+[.)]|#{1,6}|>)(?=[ \t]|$)/gm, `$1${ZWSP}$2`);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const textBlocks = (text: string, extra: Record<string, unknown> = {}): CardElement[] =>
  splitText(escapeCardText(text), CARD_LIMITS.text).map((piece) => ({ type: 'TextBlock', text: piece, wrap: true, ...extra }));

function bulletBlocks(items: Bullet[], depth = 0): CardElement[] {
  return items.flatMap((b, i) => [
    ...textBlocks(`${'\u2003'.repeat(depth * 2)}${depth === 0 ? '•' : '◦'} ${b.text}`, { spacing: i === 0 && depth === 0 ? 'Small' : 'None' }),
    ...bulletBlocks(b.children ?? [], depth + 1),
  ]);
}

function submit(action: Action, title: string, lang: string | undefined): CardElement {
  if (action.url) return { type: 'Action.OpenUrl', title, url: action.url };
  const data: SubmitData = action.input
    ? { coach: action.value, input: ANSWER_INPUT_ID, ...(lang ? { lang } : {}) }
    : { coach: action.value, ...(lang ? { lang } : {}) };
  return { type: 'Action.Submit', title, data, ...(action.primary ? { style: 'positive' } : {}) };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * One neutral message → one or more Adaptive Cards, in order. The heading opens the first card; the
 * choices, the own-words input, the actions and the footnote close the last one.
 */
export function renderAdaptiveCards(message: Message): AdaptiveCard[] {
  const body: CardElement[] = [];
  if (message.heading) body.push(...textBlocks(message.heading, { size: 'Large', weight: 'Bolder', style: 'heading' }));
  // People to notify (an incident's owner): a mention entity per person, named in a TextBlock of its own.
  const mentions = (message.notify ?? []).map((p) => ({ id: p.id, name: escapeCardText((p.name ?? p.id).replace(/[<>\u0000-\u001f]/g, ' ').slice(0, 100)) }));
  if (mentions.length) body.push({ type: 'TextBlock', text: mentions.map((m) => `<at>${m.name}</at>`).join(' '), wrap: true });
  for (const section of message.sections) {
    if (section.title) body.push(...textBlocks(section.title, { weight: 'Bolder', spacing: 'Medium' }));
    for (const part of section.parts) {
      if (part.kind === 'text') body.push(...textBlocks(part.text));
      else body.push(...bulletBlocks(part.items));
    }
  }

  // A chart (the weekly recap's): the image from its address, described by its alt text; without an
  // address, the alt text itself, so the figures are never lost.
  if (message.chart?.url) body.push({ type: 'Image', url: message.chart.url, altText: message.chart.alt, size: 'Stretch', spacing: 'Medium' });
  else if (message.chart) body.push(...textBlocks(message.chart.alt, { isSubtle: true, size: 'Small' }));

  const actions = message.actions ?? [];
  const choices = actions.filter((a) => !a.input && !a.url);
  const input = actions.find((a) => a.input);
  const longLabels = choices.some((a) => a.label.length > CARD_LIMITS.actionTitle);
  const tail: CardElement[] = [];
  if (longLabels) {
    tail.push(...choices.flatMap((a, i) => textBlocks(`${i + 1}. ${a.label}`, { spacing: i === 0 ? 'Medium' : 'Small' })));
  }
  const strings = message.lang ? STRINGS[message.lang] : undefined;
  if (input?.input) {
    tail.push({
      type: 'Input.Text', id: ANSWER_INPUT_ID, isMultiline: true, maxLength: CARD_LIMITS.answer,
      placeholder: truncate(input.input.placeholder ?? strings?.placeholder ?? input.input.hint, 200), label: truncate(input.label, 100),
      ...(input.input.initial ? { value: input.input.initial.slice(0, CARD_LIMITS.answer) } : {}),
    });
  }
  // Long choices are listed in full above; their buttons then carry their number only.
  const submits = actions.map((a) => {
    const n = String(choices.indexOf(a) + 1);
    const title = a.input || a.url || !longLabels ? a.label : (strings?.option ?? 'Option {n}').replace('{n}', n);
    return submit(a, truncate(title, CARD_LIMITS.actionTitle), message.lang);
  });
  let cardActions: CardElement[] = [];
  if (submits.length <= CARD_LIMITS.actionsPerSet) cardActions = submits;
  else {
    for (let i = 0; i < submits.length; i += CARD_LIMITS.actionsPerSet) tail.push({ type: 'ActionSet', actions: submits.slice(i, i + CARD_LIMITS.actionsPerSet) });
  }
  if (message.footnote) tail.push(...textBlocks(message.footnote, { size: 'Small', isSubtle: true, spacing: 'Medium' }));

  // Pack the body into cards under the byte limit; the tail (choices, input, actions) stays together.
  // Sizes are added up as elements go (each costs its JSON plus a comma), not re-measured per element.
  const cards: AdaptiveCard[] = [];
  const limit = CARD_LIMITS.cardBytes;
  const empty = bytes(card([]));
  const tailBytes = tail.reduce((sum, e) => sum + bytes(e) + 1, bytes(card([], cardActions)) - empty);
  let current: CardElement[] = [];
  let size = empty;
  for (const element of body) {
    const cost = bytes(element) + 1;
    if (current.length && size + cost > limit) {
      cards.push(card(current));
      current = [];
      size = empty;
    }
    current.push(element);
    size += cost;
  }
  if (current.length && size + tailBytes > limit) {
    cards.push(card(current));
    current = [];
  }
  current.push(...tail);
  if (current.length || cardActions.length || cards.length === 0) cards.push(card(current, cardActions));
  if (mentions.length) {
    const first = cards[0]!;
    first.msteams = { width: 'Full', entities: mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } })) };
  }
  return cards;
}

/** Plain text of a card, for notification previews and logs-free tests. */
export function cardText(c: AdaptiveCard): string {
  const out: string[] = [];
  JSON.stringify(c, (key, value) => {
    if ((key === 'text' || key === 'title' || key === 'placeholder' || key === 'label') && typeof value === 'string') out.push(value.replaceAll(ZWSP, ''));
    return value;
  });
  return out.join('\n');
}
