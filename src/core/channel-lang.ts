// A channel's language for its public posts (issue 16): an admin's explicit choice (`/coach channel-lang
// fr|en|both`), else the language of the admin who last scheduled or posted here, else the default.
// `both` posts one message with the French text, a thin separator, then the English text; its buttons
// appear once, each labelled in both languages, so a click works the same for everyone.
import type { Lang } from '../content/model.js';
import type { Message, MessageSection } from './message.js';
import { stringTable } from './i18n.js';
import type { ChannelData } from '../store/schema.js';

/** What an admin can choose for a channel's public posts. */
export type PostLang = Lang | 'both';

export const isPostLang = (value: unknown): value is PostLang => value === 'fr' || value === 'en' || value === 'both';

/**
 * The languages a channel's public message is written in, in order: ['fr', 'en'] for `both`, else one.
 * `fallback` is used when the channel has neither an explicit choice nor a remembered language.
 */
export function publicLangs(channel: Pick<ChannelData, 'lang' | 'postLang'> | undefined, fallback: Lang): Lang[] {
  const chosen = isPostLang(channel?.postLang) ? channel!.postLang : undefined;
  if (chosen === 'both') return ['fr', 'en'];
  return [chosen ?? channel?.lang ?? fallback];
}

/** The separator between the French and the English halves of a bilingual post. */
export const BILINGUAL_SEPARATOR = '— English —';

/**
 * One message in both languages: `fr`'s heading and sections, a separator, then `en`'s heading (as the
 * first English section's title) and sections. Actions come from `fr` (same commands), their labels
 * joined with `en`'s as "fr / en" where they differ; footnotes joined the same way. The result has no
 * `lang`, so a click is answered in the clicking person's own language.
 */
export function bilingual(fr: Message, en: Message): Message {
  const [first, ...rest] = en.sections;
  const english: MessageSection[] = en.heading
    ? first && !first.title ? [{ title: en.heading, parts: first.parts }, ...rest] : [{ title: en.heading, parts: [] }, ...en.sections]
    : en.sections;
  const both = (a: string | undefined, b: string | undefined) => (a && b && a !== b ? `${a} / ${b}` : a ?? b);
  const actions = fr.actions?.map((a, i) => {
    const other = en.actions?.[i];
    if (!other || other.value !== a.value) return a;
    return { ...a, label: both(a.label, other.label)!, ...(a.input ? { input: { ...a.input, hint: both(a.input.hint, other.input?.hint)! } } : {}) };
  });
  const { lang: _lang, ...rest0 } = fr;
  const footnote = both(fr.footnote, en.footnote);
  return {
    ...rest0,
    sections: [...fr.sections, { parts: [{ kind: 'text', text: BILINGUAL_SEPARATOR }] }, ...english],
    ...(actions ? { actions } : {}),
    ...(footnote ? { footnote } : {}),
  };
}

/** Builds a public message in the channel's language(s): one language, or both merged by `bilingual`. */
export function inPublicLangs(langs: readonly Lang[], build: (lang: Lang) => Message): Message {
  if (langs.length === 2) return bilingual(build('fr'), build('en'));
  return build(langs[0]!);
}

const STRINGS = {
  fr: {
    usage: 'Utilisation : /coach channel-lang fr, /coach channel-lang en ou /coach channel-lang both (les deux langues).',
    set: 'Les messages publics de ce canal (défis, corrigés) seront {langs}.',
    personChosen: 'Je vous réponds {langs} (votre choix).',
    personAuto: 'Vous n’avez pas choisi de langue : je vous réponds dans la langue de votre message (par défaut, {langs}).',
    channelChosen: 'Messages publics de ce canal : {langs} (choix d’un admin).',
    channelLast: 'Messages publics de ce canal : {langs} (la langue de l’admin qui a programmé ou publié en dernier).',
    channelDefault: 'Messages publics de ce canal : {langs} (par défaut).',
    howTo: 'Changer : /coach lang fr|en (pour vous); /coach channel-lang fr|en|both (admin, pour ce canal).',
  },
  en: {
    usage: 'Usage: /coach channel-lang fr, /coach channel-lang en or /coach channel-lang both (both languages).',
    set: 'Public messages in this channel (challenges, debriefs) will be in {langs}.',
    personChosen: 'I answer you in {langs} (your choice).',
    personAuto: 'You have not chosen a language: I answer in the language of your message ({langs} by default).',
    channelChosen: 'Public messages in this channel: {langs} (set by an admin).',
    channelLast: 'Public messages in this channel: {langs} (the language of the admin who last scheduled or posted).',
    channelDefault: 'Public messages in this channel: {langs} (the default).',
    howTo: 'To change: /coach lang fr|en (for you); /coach channel-lang fr|en|both (admin, for this channel).',
  },
} as const;

/** How each language says a public language setting, to fill `{langs}` above. */
const LANGS: Record<Lang, Record<PostLang, string>> = {
  fr: { fr: 'en français', en: 'en anglais', both: 'en français puis en anglais' },
  en: { fr: 'French', en: 'English', both: 'French, then English' },
};

const cl = stringTable(STRINGS);

/** The reply to `/coach channel-lang X` once set, or its usage when X is not fr, en or both. */
export function channelLangReply(lang: Lang, value: PostLang | null): string {
  return value ? cl(lang, 'set', { langs: LANGS[lang][value] }) : cl(lang, 'usage');
}

/**
 * `/coach lang` with no argument: the person's setting (`chosen`, absent when they never chose) and the
 * channel's public language with where it comes from (`channel` null: a private chat, no channel line),
 * then how to change each. One line each.
 */
export function langStateText(lang: Lang, chosen: Lang | undefined, channel: Pick<ChannelData, 'lang' | 'postLang'> | undefined | null, fallback: Lang): string {
  const say = (key: Exclude<keyof typeof STRINGS.fr, 'usage' | 'howTo'>, value: PostLang) => cl(lang, key, { langs: LANGS[lang][value] });
  const person = say(chosen ? 'personChosen' : 'personAuto', chosen ?? fallback);
  if (channel === null) return [person, cl(lang, 'howTo')].join('\n');
  const channelLine = isPostLang(channel?.postLang) ? say('channelChosen', channel!.postLang)
    : channel?.lang ? say('channelLast', channel.lang) : say('channelDefault', fallback);
  return [person, channelLine, cl(lang, 'howTo')].join('\n');
}
