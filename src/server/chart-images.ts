// Charts served by the coach's own HTTP server (issue 14), for surfaces that show an image from an address
// (a Teams card's Image element): each PNG under an unguessable address, `COACH_BASE_URL/charts/<token>.png`,
// until it expires. The token is 256 random bits (base64url); only its SHA-256 names the files, in a
// `charts/` folder beside the data file, so neither the folder nor the logs (paths are redacted) open it.
// The files outlive a restart; expired ones are refused (404, like any unknown address) and deleted.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Clock } from '../domain/time.js';

/** How long a chart's address works: long enough for a recap to be read the week after. */
export const CHART_TTL_MS = 14 * 24 * 3_600_000;

const PATH = /^\/charts\/([A-Za-z0-9_-]{43})\.png$/;

export interface ChartImagesOptions {
  /** The folder that holds the charts (created when needed). */
  dir: string;
  /** COACH_BASE_URL: without it no address can be given (put returns null). */
  baseUrl?: string;
  clock: Clock;
  ttlMs?: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class ChartImages {
  private readonly ttlMs: number;

  constructor(private readonly options: ChartImagesOptions) {
    this.ttlMs = options.ttlMs ?? CHART_TTL_MS;
  }

  /**
   * Keeps a PNG and returns its address (`baseUrl/charts/<token>.png`), valid `ttlMs` from now; null when
   * no COACH_BASE_URL is set. Charts already expired are deleted on the way. Rejects when the file cannot be written.
   */
  async put(png: Uint8Array): Promise<string | null> {
    if (!this.options.baseUrl) return null;
    await mkdir(this.options.dir, { recursive: true });
    await this.prune();
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    const expiresAt = this.options.clock.now().getTime() + this.ttlMs;
    // The PNG first, then the file that makes it servable: a crash in between leaves nothing reachable.
    await writeFile(join(this.options.dir, `${hash}.png`), png);
    const meta = join(this.options.dir, `${hash}.json`);
    await writeFile(`${meta}.tmp`, JSON.stringify({ expiresAt: new Date(expiresAt).toISOString() }));
    await rename(`${meta}.tmp`, meta);
    return `${this.options.baseUrl}/charts/${token}.png`;
  }

  /** Answers GET/HEAD `/charts/<token>.png` (true when the path is one of ours): the PNG, or 404 once expired or unknown. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (!path.startsWith('/charts/')) return false;
    void this.serve(req, res, path);
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end('not found');
    };
    const match = PATH.exec(path);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound();
    const hash = hashOf(match[1]!);
    const expiresAt = await this.expiry(hash);
    const now = this.options.clock.now().getTime();
    if (expiresAt === null || expiresAt <= now) {
      if (expiresAt !== null) await this.remove(hash);
      return notFound();
    }
    const png = await readFile(join(this.options.dir, `${hash}.png`)).catch(() => null);
    if (!png) return notFound();
    res.writeHead(200, {
      'content-type': 'image/png', 'content-length': String(png.length), 'x-content-type-options': 'nosniff',
      'cache-control': `private, max-age=${Math.max(0, Math.floor((expiresAt - now) / 1000))}`, 'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : png);
  }

  /** A chart's expiry (ms since the epoch), or null when there is no such chart. */
  private async expiry(hash: string): Promise<number | null> {
    try {
      const { expiresAt } = JSON.parse(await readFile(join(this.options.dir, `${hash}.json`), 'utf8')) as { expiresAt?: string };
      const ms = Date.parse(String(expiresAt));
      return Number.isNaN(ms) ? null : ms;
    } catch {
      return null;
    }
  }

  private async remove(hash: string): Promise<void> {
    await unlink(join(this.options.dir, `${hash}.json`)).catch(() => undefined);
    await unlink(join(this.options.dir, `${hash}.png`)).catch(() => undefined);
  }

  /** Deletes the charts that expired. */
  private async prune(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    for (const name of names) {
      const hash = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
      if (!hash) continue;
      const expiresAt = await this.expiry(hash);
      if (expiresAt === null || expiresAt <= now) await this.remove(hash);
    }
  }
}

/** A path as logs may show it: a chart's token hidden. */
export function redactChartPath(path: string): string {
  return path.replace(/^\/charts\/[^/]*/, '/charts/[redacted]');
}
