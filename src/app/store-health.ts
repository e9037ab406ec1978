// GET /healthz and the store: a replica whose database (or data file) cannot record answers must leave
// the load balancer's pool, so /healthz then answers 503 and names the part that failed. With PostgreSQL
// the body also says that the database answered (`"database": "ok"`); the JSON store's body is unchanged.
import type { StorePort } from '../store/port.js';
import type { HealthReport } from './readiness.js';

/** Where the data is kept: the JSON data file, or PostgreSQL (DATABASE_URL). */
export type StoreBackend = 'json' | 'postgresql';

/**
 * The report with the store's health folded in: when the store is not ok, 503 `degraded` with
 * `{ part: 'database' | 'data file', error }` in `failed` (the error never holds the URL's password);
 * when it is ok and the store is PostgreSQL, `database: 'ok'` is added.
 */
export async function withStoreHealth(report: HealthReport, store: Pick<StorePort, 'health'>, backend: StoreBackend): Promise<HealthReport> {
  const health = await store.health();
  const part = backend === 'postgresql' ? 'database' : 'data file';
  if (health.ok) return backend === 'postgresql' ? { status: report.status, body: { ...report.body, database: 'ok' } } : report;
  const { status: _s, ...rest } = report.body;
  return {
    status: 503,
    body: { ...rest, status: 'degraded', failed: [...(report.body.failed ?? []), { part, error: health.detail ?? 'not recording' }] },
  };
}
