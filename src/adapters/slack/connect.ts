// Finding out who the bot is (auth.test) before serving Slack, without ever hanging the start. Bolt's own
// start calls auth.test through a client that retries for about thirty minutes when Slack cannot be
// reached, logging only "http request failed": here each try is bounded and not retried inside, the
// tries go on in the background with a growing pause, and the caller decides how long the start waits.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../app/logger.js';

/** The bot's identity, as Slack's auth.test gives it. */
export interface SlackIdentity {
  botUserId: string;
  botId: string;
}

/** Slack answered auth.test with an error (`invalid_auth`, `token_revoked`…): trying again cannot help. */
export class SlackRefusedError extends Error {
  override readonly name = 'SlackRefusedError';
  constructor(readonly slackError: string) {
    super(`Slack refused the bot token (${slackError})`);
  }
}

export interface AuthTestOptions {
  token: string;
  /** SLACK_API_URL, ending with a slash; Slack's own when absent. */
  apiUrl?: string;
  /** Stops the tries (the server is stopping); the promise then rejects. */
  signal: AbortSignal;
  logger: Logger;
  /** One try's limit, in ms. Default 5,000. */
  timeoutMs?: number;
  /** Pauses between tries, in ms: the first, doubled after each failed try up to the last. Default 500 to 15,000. */
  pauseMs?: { first: number; max: number };
}

/**
 * Calls auth.test until Slack answers. Resolves with the bot's identity; rejects with SlackRefusedError
 * when Slack answers with an error, or with the signal's reason when stopped. Each failed try is logged at
 * debug level only (the caller says once, clearly, that Slack cannot be reached).
 */
export async function authTestUntilAnswered(options: AuthTestOptions): Promise<SlackIdentity> {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 5_000,
    logger: quietLogger(options.logger),
  });
  const pause = options.pauseMs ?? { first: 500, max: 15_000 };
  let wait = pause.first;
  for (let attempt = 1; ; attempt++) {
    options.signal.throwIfAborted();
    try {
      const result = await client.auth.test();
      if (typeof result.user_id !== 'string' || typeof result.bot_id !== 'string') throw new SlackRefusedError('not_a_bot_token');
      return { botUserId: result.user_id, botId: result.bot_id };
    } catch (err) {
      if (err instanceof SlackRefusedError) throw err;
      const e = err as { code?: unknown; data?: { error?: unknown }; message?: unknown };
      if (e.code === webApi.ErrorCode.PlatformError) throw new SlackRefusedError(String(e.data?.error ?? 'unknown_error'));
      options.logger.debug({ attempt, code: e.code, message: String(e.message ?? '').slice(0, 200) }, 'slack auth.test failed; trying again');
    }
    await sleep(wait, options.signal);
    wait = Math.min(wait * 2, pause.max);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The Web API client's logger, every line at our debug level (its "http request failed" is expected here). */
function quietLogger(logger: Logger): webApi.Logger {
  const debug = (...msg: unknown[]) => {
    if (logger.isLevelEnabled('debug')) logger.debug({ source: 'slack-web-api' }, msg.map(String).join(' '));
  };
  let level = webApi.LogLevel.DEBUG;
  return {
    debug, info: debug, warn: debug, error: debug,
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}
