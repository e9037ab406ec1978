// What the coach leaves in a Teams channel or group chat when it answered someone privately (in their
// 1:1 chat with the bot): a short trace that says where to look and never what was said. Text only; the
// person's name goes through the card renderer, which neutralises it like any other text.
import type { Lang } from '../../content/model.js';
import { text, type Message } from '../../core/message.js';
import { fill } from '../../core/i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    answerNamed: '✔ Réponse de {name} enregistrée — détails en message privé.',
    answer: '✔ Réponse enregistrée — détails en message privé.',
    replied: 'Je vous ai répondu en privé.',
    answerNamedNoChat: '✔ Réponse de {name} enregistrée.',
    answerNoChat: '✔ Réponse enregistrée.',
    noChat: 'Je n’ai pas pu vous répondre en privé : ajoutez l’app {app} pour vous-même (Applications → {app} → Ajouter), puis réessayez.',
    noChatAnswer: 'Je n’ai pas pu vous en envoyer les détails en privé : ajoutez l’app {app} pour vous-même (Applications → {app} → Ajouter) pour les recevoir à l’avenir.',
  },
  en: {
    answerNamed: '✔ {name}’s answer is recorded — details in a private message.',
    answer: '✔ Answer recorded — details in a private message.',
    replied: 'I replied to you privately.',
    answerNamedNoChat: '✔ {name}’s answer is recorded.',
    answerNoChat: '✔ Answer recorded.',
    noChat: 'I could not reply to you privately: add the {app} app for yourself (Apps → {app} → Add), then try again.',
    noChatAnswer: 'I could not send you its details privately: add the {app} app for yourself (Apps → {app} → Add) to get them from now on.',
  },
} as const;

export interface NoticeOptions {
  lang: Lang;
  /** The private replies included the feedback on an answer (the trace then says the answer is recorded). */
  answer: boolean;
  /** Whether the private replies reached the person's 1:1 chat. */
  delivered: boolean;
  /** The person's display name, for an answer's trace. */
  name?: string;
  /** The app's name in Teams, for the hint to install it. */
  app?: string;
}

/** The public trace of private replies: who answered (not how), or where the reply went, or why not. */
export function privateNotice(options: NoticeOptions): Message {
  const s = STRINGS[options.lang];
  const vars = { name: options.name ?? '', app: options.app ?? 'Support Coach' };
  const lines: string[] = [];
  if (options.answer) {
    const key = options.delivered ? (options.name ? 'answerNamed' : 'answer') : options.name ? 'answerNamedNoChat' : 'answerNoChat';
    lines.push(fill(s[key], vars));
  } else if (options.delivered) {
    lines.push(s.replied);
  }
  if (!options.delivered) lines.push(fill(options.answer ? s.noChatAnswer : s.noChat, vars));
  return { ...text(lines.join(' '), 'public'), lang: options.lang };
}
