// A bare number typed in the terminal chat stands for a click on a button of the last message, as in
// Slack and Teams: only when that message had buttons. A number after a message without buttons
// (`/playbook panne`, then `2`) must not answer the open challenge by surprise: it gets a hint instead.
import type { Lang } from '../../content/model.js';
import type { Action, Message } from '../../core/message.js';
import { fill } from '../../core/i18n.js';
import { commandActions } from '../../render/terminal.js';

export interface Shown { action: Action; lang?: Lang }

export type Picked =
  | { kind: 'button'; shown: Shown }
  | { kind: 'hint'; text: (lang: Lang) => string }
  | { kind: 'typed' };

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    noButtons: 'Un numéro choisit un bouton du dernier message, et celui-ci n’en avait pas. Pour répondre au défi : /answer {n}.',
    outOfRange: 'Le dernier message a des boutons de 1 à {count}. Pour répondre au défi : /answer {n}.',
    privately: 'en privé pour',
  },
  en: {
    noButtons: 'A number picks a button of the last message, and it had none. To answer the challenge: /answer {n}.',
    outOfRange: 'The last message has buttons 1 to {count}. To answer the challenge: /answer {n}.',
    privately: 'privately to',
  },
} as const;

/** What a typed line means, given the buttons of the last message (empty when it had none). */
export function pickFromLast(typed: string, buttons: readonly Shown[]): Picked {
  if (!/^\d{1,3}$/.test(typed)) return { kind: 'typed' };
  const n = Number(typed);
  const shown = buttons[n - 1];
  if (shown) return { kind: 'button', shown };
  return {
    kind: 'hint',
    text: (lang) => fill(buttons.length ? STRINGS[lang].outOfRange : STRINGS[lang].noButtons, { n, count: buttons.length }),
  };
}

/** The buttons of a batch of replies, in order, each with its message's language. */
export function buttonsOf(replies: readonly Message[]): Shown[] {
  return replies.filter((m) => !m.to).flatMap((m) => commandActions(m).map((action) => ({ action, ...(m.lang ? { lang: m.lang } : {}) })));
}

/** The line above a message addressed to someone privately (a debrief's private copy). */
export function privateHeader(message: Message, fallback: Lang): string | null {
  return message.to ? `--- ${STRINGS[message.lang ?? fallback].privately} ${message.to} ---` : null;
}
