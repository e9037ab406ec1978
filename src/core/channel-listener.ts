// Channel listening: when an ordinary message in a team channel describes a playbook situation, offer
// the playbook (a short summary and a button), never more than once per playbook per channel per
// 30 minutes, and only where listening is on. Platform-neutral: Slack and Teams adapters call `offer`
// with their way of posting; the 30 minutes count only from an offer that was actually posted. The
// cool-down is a claim in the store (StorePort.claim), so replicas share it.
import { randomBytes } from 'node:crypto';
import type { Lang, Library } from '../content/model.js';
import type { StorePort } from '../store/port.js';
import type { PlaybookRouter } from '../understanding/router.js';
import { resolveLang } from './language.js';
import { fill } from './i18n.js';
import type { Message } from './message.js';
import { plainInline } from './playbook-message.js';
import type { Request } from './request.js';
import { startIncidentAction } from './incidents/incident-messages.js';

const OFFER_COOLDOWN_MS = 30 * 60_000;

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: { intro: 'Ça ressemble à : {title}. {summary}', first: 'Pour commencer :', button: 'Voir le playbook complet' },
  en: { intro: 'This looks like: {title}. {summary}', first: 'To start with:', button: 'See the full playbook' },
} as const;

/** The claim key of a playbook's cool-down in a channel. */
export function offerKey(workspace: string, channel: string, playbook: string): string {
  return `offer:${workspace}:${channel}:${playbook}`;
}

export class ChannelListener {
  constructor(
    private readonly library: Library,
    private readonly router: PlaybookRouter,
    private readonly port: StorePort,
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
   * get one offer (also on two replicas), and is released when `post` throws (the error is rethrown): a
   * failed post never mutes the playbook in that channel.
   */
  async offer(request: Request, post: (offer: Message) => Promise<unknown>): Promise<boolean> {
    const found = await this.consider(request);
    if (!found) return false;
    // Each offer claims the cool-down as its own owner: the claim is held by the offer, not the process.
    const owner = randomBytes(8).toString('hex');
    const claim = await this.port.claim(found.key, owner, OFFER_COOLDOWN_MS, new Date(this.now()));
    if (claim.kind !== 'claimed') return false;
    try {
      await post(found.message);
      return true;
    } catch (err) {
      await this.port.release(found.key, owner, false).catch(() => undefined);
      throw err;
    }
  }

  /** The offer for a message and its cool-down key, or null to stay silent. Records nothing. */
  private async consider(request: Request): Promise<{ message: Message; key: string } | null> {
    const settings = await this.port.workspace(request.workspace).channel(request.channel);
    if (settings?.listen === false) return null;
    const text = request.text.slice(0, 4000);
    const result = this.router.detect(text);
    if (!result.playbook) return null;
    const key = offerKey(request.workspace, request.channel, result.playbook);
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
}
