// `npx coach migrate` as people run it: a real process, a real database, the password never printed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';

const PASSWORD = 'Sup3r-s3cret-pw';

function coach(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The URL with a password (the test cluster trusts loopback, so any password is accepted). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = PASSWORD;
  return u.toString();
}

describePg('coach migrate', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await openTestDatabase(); }, 60_000);
  afterAll(async () => { await db?.close(); });

  it('applies the migrations, then says the database is up to date; the password is never printed', () => {
    const url = withPassword(db.url);
    const first = coach(['migrate'], { DATABASE_URL: url });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Applied \d+ migrations? to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/coach_test_\w+: 1764500000000_initial-schema/);
    const second = coach(['migrate'], { DATABASE_URL: url });
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/is up to date \(\d+ migrations? applied, the newest \w+/);
    for (const text of [first.out, first.err, second.out, second.err]) expect(text).not.toContain(PASSWORD);
  });

  it('fails clearly, without the password, when the database cannot be reached or the URL is wrong', () => {
    const down = coach(['migrate'], { DATABASE_URL: `postgres://coach:${PASSWORD}@127.0.0.1:1/coach` });
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/^coach migrate: could not migrate postgres:\/\/coach:\*\*\*@127\.0\.0\.1:1\/coach: .*ECONNREFUSED/);
    const wrong = coach(['migrate'], { DATABASE_URL: `mysql://coach:${PASSWORD}@db/coach` });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('DATABASE_URL: must start with postgres://');
    const garbage = coach(['migrate'], { DATABASE_URL: PASSWORD });
    expect(garbage.code).toBe(1);
    expect(garbage.err).toContain('(got (not a URL))');
    const none = coach(['migrate'], { DATABASE_URL: '' });
    expect(none.code).toBe(1);
    expect(none.err).toContain('DATABASE_URL is not set');
    for (const r of [down, wrong, garbage]) expect(r.out + r.err).not.toContain(PASSWORD);
  });
});
