// The platform-neutral command engine: a request in, neutral messages out. Every surface (terminal,
// Slack, Teams) calls `handle` and renders what comes back.
import type { Lang, Library } from '../content/model.js';
import type { PlaybookRouter } from '../understanding/router.js';
import { commandOf } from './command-words.js';
import { helpLines, t } from './i18n.js';
import { resolveLang } from './language.js';
import { langStateText } from './channel-lang.js';
import { text, type Action, type Message } from './message.js';
import { didYouMean, playbookIndex, playbookMessage } from './playbook-message.js';
import { smallTalkReply } from './small-talk-reply.js';
import { smallTalk } from '../understanding/small-talk.js';
import type { ChallengeCommands } from './commands/challenge-commands.js';
import type { IncidentCommands } from './commands/incident-commands.js';
import { INCIDENT_PLAYBOOK } from '../content/incident-content.js';
import { ti } from './incidents/incident-i18n.js';
import { withStartIncident } from './incidents/incident-messages.js';
import type { PreferenceStore } from './preferences.js';
import { langName, tst } from './state-strings.js';
import { practiceMessages } from './practice-message.js';
import type { Request } from './request.js';
import { isStoreFailure } from '../store/errors.js';
import type { PrivacyCommands } from './commands/privacy-commands.js';
import type { RecapCommands } from './recap/recap-commands.js';
import { reviewArgs, type ReviewCommands, type ReviewOutcome, type ReviewRequest } from '../review/command.js';

export interface EngineDeps {
  library: Library;
  router: PlaybookRouter;
  preferences: PreferenceStore;
  defaultLang: Lang;
  /** Challenges, scores and admin commands; absent where there is no store (e.g. `coach route`). */
  challenges?: ChallengeCommands;
  /** `/coach wall [revoke]` (src/web); absent where there is no store. */
  wall?: { coach(request: Request, args: string[], lang: Lang): Promise<Message[]>; helpLine(lang: Lang): string };
  /** The "Open in browser" link a playbook reply ends with, or null when its page is not published (src/web). */
  playbookLink?: (id: string, lang: Lang) => Action | null;
  /** `/incident` (issue 11); absent where there is no store or no outage template in the content. */
  incidents?: IncidentCommands;
  /** Draft reviews (`/coach review`); absent: the command says it is not available. */
  reviews?: ReviewCommands;
  /** `/coach privacy` and `/coach forget` (issue 16); absent where there is no store. */
  privacy?: PrivacyCommands;
  /** `/coach recap [on|off|CRON]` (issue 14); absent where there is no store. */
  recap?: RecapCommands;
  /** More `/coach` subcommands, each with its own words (issue 14: reminders, queue, contest, me). */
  subcommands?: CoachSubcommands[];
  /** `/scenario practice` and `/answer practice …` (issue 14); absent where there is no store. */
  practice?: { scenario(request: Request, lang: Lang): Promise<Message[]>; answer(request: Request, args: string, lang: Lang): Promise<Message[]> };
}

/** A group of `/coach` subcommands with its own words and help lines. */
export interface CoachSubcommands {
  handles(sub: string): boolean;
  coach(request: Request, sub: string, args: string[], lang: Lang): Promise<Message[]>;
  helpLines(lang: Lang): string[];
}

/** Words after `/scenario` or `/answer` that mean personal practice (issue 14). */
const PRACTICE_WORDS = new Set(['practice', 'pratique', 'entrainement', 'entraînement']);

/** Longer than any real question; anything beyond is a paste accident or abuse. */
export const MAX_INPUT_CHARS = 4000;

export class CoachEngine {
  constructor(private readonly deps: EngineDeps) {}

  /** The replies to a request, each marked with the language it is written in. */
  async handle(request: Request): Promise<Message[]> {
    let replies: Message[];
    try {
      replies = await this.answer(request);
    } catch (err) {
      if (!isStoreFailure(err)) throw err;
      return [this.unavailable(request)];
    }
    // Names and private addresses the request shows are kept for boards and debriefs; a failure here must
    // not lose the replies (the next request tries again).
    await this.deps.challenges?.noteRequest(request).catch(() => undefined);
    if (replies.every((m) => m.lang)) return replies;
    const lang = await this.langOf(request);
    // A bilingual channel post (core/channel-lang.ts) has no language on purpose: clicks get the clicker's.
    return replies.map((m) => (m.lang || m.ref ? m : { ...m, lang }));
  }

  /**
   * What a person is told when the store cannot be reached (database down, failing disk: isStoreFailure),
   * in the language their request shows without reading the store; instead of a reply that never comes.
   */
  unavailable(request: Request): Message {
    const lang = resolveLang({ context: request.contextLang, locale: request.locale, text: request.text, fallback: this.deps.defaultLang });
    return { ...text(t(lang, 'storeDown')), lang };
  }

  /** Draft reviews for surfaces that show them in their own views (Slack modals, Teams task modules). */
  get reviews(): ReviewCommands | undefined {
    return this.deps.reviews;
  }

  /** Reviews a draft for this person, in their language; undefined when reviews are not configured. */
  async review(request: Request, input: ReviewRequest): Promise<{ lang: Lang; outcome: ReviewOutcome } | undefined> {
    if (!this.deps.reviews) return undefined;
    const lang = await this.lang(request, input.draft);
    return { lang, outcome: this.deps.reviews.outcome(input, lang) };
  }

  /** The language the coach answers this person in (for surfaces that compose their own views). */
  langOf(request: Request): Promise<Lang> {
    return this.lang(request, request.text);
  }

  private async answer(request: Request): Promise<Message[]> {
    // A draft to review keeps its line breaks and has its own length limit (review/command.ts).
    const draft = this.deps.reviews ? reviewArgs(request.text) : null;
    if (draft !== null) return this.deps.reviews!.handle(draft, await this.lang(request, draft));
    // Terminal escape sequences and control characters never reach the router or an echo; line breaks
    // are kept (an incident update's paragraphs), other commands read their words.
    const input = request.text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ').trim();
    if (input.length > MAX_INPUT_CHARS) {
      return [text(t(await this.lang(request, input), 'tooLong', { length: input.length, max: MAX_INPUT_CHARS }))];
    }
    if (!input) return [text(t(await this.lang(request, ''), 'empty'))];
    const [head = '', ...rest] = input.split(/\s+/);
    const args = rest.join(' ');
    if (!head.startsWith('/')) return this.playbook(request, input, true);
    const challenges = this.deps.challenges;
    switch (commandOf(head)) {
      case 'playbook':
        return this.playbook(request, args, false);
      case 'coach':
        return this.coach(request, args);
      case 'scenario':
        if (this.deps.practice && PRACTICE_WORDS.has((rest[0] ?? '').toLowerCase())) return this.deps.practice.scenario(request, await this.lang(request, ''));
        if (args.trim()) return practiceMessages(this.deps.library, args, await this.lang(request, ''));
        if (challenges) return challenges.scenario(request, await this.lang(request, ''));
        break;
      case 'answer':
        if (this.deps.practice && PRACTICE_WORDS.has((rest[0] ?? '').toLowerCase())) {
          const words = rest.slice(1).join(' ');
          return this.deps.practice.answer(request, words, await this.lang(request, words));
        }
        if (challenges) return challenges.answer(request, args, await this.lang(request, args));
        break;
      case 'leaderboard':
        if (challenges) return challenges.leaderboard(request, args, await this.lang(request, ''));
        break;
      case 'help':
        return [await this.help(request)];
      case 'incident':
        if (this.deps.incidents) return this.deps.incidents.handle(request, input.slice(head.length), await this.lang(request, args));
        break;
    }
    return [text(t(await this.lang(request, args), 'unknownCommand', { command: head.slice(0, 40) }))];
  }

  /** `/coach lang` alone: the person's choice and this channel's public language (core/channel-lang.ts). */
  private async langState(request: Request): Promise<string> {
    const chosen = await this.deps.preferences.getLang(request.workspace, request.user);
    const channel = request.direct ? null : await this.deps.challenges?.channelLangState(request.workspace, request.channel);
    return langStateText(await this.lang(request, ''), chosen, channel, this.deps.defaultLang);
  }

  private async lang(request: Request, typed: string, matched?: Lang | null): Promise<Lang> {
    const chosen = await this.deps.preferences.getLang(request.workspace, request.user);
    return resolveLang({ chosen, context: request.contextLang, locale: request.locale, matched, text: typed, fallback: this.deps.defaultLang });
  }

  /** `/playbook TEXT` (free = false) or free text to the coach (free = true). */
  private async playbook(request: Request, query: string, free: boolean): Promise<Message[]> {
    const { library, router } = this.deps;
    if (!query) return [playbookIndex(library, await this.lang(request, ''))];
    if (!/\p{L}/u.test(query)) return [text(t(await this.lang(request, query), 'noWords'))];
    const result = router.route(query);
    if (!result.playbook) {
      // Small talk gets a greeting and a hint in the person's language, never playbooks; free text that
      // is no situation gets the hint alone; only a real lead becomes a "did you mean".
      const talk = smallTalk(query);
      const lang = await this.lang(request, query, talk?.lang ?? result.lang);
      if (talk) return [smallTalkReply(talk.kind, lang)];
      const leads = result.alternatives.filter((a) => a.score >= 0.2).map((a) => a.playbook);
      if (free && leads.length === 0) return [smallTalkReply('notASituation', lang)];
      return [didYouMean(library, lang, leads, query.slice(0, 80))];
    }
    const lang = await this.lang(request, query, result.lang);
    const pair = library.playbooks.find((p) => p.id === result.playbook)!;
    const footnote = t(lang, 'confidence', { id: pair.id, confidence: Math.round(result.confidence * 100) });
    const message = playbookMessage(pair[lang], footnote);
    const link = this.deps.playbookLink?.(pair.id, lang);
    const shown = this.deps.incidents && pair.id === INCIDENT_PLAYBOOK ? withStartIncident(message, lang) : message;
    return [link ? { ...shown, actions: [...(shown.actions ?? []), link] } : shown];
  }

  private async coach(request: Request, args: string): Promise<Message[]> {
    const words = args.split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    const value = (words[1] ?? '').toLowerCase();
    if (this.deps.challenges?.handlesCoach(sub)) {
      return this.deps.challenges.coach(request, sub, words.slice(1), await this.lang(request, ''));
    }
    if (this.deps.recap?.handles(sub)) return this.deps.recap.coach(request, words.slice(1), await this.lang(request, ''));
    const extra = this.deps.subcommands?.find((c) => c.handles(sub));
    if (extra) return extra.coach(request, sub, words.slice(1), await this.lang(request, ''));
    if (this.deps.privacy?.handles(sub)) return this.deps.privacy.coach(request, sub, words.slice(1), await this.lang(request, ''));
    if (sub === 'wall' && this.deps.wall) return this.deps.wall.coach(request, words.slice(1), await this.lang(request, ''));
    if (sub === '' || sub === 'help' || sub === 'aide') return [await this.help(request)];
    if (sub === 'lang' || sub === 'langue' || sub === 'language') {
      if (!value) return [text(await this.langState(request))];
      if (value !== 'fr' && value !== 'en') return [text(t(await this.lang(request, ''), 'langUsage'))];
      await this.deps.preferences.setLang(request.workspace, request.user, value);
      return [text(t(value, 'langSet'))];
    }
    return [text(t(await this.lang(request, args), 'unknownCoach', { sub: sub.slice(0, 40) }))];
  }

  /** `/coach lang` alone: the person's chosen language (or that they chose none) and the channel's posts' language. */
  private async help(request: Request): Promise<Message> {
    const lang = await this.lang(request, '');
    return {
      heading: t(lang, 'helpHeading'),
      sections: [{ parts: [{ kind: 'bullets', items: [...helpLines(lang, Boolean(this.deps.challenges)), ...(this.deps.incidents ? [ti(lang, 'helpLine')] : []), ...(this.deps.wall ? [this.deps.wall.helpLine(lang)] : []), ...(this.deps.privacy?.helpLines(lang) ?? []), ...(this.deps.subcommands ?? []).flatMap((c) => c.helpLines(lang)), ...(this.deps.recap ? [this.deps.recap.helpLine(lang)] : [])].map((line) => ({ text: line })) }] }],
      footnote: t(lang, 'helpFootnote'),
      visibility: 'private',
      lang,
    };
  }
}
