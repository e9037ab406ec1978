// What GET /healthz says: which parts of the server serve, which it is still waiting for, which failed.
// A part that is slow to start (Slack's auth.test when Slack cannot be reached) never holds up the
// others: they serve from the start, and after the start-up bound the server says it goes on degraded.

/** One part of the server (a platform): serving, waiting for something (named), or failed (why). */
type PartState = { state: 'ready' } | { state: 'waiting'; for: () => string } | { state: 'failed'; error: string };

/** The /healthz answer: HTTP status and JSON body. */
export interface HealthReport {
  status: 200 | 503;
  body: {
    /** `ok`: every part serves. `starting`: waiting, within the start-up bound. `degraded`: some part does not serve. */
    status: 'ok' | 'starting' | 'degraded';
    /** What the server still waits for, e.g. `slack auth.test`. */
    waiting?: string[];
    failed?: { part: string; error: string }[];
    /** The parts that serve (when degraded). */
    serving?: string[];
    /** With PostgreSQL: `ok` when the database answered this check (app/store-health.ts). */
    database?: 'ok';
  };
}

export class Readiness {
  private readonly parts = new Map<string, PartState>();
  private pastBound = false;

  /** `part` is not serving yet; it waits for `what` (shown in /healthz; a function when it changes as the part starts). */
  waitFor(part: string, what: string | (() => string)): void {
    this.parts.set(part, { state: 'waiting', for: typeof what === 'string' ? () => what : what });
  }

  ready(part: string): void {
    this.parts.set(part, { state: 'ready' });
  }

  fail(part: string, error: string): void {
    this.parts.set(part, { state: 'failed', error });
  }

  /** The start-up bound has passed: parts still waiting make the server degraded, no longer starting. */
  startupOver(): void {
    this.pastBound = true;
  }

  /** What each part waits for, in the order they were added. */
  waiting(): string[] {
    return [...this.parts.values()].flatMap((p) => (p.state === 'waiting' ? [p.for()] : []));
  }

  /**
   * 200 `ok` when every part serves; 503 `starting` while a part is awaited within the bound (nothing
   * failed); `degraded` otherwise, 200 while at least one part serves (Teams while Slack is unreachable),
   * 503 when none does.
   */
  report(): HealthReport {
    const all = [...this.parts.entries()];
    const serving = all.filter(([, p]) => p.state === 'ready').map(([name]) => name);
    const waiting = this.waiting();
    const failed = all.flatMap(([part, p]) => (p.state === 'failed' ? [{ part, error: p.error }] : []));
    if (waiting.length === 0 && failed.length === 0) return { status: 200, body: { status: 'ok' } };
    if (!this.pastBound && failed.length === 0) return { status: 503, body: { status: 'starting', waiting } };
    return {
      status: serving.length > 0 ? 200 : 503,
      body: { status: 'degraded', ...(waiting.length ? { waiting } : {}), ...(failed.length ? { failed } : {}), serving },
    };
  }
}
