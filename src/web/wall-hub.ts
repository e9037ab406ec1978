// Open walls and their live streams (server-sent events). A change of a workspace re-renders each of its
// open walls once (changes arriving together are coalesced) and sends the new fragment to every screen
// showing it, only when it differs from what they show. A revoked or replaced wall tells its screens it is
// gone and closes their streams.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../app/logger.js';
import type { ChangeFeed } from '../store/change-feed.js';
import type { WallFragment } from './wall-page.js';
import type { WallLocation } from './wall-store.js';

export interface WallHubOptions {
  /** Streams open at once, all walls together; beyond, a screen falls back to polling. Default 500. */
  maxStreams?: number;
  /** Streams open at once on one wall. Default 50. */
  maxStreamsPerWall?: number;
  /** How long a change waits for others of the same workspace before walls re-render, in ms. Default 50. */
  coalesceMs?: number;
  /** A comment line this often keeps proxies from closing idle streams, in ms. Default 25,000. */
  heartbeatMs?: number;
  /** Every open wall is re-rendered this often even without a change (the day turns, a week starts), in ms. Default 30,000. */
  refreshMs?: number;
  /** How long a browser waits before reconnecting a dropped stream, in ms (the SSE `retry`). Default 2,000. */
  retryMs?: number;
}

export interface WallHubDeps {
  feed: ChangeFeed;
  logger: Logger;
  /** The wall's fragment now, or null when its token no longer opens it (revoked or replaced). Read through the store port. */
  render(wall: WallLocation): Promise<WallFragment | null>;
}

interface OpenWall {
  wall: WallLocation;
  streams: Set<ServerResponse>;
  last: WallFragment | null;
  /** Screens that just connected: they get the next fragment rendered even when it is the one the others have. */
  fresh: Set<ServerResponse>;
  /** The render under way (renders of one wall run one at a time, so screens never get an older state after a newer one). */
  rendering?: Promise<void>;
  /** Another render was asked for while one was under way: it runs right after. */
  again: boolean;
}

/** A stream that buffers this much unsent data belongs to a screen that stopped reading: it is dropped. */
const MAX_BUFFERED_BYTES = 1_000_000;

export class WallHub {
  private readonly walls = new Map<string, OpenWall>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly timers: NodeJS.Timeout[];
  private readonly unsubscribe: () => void;
  private readonly options: Required<WallHubOptions>;
  private streams = 0;
  private closed = false;

  constructor(private readonly deps: WallHubDeps, options: WallHubOptions = {}) {
    this.options = {
      maxStreams: options.maxStreams ?? 500,
      maxStreamsPerWall: options.maxStreamsPerWall ?? 50,
      coalesceMs: options.coalesceMs ?? 50,
      heartbeatMs: options.heartbeatMs ?? 25_000,
      refreshMs: options.refreshMs ?? 30_000,
      retryMs: options.retryMs ?? 2_000,
    };
    this.unsubscribe = deps.feed.subscribe((workspace) => this.changed(workspace));
    this.timers = [
      setInterval(() => this.broadcastAll(': ping\n\n'), this.options.heartbeatMs),
      setInterval(() => this.refreshAll(), this.options.refreshMs),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** Open streams and the walls they show. */
  stats(): { walls: number; streams: number } {
    return { walls: this.walls.size, streams: this.streams };
  }

  /**
   * Starts a stream of `wall` on `res` (the wall was just found from its token): the current fragment at
   * once, then each change. Refused with 503 (the page then polls) when too many streams are open.
   */
  open(wall: WallLocation, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    const key = `${wall.workspace}\u0000${wall.channel}\u0000${wall.tokenHash}`;
    let open = this.walls.get(key);
    if (this.closed || this.streams >= this.options.maxStreams || (open && open.streams.size >= this.options.maxStreamsPerWall)) {
      res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' });
      res.end('too many open walls: this page polls instead');
      return;
    }
    if (!open) this.walls.set(key, (open = { wall, streams: new Set(), last: null, fresh: new Set(), again: false }));
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true, 30_000);
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' });
    res.write(`retry: ${this.options.retryMs}\n\n`);
    open.streams.add(res);
    this.streams++;
    const entry = open;
    res.once('close', () => {
      entry.fresh.delete(res);
      if (entry.streams.delete(res)) this.streams--;
      if (entry.streams.size === 0 && this.walls.get(key) === entry) this.walls.delete(key);
    });
    // The newest fragment for this screen (it may have loaded the page before the latest change).
    entry.fresh.add(res);
    this.refresh(key, entry);
  }

  /** Ends every stream and stops listening; a browser reconnecting later gets a fresh state. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers) clearInterval(timer);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const open of this.walls.values()) for (const res of open.streams) res.end();
    this.walls.clear();
    this.streams = 0;
  }

  private changed(workspace: string): void {
    if (this.closed || this.pending.has(workspace)) return;
    let any = false;
    for (const open of this.walls.values()) if (open.wall.workspace === workspace) any = true;
    if (!any) return;
    const timer = setTimeout(() => {
      this.pending.delete(workspace);
      for (const [key, open] of [...this.walls]) if (open.wall.workspace === workspace) this.refresh(key, open);
    }, this.options.coalesceMs);
    timer.unref();
    this.pending.set(workspace, timer);
  }

  private refreshAll(): void {
    for (const [key, open] of [...this.walls]) this.refresh(key, open);
  }

  private refresh(key: string, open: OpenWall): void {
    if (open.rendering) {
      open.again = true;
      return;
    }
    open.rendering = (async () => {
      do {
        open.again = false;
        const fragment = await this.safeRender(open.wall);
        if (this.closed || this.walls.get(key) !== open) return;
        if (fragment === null) return this.gone(key, open);
        if (fragment === undefined) continue;
        const fresh = [...open.fresh];
        open.fresh.clear();
        const changed = open.last?.version !== fragment.version;
        open.last = fragment;
        const event = stateEvent(fragment);
        for (const res of changed ? open.streams : fresh) this.write(res, event);
      } while (open.again);
    })().catch((err: unknown) => {
      this.deps.logger.error({ err, workspace: open.wall.workspace }, 'wall: could not send its state');
    }).finally(() => {
      open.rendering = undefined;
    });
  }

  private gone(key: string, open: OpenWall): void {
    for (const res of open.streams) {
      this.write(res, 'event: gone\ndata: {}\n\n');
      res.end();
    }
    this.walls.delete(key);
  }

  private broadcastAll(text: string): void {
    for (const open of this.walls.values()) for (const res of open.streams) this.write(res, text);
  }

  private write(res: ServerResponse, text: string): void {
    if (res.writableEnded || res.destroyed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(text);
  }

  private async safeRender(wall: WallLocation): Promise<WallFragment | null | undefined> {
    try {
      return await this.deps.render(wall);
    } catch (err) {
      // A wall that cannot render now keeps showing its last state; the next change or refresh tries again.
      this.deps.logger.error({ err, workspace: wall.workspace }, 'wall: could not render');
      return undefined;
    }
  }
}

function stateEvent(fragment: WallFragment): string {
  return `event: state\ndata: ${JSON.stringify(fragment)}\n\n`;
}
