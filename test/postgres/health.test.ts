// GET /healthz's view of the database: ok when PostgreSQL answers; 503 naming the database (never its
// password) when it does not, so a load balancer takes the replica out.
import { withStoreHealth } from '../../src/app/store-health.js';
import type { HealthReport } from '../../src/app/readiness.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort } from '../../src/store/postgres/pg-port.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const ok: HealthReport = { status: 200, body: { status: 'ok' } };

describePg('/healthz and the database', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); await migrate(db.url); }, 60_000);
  afterAll(async () => { await db?.close(); });

  it('says the database is ok when it answers', async () => {
    const port = pgPort(db.url);
    try {
      expect(await withStoreHealth(ok, port, 'postgresql')).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
      const degraded: HealthReport = { status: 200, body: { status: 'degraded', waiting: ['slack auth.test'], serving: ['teams'] } };
      expect(await withStoreHealth(degraded, port, 'postgresql')).toEqual({ status: 200, body: { ...degraded.body, database: 'ok' } });
    } finally {
      await port.close();
    }
  });

  it('answers 503 naming the database, without its password, when it cannot be reached', async () => {
    const port = pgPort('postgres://coach:Hunter2-secret@127.0.0.1:1/coach');
    try {
      const report = await withStoreHealth(ok, port, 'postgresql');
      expect(report.status).toBe(503);
      expect(report.body.status).toBe('degraded');
      expect(report.body.failed).toEqual([{ part: 'database', error: expect.stringMatching(/^database unreachable \(postgres:\/\/coach:\*\*\*@127\.0\.0\.1:1\/coach\): .*ECONNREFUSED/) }]);
      expect(JSON.stringify(report)).not.toContain('Hunter2');
    } finally {
      await port.close();
    }
  });

  it('a database without the coach’s schema is not healthy either', async () => {
    const port = pgPort(await db.create());
    try {
      const report = await withStoreHealth(ok, port, 'postgresql');
      expect(report.status).toBe(503);
      expect(report.body.failed![0]!.error).toContain('relation "pgmigrations" does not exist');
    } finally {
      await port.close();
    }
  });
});
