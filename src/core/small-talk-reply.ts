// The coach's answer to small talk and to free text that is no support situation: a short line in the
// person's language with a hint, never a playbook nor a list of them.
import type { Lang } from '../content/model.js';
import type { SmallTalkKind } from '../understanding/small-talk.js';
import type { Message } from './message.js';

const STRINGS: Record<Lang, Record<SmallTalkKind | 'notASituation', string>> = {
  fr: {
    greeting: 'Bonjour! Décrivez-moi une situation de soutien (un client fâché, une panne, trop de billets…) et je vous propose le bon playbook, ou tapez /playbook pour la liste.',
    thanks: 'Avec plaisir! Au besoin, décrivez-moi une situation ou tapez /playbook pour la liste.',
    farewell: 'À la prochaine! Je suis là quand une situation se présente : décrivez-la ou tapez /playbook.',
    ack: 'Parfait. Décrivez-moi une situation quand vous voulez, ou tapez /playbook pour la liste.',
    notASituation: 'Je n’ai pas reconnu de situation de soutien dans votre message. Décrivez-la en une phrase (par exemple « un client est fâché au téléphone ») ou tapez /playbook pour la liste.',
  },
  en: {
    greeting: 'Hi! Describe a support situation (an angry user, an outage, too many tickets…) and I will suggest the right playbook, or type /playbook for the list.',
    thanks: 'You’re welcome! Describe a situation whenever you need, or type /playbook for the list.',
    farewell: 'See you! I am here when a situation comes up: describe it or type /playbook.',
    ack: 'Great. Describe a situation whenever you like, or type /playbook for the list.',
    notASituation: 'I did not recognise a support situation in your message. Describe it in a sentence (for example “an angry user on the phone”) or type /playbook for the list.',
  },
};

/** A private one-line reply: to small talk (`kind`), or to free text with no situation in it. */
export function smallTalkReply(kind: SmallTalkKind | 'notASituation', lang: Lang): Message {
  return { sections: [{ parts: [{ kind: 'text', text: STRINGS[lang][kind] }] }], visibility: 'private', lang };
}
