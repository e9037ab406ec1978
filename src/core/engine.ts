// The platform-neutral command engine: a request in, neutral messages out. Every surface (terminal,
// Slack, Teams) calls `handle` and renders what comes back.
import type { Lang, Library } from '../content/model.js';
import type { PlaybookRouter } from '../understanding/router.js';
import { helpLines, t } from './i18n.js';
import { resolveLang } from './language.js';
import { text, type Message } from './message.js';
import { didYouMean, playbookIndex, playbookMessage } from './playbook-message.js';
import type { PreferenceStore } from './preferences.js';
import type { Request } from './request.js';

export interface EngineDeps {
  library: Library;
  router: PlaybookRouter;
  preferences: PreferenceStore;
  defaultLang: Lang;
}

/** Longer than any real question; anything beyond is a paste accident or abuse. */
export const MAX_INPUT_CHARS = 4000;

export class CoachEngine {
  constructor(private readonly deps: EngineDeps) {}

  async handle(request: Request): Promise<Message[]> {
    // Terminal escape sequences and control characters never reach the router or an echo.
    const input = request.text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
    if (input.length > MAX_INPUT_CHARS) {
      return [text(t(await this.lang(request, input), 'tooLong', { length: input.length, max: MAX_INPUT_CHARS }))];
    }
    if (!input) return [text(t(await this.lang(request, ''), 'empty'))];
    const [head = '', ...rest] = input.split(/\s+/);
    const args = rest.join(' ');
    if (!head.startsWith('/')) return this.playbook(request, input);
    switch (head.toLowerCase()) {
      case '/playbook':
      case '/playbooks':
        return this.playbook(request, args);
      case '/coach':
        return this.coach(request, args);
      case '/help':
      case '/aide':
        return [await this.help(request)];
      default:
        return [text(t(await this.lang(request, args), 'unknownCommand', { command: head.slice(0, 40) }))];
    }
  }

  private async lang(request: Request, typed: string, matched?: Lang | null): Promise<Lang> {
    const chosen = await this.deps.preferences.getLang(request.workspace, request.user);
    return resolveLang({ chosen, context: request.contextLang, locale: request.locale, matched, text: typed, fallback: this.deps.defaultLang });
  }

  private async playbook(request: Request, query: string): Promise<Message[]> {
    const { library, router } = this.deps;
    if (!query) return [playbookIndex(library, await this.lang(request, ''))];
    if (!/\p{L}/u.test(query)) return [text(t(await this.lang(request, query), 'noWords'))];
    const result = router.route(query);
    const lang = await this.lang(request, query, result.lang);
    if (!result.playbook) {
      return [didYouMean(library, lang, result.alternatives.filter((a) => a.score >= 0.2).map((a) => a.playbook), query.slice(0, 80))];
    }
    const pair = library.playbooks.find((p) => p.id === result.playbook)!;
    const footnote = t(lang, 'confidence', { id: pair.id, confidence: Math.round(result.confidence * 100) });
    return [playbookMessage(pair[lang], footnote)];
  }

  private async coach(request: Request, args: string): Promise<Message[]> {
    const [sub = '', value = ''] = args.toLowerCase().split(/\s+/);
    if (sub === '' || sub === 'help' || sub === 'aide') return [await this.help(request)];
    if (sub === 'lang' || sub === 'langue' || sub === 'language') {
      if (value !== 'fr' && value !== 'en') return [text(t(await this.lang(request, ''), 'langUsage'))];
      await this.deps.preferences.setLang(request.workspace, request.user, value);
      return [text(t(value, 'langSet'))];
    }
    return [text(t(await this.lang(request, args), 'unknownCoach', { sub: sub.slice(0, 40) }))];
  }

  private async help(request: Request): Promise<Message> {
    const lang = await this.lang(request, '');
    return {
      heading: t(lang, 'helpHeading'),
      sections: [{ parts: [{ kind: 'bullets', items: helpLines(lang).map((line) => ({ text: line })) }] }],
      footnote: t(lang, 'helpFootnote'),
      visibility: 'private',
    };
  }
}
