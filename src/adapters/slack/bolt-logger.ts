// Bolt's logger interface (also @slack/oauth's and the Web API client's) on top of ours, so their lines are
// structured and secret-free too.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../app/logger.js';

const REQUEST_BODY = /^http request body\b/i;

/** Bolt's logger interface on top of ours, so Bolt's own lines are structured and secret-free too. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  // Bolt logs several debug lines per request: format them only when the level is on.
  const log = (fn: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (!logger.isLevelEnabled(fn)) return;
    const text = msg.map(String).join(' ');
    // At debug level the Web API client logs each request's body: it holds what people wrote (a draft under
    // review, an answer), which never goes to the logs.
    logger[fn]({ source: 'bolt' }, REQUEST_BODY.test(text) ? 'http request body: [omitted]' : text);
  };
  return {
    debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => {},
  };
}
