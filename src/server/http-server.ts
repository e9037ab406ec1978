// The one HTTP server of the coach: Slack on POST /slack/events, Teams on POST /api/messages, the web
// pages (src/web: the wall, the playbooks) and GET /healthz. Routes are plain handlers; bodies are read
// with a size limit before any parsing. Paths are logged through `redactPath`, never with their query.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../app/logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> | void;

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  routes: Record<string, RouteHandler>;
  /** GET (and HEAD) routes without a body (Slack's install and OAuth redirect); 503 until ready. */
  getRoutes?: Record<string, RouteHandler>;
  /** Largest request body accepted; Slack's and Teams' real payloads are far smaller. */
  maxBodyBytes?: number;
  /** GET pages under their own paths (the web pages); `handle` answers true when the path was theirs. */
  pages?: { handle(req: IncomingMessage, res: ServerResponse, path: string): boolean };
  /** A path as it may appear in logs (secrets in paths hidden); default: unchanged. */
  redactPath?: (path: string) => string;
  /** What GET /healthz answers once the routes are open (src/app/readiness.ts); default 200 `ok`. */
  health?: () => { status: number; body: unknown } | Promise<{ status: number; body: unknown }>;
}

export class HttpServer {
  private readonly server: Server;
  private ready = false;

  constructor(private readonly options: HttpServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.requestTimeout = 15_000;
    this.server.headersTimeout = 10_000;
  }

  /** Opens the routes (before: 503 `starting`); /healthz then says what `health` says. */
  markReady(): void {
    this.ready = true;
  }

  async listen(): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    return { host: this.options.host, port };
  }

  /**
   * Stops accepting connections, closes idle ones at once and lets requests in flight finish for up to
   * `graceMs`; then closes whatever is left (a browser may hold a connection open that never sends a request).
   */
  async close(graceMs = 2000): Promise<void> {
    this.ready = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const logged = () => this.options.redactPath?.(path) ?? path;
    if (this.options.logger.isLevelEnabled('debug')) {
      const started = Date.now();
      res.once('close', () => this.options.logger.debug({ method: req.method, path: logged(), status: res.statusCode, ms: Date.now() - started }, 'request'));
    }
    try {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        if (!this.ready) return send(res, 503, { status: 'starting' });
        const health = (await this.options.health?.()) ?? { status: 200, body: { status: 'ok' } };
        return send(res, health.status, health.body);
      }
      if (this.options.pages?.handle(req, res, path)) return;
      const getRoute = this.options.getRoutes && Object.hasOwn(this.options.getRoutes, path) ? this.options.getRoutes[path] : undefined;
      if (getRoute) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'use GET' });
        if (!this.ready) return send(res, 503, { error: 'starting' });
        return await getRoute(req, res, Buffer.alloc(0));
      }
      const route = this.options.routes[path];
      if (!route) return send(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
      if (!this.ready) return send(res, 503, { error: 'starting' });
      const body = await readBody(req, this.options.maxBodyBytes ?? 1_000_000);
      if (body === null) return send(res, 413, { error: 'request body too large' });
      await route(req, res, body);
    } catch (err) {
      this.options.logger.error({ err, path: logged() }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    }
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooBig = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
