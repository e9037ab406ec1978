// Channel listening: when an ordinary message in a team channel describes a playbook situation, offer
// the playbook (a short summary and a button), never more than once per playbook per channel per
// 30 minutes, and only where listening is on. Platform-neutral: Slack and Teams adapters call `offer`
// with their way of posting; the 30 minutes count only from an offer that was actually posted.
import type { Lang, Library } from '../content/model.js';
import type { WorkspaceStore } from '../store/store.js';
import type { PlaybookRouter } from '../understanding/router.js';
import { resolveLang } from './language.js';
import { fill } from './i18n.js';
import type { Message } from './message.js';
import { plainInline } from './playbook-message.js';
import type { Request } from './request.js';
import { startIncidentAction } from './incidents/incident-messages.js';

const OFFER_COOLDOWN_MS = 30 * 60_000;
const MAX_TRACKED = 10_000;

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: { intro: 'Ça ressemble à : {title}. {summary}', first: 'Pour commencer :', button: 'Voir le playbook complet' },
  en: { intro: 'This looks like: {title}. {summary}', first: 'To start with:', button: 'See the full playbook' },
} as const;

export class ChannelListener {
  private readonly lastOffer = new Map<string, number>();

  constructor(
    private readonly library: Library,
    private readonly router: PlaybookRouter,
    private readonly stores: (workspace: string) => WorkspaceStore,
    private readonly defaultLang: Lang,
    private readonly now: () => number = Date.now,
    /** The playbook whose offer also has "Start an incident" (issue 11); absent: none. */
    private readonly incidentPlaybook?: string,
  ) {}

  /**
   * Offers a playbook for `request` (a person's channel message) when it describes a live situation:
   * `post` puts the offer in the message's thread. Resolves true once posted, false when the coach stays
   * silent (listening off, no situation, the same playbook offered here less than 30 minutes ago, or an
   * offer for it being posted right now). The cool-down is held while `post` runs, so two messages at once
   * get one offer, and is released when `post` throws (the error is rethrown): a failed post never mutes
   * the playbook in that channel.
   */
  async offer(request: Request, post: (offer: Message) => Promise<unknown>): Promise<boolean> {
    const found = this.consider(request);
    if (!found) return false;
    const previous = this.lastOffer.get(found.key);
    const reserved = this.now();
    if (this.lastOffer.size >= MAX_TRACKED) this.prune(reserved);
    this.lastOffer.set(found.key, reserved);
    try {
      await post(found.message);
      return true;
    } catch (err) {
      // Only our own reservation is undone (an offer posted meanwhile by another message stays counted).
      if (this.lastOffer.get(found.key) === reserved) {
        if (previous === undefined) this.lastOffer.delete(found.key);
        else this.lastOffer.set(found.key, previous);
      }
      throw err;
    }
  }

  /** The offer for a message and its cool-down key, or null to stay silent. Records nothing. */
  private consider(request: Request): { message: Message; key: string } | null {
    const settings = this.stores(request.workspace).read((ws) => ws.channels[request.channel]);
    if (settings?.listen === false) return null;
    const text = request.text.slice(0, 4000);
    const result = this.router.detect(text);
    if (!result.playbook) return null;
    const key = `${request.workspace}\u0000${request.channel}\u0000${result.playbook}`;
    const now = this.now();
    const last = this.lastOffer.get(key);
    if (last !== undefined && now - last < OFFER_COOLDOWN_MS) return null;
    const pair = this.library.playbooks.find((p) => p.id === result.playbook)!;
    const lang = resolveLang({ locale: request.locale, matched: result.lang, text, fallback: settings?.lang ?? this.defaultLang });
    const playbook = pair[lang];
    const s = STRINGS[lang];
    const todo = playbook.sections.find((x) => x.kind === 'do');
    const firstSteps = (todo?.blocks.find((b) => b.type === 'list') as { items: { text: string }[] } | undefined)?.items.slice(0, 3) ?? [];
    const message: Message = {
      sections: [{
        parts: [
          { kind: 'text', text: fill(s.intro, { title: playbook.title, summary: playbook.summary }) },
          ...(firstSteps.length ? [{ kind: 'text' as const, text: s.first }, { kind: 'bullets' as const, items: firstSteps.map((i) => ({ text: plainInline(i.text) })) }] : []),
        ],
      }],
      actions: [
        { label: s.button, value: `/playbook ${pair.id}`, primary: true },
        ...(pair.id === this.incidentPlaybook ? [startIncidentAction(lang)] : []),
      ],
      visibility: 'public',
      lang,
    };
    return { message, key };
  }

  private prune(now: number): void {
    for (const [key, at] of this.lastOffer) if (now - at >= OFFER_COOLDOWN_MS) this.lastOffer.delete(key);
    if (this.lastOffer.size >= MAX_TRACKED) this.lastOffer.clear();
  }
}
