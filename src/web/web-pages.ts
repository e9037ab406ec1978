// The coach's web pages on its own HTTP server: GET `/wall/<token>` (with `/events` for its live stream and
// `/state` for polling), `/playbooks/` and `/playbooks/<id>?lang=fr|en`, and their files under `/web/`.
// Every answer carries strict headers: a Content Security Policy without inline script or style, no
// referrer, no caching. An unknown or revoked wall is a plain 404 that tells nothing about any wall.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../app/logger.js';
import { isLang, type Lang, type Library } from '../content/model.js';
import type { Challenges } from '../domain/challenges.js';
import type { Clock } from '../domain/time.js';
import type { ChangeFeed } from '../store/change-feed.js';
import type { StorePort } from '../store/port.js';
import { ASSETS } from './assets.js';
import type { Html } from './html.js';
import type { PlaybookPagesMode } from './playbook-links.js';
import { messagePage, playbookIndexPage, playbookPage } from './playbook-page.js';
import { tw } from './strings.js';
import { accessValid, hashToken, WALL_TOKEN } from './tokens.js';
import { WallHub, type WallHubOptions } from './wall-hub.js';
import { wallFragment, wallPage, type WallFragment } from './wall-page.js';
import type { WallLocation } from './wall-store.js';
import { NO_INCIDENTS, wallView, type WallSources } from './wall-view.js';

export interface WebPagesDeps {
  /**
   * The store port: a wall's token leads to its workspace and channel by the token's hash
   * (StorePort.wallByTokenHash, an index on PostgreSQL), then the wall reads that channel only.
   */
  port: StorePort;
  feed: ChangeFeed;
  library: Library;
  challenges: Challenges;
  clock: Clock;
  defaultLang: Lang;
  logger: Logger;
  playbookPages: PlaybookPagesMode;
  /** Signs and checks playbook links in `token` mode. */
  linkKey?: string;
  /** Features beside the challenges that the wall shows (the outage coach's open incident). */
  sources?: WallSources;
  hub?: WallHubOptions;
}

/** The headers of every page, file and stream. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const BOTH: readonly Lang[] = ['fr', 'en'];
const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A request path with a wall's token hidden, for logs: `/wall/[redacted]/events`. */
export function redactPath(path: string): string {
  return path.replace(/^\/wall\/[^/]*/, '/wall/[redacted]');
}

export class WebPages {
  readonly hub: WallHub;
  private readonly sources: WallSources;

  constructor(private readonly deps: WebPagesDeps) {
    if (deps.playbookPages === 'token' && !deps.linkKey) throw new Error('WebPages: token mode needs the link key');
    this.sources = deps.sources ?? NO_INCIDENTS;
    this.hub = new WallHub({ feed: deps.feed, logger: deps.logger, render: (wall) => this.fragment(wall) }, deps.hub);
  }

  /**
   * Answers `req` when `path` is one of the pages' (true), or leaves it to other routes (false). Only GET
   * and HEAD; other methods get 405.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const segments = path.split('/').slice(1);
    const area = segments[0];
    if (area !== 'wall' && area !== 'playbooks' && area !== 'web') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...PAGE_HEADERS, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('use GET');
      return true;
    }
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    if (area === 'web') this.asset(res, segments);
    else if (area === 'wall') this.wall(req, res, segments, path);
    else this.playbooks(res, segments, query, path);
    return true;
  }

  /** Ends the live streams (before the server closes). */
  close(): void {
    this.hub.close();
  }

  private asset(res: ServerResponse, segments: string[]): void {
    const asset = segments.length === 2 ? ASSETS.get(segments[1]!) : undefined;
    if (!asset) return sendText(res, 404, 'not found');
    res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.type, 'content-length': String(asset.body.length) });
    res.end(asset.body);
  }

  private wall(req: IncomingMessage, res: ServerResponse, segments: string[], path: string): void {
    this.wallPage(req, res, segments, path).catch((err: unknown) => {
      // The store failed (a database away): say so without telling anything about the wall.
      this.deps.logger.error({ err }, 'wall: could not be read');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (segments[2] === 'state' || segments[2] === 'events') return sendJson(res, 503, { error: 'unavailable' });
      sendText(res, 503, 'The wall cannot be read right now; this page tries again.');
    });
  }

  private async wallPage(req: IncomingMessage, res: ServerResponse, segments: string[], path: string): Promise<void> {
    const [, token = '', view = '', ...rest] = segments;
    const wall = rest.length === 0 ? await this.findWall(token) : null;
    if (!wall || (view !== '' && view !== 'events' && view !== 'state') || (view === '' && path.endsWith('/'))) {
      if (view === 'state' || view === 'events') return sendJson(res, 404, { error: 'not found' });
      return sendHtml(res, 404, messagePage(BOTH, (l) => tw(l, 'notFoundTitle'), (l) => tw(l, 'wallNotFound'), `${rootOf(path)}web/wall.css`));
    }
    if (view === 'events') {
      if (req.method === 'HEAD') return sendText(res, 200, '');
      return this.hub.open(wall, req, res, { ...PAGE_HEADERS });
    }
    const started = performance.now();
    const data = await this.viewOf(wall);
    const fragment = wallFragment(data);
    const page = view === 'state' ? null : wallPage(data, fragment, rootOf(path));
    // How long the server took to render, for browsers' tools and `npm run bench:wall`.
    const timing = { 'server-timing': `render;dur=${(performance.now() - started).toFixed(3)}` };
    if (!page) return sendJson(res, 200, fragment, timing);
    sendHtml(res, 200, page, timing);
  }

  /**
   * The wall a token opens, or null. A malformed token is refused at once (it cannot be one the coach
   * made); a well-formed one is looked up by its SHA-256 (the store keeps only hashes): the token is 32
   * random bytes, so the lookup's timing tells nothing about any other wall.
   */
  private async findWall(token: string): Promise<WallLocation | null> {
    if (!WALL_TOKEN.test(token)) return null;
    const found = await this.deps.port.wallByTokenHash(hashToken(token));
    return found ? { workspace: found.workspace, channel: found.channel, tokenHash: found.wall.tokenHash } : null;
  }

  private playbooks(res: ServerResponse, segments: string[], query: URLSearchParams, path: string): void {
    const css = `${rootOf(path)}web/page.css`;
    const { playbookPages, library } = this.deps;
    const langParam = query.get('lang');
    const lang = langParam === null || langParam === '' ? this.deps.defaultLang : langParam;
    const id = segments[1] ?? '';
    if (playbookPages === 'off') return sendHtml(res, 404, messagePage(BOTH, (l) => tw(l, 'offTitle'), (l) => tw(l, 'offBody'), css));
    if (!isLang(lang)) return sendHtml(res, 400, messagePage(BOTH, (l) => tw(l, 'badLangTitle'), (l) => tw(l, 'badLangBody'), css));
    const access = query.get('a') ?? undefined;
    if (playbookPages === 'token' && !(access && accessValid(this.deps.linkKey!, access, this.deps.clock.now()))) {
      const shown = PLAYBOOK_ID.test(id) ? id : library.playbooks[0]?.id ?? '';
      return sendHtml(res, 403, messagePage([lang], (l) => tw(l, 'accessTitle'), (l) => tw(l, 'accessBody', { id: shown }), css));
    }
    const links = { lang, ...(playbookPages === 'token' && access ? { access } : {}) };
    if (segments.length === 1) {
      // `/playbooks` → `/playbooks/`, relative, so a path prefix in front of the coach is kept.
      res.writeHead(301, { ...PAGE_HEADERS, location: `playbooks/?${query.toString()}` });
      res.end();
      return;
    }
    if (segments.length === 2 && id === '') return sendHtml(res, 200, playbookIndexPage(library, links));
    const pair = segments.length === 2 && PLAYBOOK_ID.test(id) ? library.playbooks.find((p) => p.id === id) : undefined;
    if (!pair) return sendHtml(res, 404, messagePage([lang], (l) => tw(l, 'notFoundTitle'), (l) => tw(l, 'playbookNotFound'), css));
    sendHtml(res, 200, playbookPage(library, pair, links));
  }

  private viewOf(wall: WallLocation) {
    return wallView(this.deps.port.workspace(wall.workspace), wall.channel, this.deps.clock.now(), {
      challenges: this.deps.challenges, sources: this.sources, defaultLang: this.deps.defaultLang,
    });
  }

  /** The wall's fragment now, or null when its token no longer opens it (revoked or replaced). */
  private async fragment(wall: WallLocation): Promise<WallFragment | null> {
    const current = await this.deps.port.workspace(wall.workspace).wall(wall.channel);
    if (current?.tokenHash !== wall.tokenHash) return null;
    return wallFragment(await this.viewOf(wall));
  }
}

/** From a request path to the server's root, relatively (`/wall/abc` → `../`), so a path prefix in front of the coach still works. */
function rootOf(path: string): string {
  const depth = path.split('/').length - 2;
  return depth > 0 ? '../'.repeat(depth) : './';
}

function sendHtml(res: ServerResponse, status: number, page: Html, extra: Record<string, string> = {}): void {
  const body = Buffer.from(page.value);
  res.writeHead(status, { ...PAGE_HEADERS, ...extra, 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...PAGE_HEADERS, ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
