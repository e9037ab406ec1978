// The web pages of a running coach: mounted on the Slack/Teams server by `serve`, or on a server of their
// own beside the terminal chat (when COACH_BASE_URL is set), so a local team can put its wall on a screen.
import type { Logger } from '../app/logger.js';
import type { ServedCoach } from '../app/open-coach.js';
import type { Config } from '../config.js';
import { HttpServer } from '../server/http-server.js';
import { redactPath, WebPages } from './web-pages.js';
import type { WallHubOptions } from './wall-hub.js';
import type { WallSources } from './wall-view.js';
import { wallSources } from './wall-sources.js';

export interface WebOptions {
  /** What the wall shows beside the challenges (the outage coach's open incident); default: wallSources(coach). */
  sources?: WallSources;
  hub?: WallHubOptions;
}

export function createWebPages(config: Pick<Config, 'defaultLang' | 'playbookPages'>, coach: ServedCoach, logger: Logger, options: WebOptions = {}): WebPages {
  return new WebPages({
    port: coach.port,
    feed: coach.changes,
    library: coach.library,
    challenges: coach.challenges,
    clock: coach.clock,
    defaultLang: config.defaultLang,
    logger,
    playbookPages: config.playbookPages,
    ...(coach.linkKey ? { linkKey: coach.linkKey } : {}),
    sources: options.sources ?? wallSources(coach),
    ...(options.hub ? { hub: options.hub } : {}),
  });
}

export interface WebServer {
  address: { host: string; port: number };
  pages: WebPages;
  stop(): Promise<void>;
}

/** The pages alone on HOST:PORT (the terminal chat has no other server). Rejects when the port cannot be used. */
export async function startWebServer(config: Config, coach: ServedCoach, logger: Logger, options: WebOptions = {}): Promise<WebServer> {
  const pages = createWebPages(config, coach, logger, options);
  const server = new HttpServer({ host: config.host, port: config.port, logger, routes: {}, pages, redactPath });
  let address;
  try {
    address = await server.listen();
  } catch (err) {
    pages.close();
    throw err;
  }
  server.markReady();
  return {
    address,
    pages,
    async stop() {
      pages.close();
      await server.close();
    },
  };
}
