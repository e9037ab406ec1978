// Token rotation with several replicas on one PostgreSQL database (issue 13): an expiring bot token is
// refreshed once between them. Two SlackOAuth installers, each with its own pool (two replicas), ask for
// the same workspace's token at once against a fake oauth.v2.access on loopback that, like Slack, accepts
// each refresh token once. The first holds the installation's row while it refreshes; the second waits on
// the row (seen in pg_stat_activity), then reads the token the first got and uses it. Without the hold
// (the control), both refresh and the second is refused: the test can fail.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import { BOT_SCOPES, SlackOAuth } from '../../src/adapters/slack/oauth.js';
import { installationKey, refOf, type SlackInstallationStore } from '../../src/store/installations.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { pgPort, type PgPort } from '../../src/store/postgres/pg-port.js';
import { installationsFor } from '../../src/store/choose-installations.js';
import { describePg, openTestDatabase, type TestDatabase } from '../support/postgres.js';
import { teamInstall } from '../store/installations-contract.js';
import { FakeSlack } from './fake-slack.js';

const CONFIG = { clientId: '1111.2222', clientSecret: 'c0ffee00c0ffee00c0ffee00c0ffee00', stateSecret: 'state-secret-for-the-oauth-tests-0123' };

describePg('Slack token refresh across replicas on PostgreSQL', () => {
  let db: TestDatabase;
  let migrated: string;
  let fake: FakeSlack;
  let logs = '';
  /** The refresh token Slack accepts next, per workspace; each is accepted once. */
  const next = new Map<string, number>();
  beforeAll(async () => {
    db = await openTestDatabase();
    migrated = await db.create();
    await migrate(migrated);
    fake = new FakeSlack();
    await fake.start();
    fake.handlers.set('oauth.v2.access', (body) => {
      if (body.client_id !== CONFIG.clientId || body.client_secret !== CONFIG.clientSecret) return { ok: false, error: 'invalid_client' };
      const [, team, n] = /^xoxe-(T\w+)-(\d+)$/.exec(String(body.refresh_token)) ?? [];
      if (!team || Number(n) !== (next.get(team) ?? 1)) return { ok: false, error: 'invalid_refresh_token' };
      const now = Number(n) + 1;
      next.set(team, now);
      return {
        ok: true, app_id: 'A1', scope: BOT_SCOPES.join(','), token_type: 'bot', access_token: `xoxb-${team}-${now}`, refresh_token: `xoxe-${team}-${now}`,
        expires_in: 43200, bot_user_id: `UBOT-${team}`, team: { id: team, name: team }, enterprise: null, is_enterprise_install: false,
      };
    });
  }, 60_000);
  afterAll(async () => {
    await fake?.stop();
    await db?.close();
    expect(logs).not.toMatch(/xoxb-T|xoxe-T/);
  });

  function installer(installations: SlackInstallationStore): SlackOAuth {
    const destination = new Writable({ write(chunk, _enc, done) { logs += String(chunk); done(); } });
    return new SlackOAuth({ config: CONFIG, installations, logger: createLogger({ level: 'debug', destination }), apiUrl: `${fake.url}/api/` });
  }

  /** An installation of `team` whose token expires in a minute, with refresh token `xoxe-<team>-1`. */
  function expiring(team: string) {
    const install = teamInstall(team, `xoxb-${team}-1`, undefined, Math.floor(Date.now() / 1000) + 60);
    install.bot!.refreshToken = `xoxe-${team}-1`;
    return install;
  }

  const refreshCalls = (team: string) => fake.of('oauth.v2.access').filter((c) => String(c.body.refresh_token).startsWith(`xoxe-${team}-`));
  const tokenOf = (auth: Awaited<ReturnType<SlackOAuth['forWorkspace']>>) => (auth?.client as unknown as { token?: string } | undefined)?.token;

  async function twoReplicas(): Promise<PgPort[]> {
    const url = await db.create(migrated);
    return [pgPort(url, { poolSize: 3 }), pgPort(url, { poolSize: 3 })];
  }

  async function waitingOnInstallationRow(port: PgPort): Promise<number> {
    const { rows } = await port.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FROM slack_installations%FOR UPDATE%'");
    return rows[0]!.n;
  }

  test('two replicas asking at once: one refresh, both use its token, and the saved row holds the new pair', async () => {
    const ports = await twoReplicas();
    try {
      const [a, b] = ports.map((p) => installer(installationsFor(p)));
      await installationsFor(ports[0]!).save(expiring('TR'));
      // Slack is slow to answer the refresh, so the second replica asks while the first is refreshing.
      let release!: () => void;
      fake.holds.set('oauth.v2.access', new Promise<void>((resolve) => (release = resolve)));
      const first = a!.forWorkspace('TR');
      await fake.waitFor('oauth.v2.access', (c) => c.body.refresh_token === 'xoxe-TR-1');
      const second = b!.forWorkspace('TR');
      for (let i = 0; i < 500 && (await waitingOnInstallationRow(ports[0]!)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await waitingOnInstallationRow(ports[0]!)).toBe(1);
      release();
      const [one, two] = await Promise.all([first, second]);
      fake.holds.delete('oauth.v2.access');
      expect([tokenOf(one), tokenOf(two)]).toEqual(['xoxb-TR-2', 'xoxb-TR-2']);
      expect(refreshCalls('TR')).toHaveLength(1);
      const saved = (await installationsFor(ports[1]!).fetch({ isEnterpriseInstall: false, teamId: 'TR' }))!;
      expect(saved.bot).toMatchObject({ token: 'xoxb-TR-2', refreshToken: 'xoxe-TR-2' });
      expect(saved.bot!.expiresAt! * 1000).toBeGreaterThan(Date.now() + 11 * 3600_000);
      // Later requests on either replica use the saved token without refreshing again.
      expect(tokenOf(await b!.forWorkspace('TR'))).toBe('xoxb-TR-2');
      expect(tokenOf(await a!.forWorkspace('TR'))).toBe('xoxb-TR-2');
      expect(refreshCalls('TR')).toHaveLength(1);
    } finally {
      fake.holds.delete('oauth.v2.access');
      await Promise.all(ports.map((p) => p.close()));
    }
  });

  test('a token far from expiry takes no hold and no refresh', async () => {
    const ports = await twoReplicas();
    try {
      const install = expiring('TF');
      install.bot!.expiresAt = Math.floor(Date.now() / 1000) + 6 * 3600;
      await installationsFor(ports[0]!).save(install);
      const [a, b] = ports.map((p) => installer(installationsFor(p)));
      expect((await Promise.all([a!.forWorkspace('TF'), b!.forWorkspace('TF')])).map(tokenOf)).toEqual(['xoxb-TF-1', 'xoxb-TF-1']);
      expect(refreshCalls('TF')).toHaveLength(0);
    } finally {
      await Promise.all(ports.map((p) => p.close()));
    }
  });

  test('control: without the hold, the second replica spends the same refresh token and Slack refuses it', async () => {
    const ports = await twoReplicas();
    try {
      // The installations with a hold that holds nothing (what a per-process lock amounts to across replicas).
      const unheld = (p: PgPort): SlackInstallationStore => {
        const store = installationsFor(p);
        return {
          ...store,
          exclusive: (key, fn) => fn({
            key,
            current: () => store.fetch({ isEnterpriseInstall: key.startsWith('E:'), ...(key.startsWith('E:') ? { enterpriseId: key.slice(2) } : { teamId: key.slice(2) }) }),
            save: async (i) => {
              expect(installationKey(refOf(i))).toBe(key);
              await store.save(i);
            },
          }),
        };
      };
      await installationsFor(ports[0]!).save(expiring('TU'));
      const [a, b] = ports.map((p) => installer(unheld(p)));
      let release!: () => void;
      fake.holds.set('oauth.v2.access', new Promise<void>((resolve) => (release = resolve)));
      const first = a!.forWorkspace('TU');
      const second = b!.forWorkspace('TU');
      for (let i = 0; i < 500 && refreshCalls('TU').length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      release();
      const tokens = (await Promise.all([first, second])).map(tokenOf);
      fake.holds.delete('oauth.v2.access');
      expect(refreshCalls('TU')).toHaveLength(2);
      // @slack/oauth drops a refused refresh and answers with the old token, now revoked by the first refresh.
      expect(tokens.sort()).toEqual(['xoxb-TU-1', 'xoxb-TU-2']);
    } finally {
      fake.holds.delete('oauth.v2.access');
      await Promise.all(ports.map((p) => p.close()));
    }
  });
});
