// "Open in browser" on the coach's playbook replies: the playbook page's address under COACH_BASE_URL,
// signed when COACH_PLAYBOOK_PAGES=token.
import type { Lang } from '../content/model.js';
import type { Action } from '../core/message.js';
import type { Clock } from '../domain/time.js';
import type { StorePort } from '../store/port.js';
import { pageQuery } from './playbook-page.js';
import { tw } from './strings.js';
import { newLinkKey, signAccess } from './tokens.js';

export type PlaybookPagesMode = 'public' | 'token' | 'off';

export interface PlaybookLinkOptions {
  /** COACH_BASE_URL without its trailing slash; absent: no links. */
  baseUrl?: string;
  mode: PlaybookPagesMode;
  /** The signing key (CoachData.web.linkKey); needed in `token` mode. */
  key?: string;
  clock: Clock;
}

export class PlaybookLinks {
  constructor(private readonly options: PlaybookLinkOptions) {
    if (options.mode === 'token' && !options.key) throw new Error('PlaybookLinks: token mode needs the link key');
  }

  /** The page of a playbook (`BASE/playbooks/ID?lang=xx[&a=ACCESS]`), or null when there are no pages to link. */
  url(id: string, lang: Lang): string | null {
    const { baseUrl, mode, key, clock } = this.options;
    if (!baseUrl || mode === 'off') return null;
    const access = mode === 'token' ? signAccess(key!, clock.now()) : undefined;
    return `${baseUrl}/playbooks/${encodeURIComponent(id)}${pageQuery(lang, access)}`;
  }

  /** The "Open in browser" button of a playbook reply, or null. */
  action(id: string, lang: Lang): Action | null {
    const url = this.url(id, lang);
    return url ? { label: tw(lang, 'openInBrowser'), value: url, url } : null;
  }
}

/** The key that signs playbook links, made and recorded on first use (kept in the data file, CoachData.web). */
export async function ensureLinkKey(port: StorePort): Promise<string> {
  return port.linkKey(newLinkKey);
}
