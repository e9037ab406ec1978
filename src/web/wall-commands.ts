// `/coach wall` (admin): a private reply with this channel's secret wall address; `/coach wall revoke`
// forgets it, and every screen showing it turns to "not found".
import type { Lang } from '../content/model.js';
import { tc } from '../core/challenge-i18n.js';
import { text, type Message } from '../core/message.js';
import type { Request } from '../core/request.js';
import type { Clock } from '../domain/time.js';
import type { StorePort } from '../store/port.js';
import { tw } from './strings.js';
import { makeWall, revokeWall } from './wall-store.js';

export interface WallCommandDeps {
  port: StorePort;
  isAdmin: (workspace: string, user: string) => boolean;
  clock: Clock;
  /** COACH_BASE_URL without its trailing slash; absent: walls cannot be given out. */
  baseUrl?: string;
}

/** The address of a wall: `BASE_URL/wall/<token>`. */
export function wallUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/wall/${token}`;
}

export class WallCommands {
  constructor(private readonly deps: WallCommandDeps) {}

  /** `/coach wall` with `args` after the word `wall`; every reply is private (it may hold the address). */
  async coach(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    if (!this.deps.isAdmin(req.workspace, req.user)) return [text(tc(lang, 'notAdmin', { command: '/coach wall' }))];
    const sub = (args[0] ?? '').toLowerCase();
    if (args.length > 1 || (sub !== '' && sub !== 'revoke' && sub !== 'révoquer' && sub !== 'revoquer')) return [text(tw(lang, 'wallUsage'))];
    const store = this.deps.port.workspace(req.workspace);
    if (sub !== '') {
      return [text(tw(lang, (await revokeWall(store, req.channel)) ? 'wallRevoked' : 'wallNothingToRevoke'))];
    }
    const { baseUrl } = this.deps;
    if (!baseUrl) return [text(tw(lang, 'wallNoBaseUrl'))];
    const token = await makeWall(store, req.channel, req.user, this.deps.clock.now(), {
      ...(req.channelName ? { name: req.channelName } : {}),
      lang,
    });
    const url = wallUrl(baseUrl, token);
    return [{
      sections: [{ parts: [{ kind: 'text', text: tw(lang, 'wallCreated', { url }) }] }],
      actions: [{ label: tw(lang, 'openWall'), value: url, url }],
      visibility: 'private',
      lang,
    }];
  }

  helpLine(lang: Lang): string {
    return tw(lang, 'wallHelp');
  }
}
