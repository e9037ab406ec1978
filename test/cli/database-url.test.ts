// DATABASE_URL at start: validated with the other settings, its password never printed, and a database
// that is down stops the start with one clear message (never a fall-back to the data file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { redactDatabaseUrl } from '../../src/store/postgres/url.js';
import { root } from '../helpers.js';

const PASSWORD = 'Tr0ub4dor-and-3';

function coach(args: string[], env: Record<string, string>, input = '') {
  const dir = mkdtempSync(join(tmpdir(), 'coach-dburl-'));
  try {
    const r = spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], {
      cwd: root, input, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, COACH_DATA_FILE: join(dir, 'coach.json'), SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '', MICROSOFT_APP_ID: '', TEAMS_ALLOW_ANONYMOUS: '', ...env },
    });
    return { code: r.status, out: r.stdout, err: r.stderr, dataFile: existsSync(join(dir, 'coach.json')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('DATABASE_URL', () => {
  test('is validated at start with the other settings, its password hidden', () => {
    const bad = loadConfig({ DATABASE_URL: `mysql://coach:${PASSWORD}@db/coach`, COACH_LANG: 'xx' });
    expect(bad.ok).toBe(false);
    const errors = (bad as { errors: string[] }).errors.join('\n');
    expect(errors).toContain('DATABASE_URL: must start with postgres:// (or postgresql://)');
    expect(errors).toContain('(got mysql://coach:***@db/coach)');
    expect(errors).toContain('COACH_LANG');
    expect(errors).not.toContain(PASSWORD);
    const garbage = loadConfig({ DATABASE_URL: `${PASSWORD} nonsense` });
    expect((garbage as { errors: string[] }).errors.join('\n')).not.toContain(PASSWORD);
    const good = loadConfig({ DATABASE_URL: `postgresql://coach:${PASSWORD}@db.example.org:5432/coach?sslmode=require` });
    expect(good.ok && good.config.databaseUrl).toBe(`postgresql://coach:${PASSWORD}@db.example.org:5432/coach?sslmode=require`);
  });

  test('redaction keeps what helps and hides the password (also in parameters)', () => {
    expect(redactDatabaseUrl(`postgres://coach:${PASSWORD}@db:5432/coach`)).toBe('postgres://coach:***@db:5432/coach');
    expect(redactDatabaseUrl(`postgres://db/coach?user=coach&password=${PASSWORD}&sslmode=require`)).toBe('postgres://db/coach?user=coach&password=***&sslmode=require');
    expect(redactDatabaseUrl('postgres://db/coach')).toBe('postgres://db/coach');
    expect(redactDatabaseUrl(PASSWORD)).toBe('(not a URL)');
  });

  test('coach start on a database that is down says so in one message, writes no data file, never prints the password', () => {
    const r = coach(['start'], { DATABASE_URL: `postgres://coach:${PASSWORD}@127.0.0.1:1/coach` }, '/quit\n');
    expect(r.code).toBe(1);
    expect(r.err).toBe('Support Coach cannot start: the database postgres://coach:***@127.0.0.1:1/coach cannot be migrated: connect ECONNREFUSED 127.0.0.1:1. Check DATABASE_URL and that PostgreSQL is running; `npx coach migrate` applies the migrations by hand.\n');
    expect(r.out).toBe('');
    expect(r.dataFile).toBe(false);
    expect(r.out + r.err).not.toContain(PASSWORD);
    const invalid = coach(['start'], { DATABASE_URL: `postgres//coach:${PASSWORD}@db/coach` });
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('DATABASE_URL: must be a PostgreSQL URL');
    expect(invalid.out + invalid.err).not.toContain(PASSWORD);
  });
});
