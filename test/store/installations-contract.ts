// The rules every SlackInstallationStore keeps (src/store/installations.ts), as one suite each backend's test
// file runs: the JSON store's (json-installations.test.ts) and PostgreSQL's (pg-installations.test.ts).
import type { Installation } from '@slack/oauth';
import type { SlackInstallationStore } from '../../src/store/installations.js';

/** A workspace install (token rotation on when `expiresAt` is given). */
export function teamInstall(team: string, token: string, enterprise?: string, expiresAt?: number): Installation {
  return {
    team: { id: team, name: `Team ${team}` }, enterprise: enterprise ? { id: enterprise, name: `Org ${enterprise}` } : undefined,
    isEnterpriseInstall: false, authVersion: 'v2', appId: 'A1', tokenType: 'bot',
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, id: `B-${team}`, userId: `UBOT-${team}`, scopes: ['commands', 'chat:write'], ...(expiresAt ? { refreshToken: `xoxe-${team}`, expiresAt } : {}) },
  } as Installation;
}

/** An org-wide Enterprise Grid install. */
export function orgInstall(enterprise: string, token: string): Installation {
  return {
    team: undefined, enterprise: { id: enterprise, name: `Org ${enterprise}` }, isEnterpriseInstall: true, authVersion: 'v2', appId: 'A1', tokenType: 'bot',
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, id: `B-${enterprise}`, userId: `UBOT-${enterprise}`, scopes: ['commands'] },
  } as Installation;
}

/**
 * Runs the contract against a fresh, empty store from `open` for each test (`close` after it).
 * `name` labels the backend in the test names.
 */
export function installationStoreContract(name: string, open: () => Promise<{ store: SlackInstallationStore; close(): Promise<void> }>): void {
  describe(`SlackInstallationStore contract: ${name}`, () => {
    let store: SlackInstallationStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => close());

    test('a workspace install is saved and fetched by its team; nothing is fetched for others', async () => {
      await store.save(teamInstall('TA', 'xoxb-a'));
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-a');
      expect(await store.fetch({ isEnterpriseInstall: false, teamId: 'TB' })).toBeUndefined();
      expect(await store.fetch({ isEnterpriseInstall: true, enterpriseId: 'TA' })).toBeUndefined();
    });

    test('an org-wide install answers for its workspaces: by the enterprise given, or once a workspace was noted under it', async () => {
      await store.save(orgInstall('E1', 'xoxb-org'));
      expect((await store.fetch({ isEnterpriseInstall: true, enterpriseId: 'E1' }))?.bot?.token).toBe('xoxb-org');
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TX', enterpriseId: 'E1' }))?.bot?.token).toBe('xoxb-org');
      expect(await store.fetch({ isEnterpriseInstall: false, teamId: 'TX' })).toBeUndefined();
      await store.noteTeam('TX', 'E1');
      await store.noteTeam('TX', 'E1');
      await store.noteTeam('TY', 'E1');
      expect(await store.enterpriseOf('TX')).toBe('E1');
      expect((await store.teamsOf('E1')).sort()).toEqual(['TX', 'TY']);
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TX' }))?.bot?.token).toBe('xoxb-org');
      // A workspace's own install wins over its org's.
      await store.save(teamInstall('TX', 'xoxb-own', 'E1'));
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TX', enterpriseId: 'E1' }))?.bot?.token).toBe('xoxb-own');
    });

    test('save replaces the installation under its key (a refreshed token) and keeps when it was first installed', async () => {
      await store.save(teamInstall('TA', 'xoxb-1', undefined, 1000));
      const first = (await store.list())[0]!;
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.save(teamInstall('TA', 'xoxb-2', undefined, 2000));
      const [again] = await store.list();
      expect(again).toMatchObject({ key: 'T:TA', installedAt: first.installedAt, botTokenExpiresAt: 2_000_000 });
      expect(again!.updatedAt >= first.updatedAt).toBe(true);
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-2');
    });

    test('what fetch gives is a copy: changing it changes nothing stored', async () => {
      await store.save(teamInstall('TA', 'xoxb-a'));
      const fetched = (await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))!;
      fetched.bot!.token = 'changed';
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-a');
    });

    test('remove takes exactly what it names, and is idempotent', async () => {
      await store.save(orgInstall('E1', 'xoxb-org'));
      await store.save(teamInstall('TA', 'xoxb-a'));
      await store.noteTeam('TX', 'E1');
      // A workspace query never removes its org's install.
      expect(await store.remove({ isEnterpriseInstall: false, teamId: 'TX', enterpriseId: 'E1' })).toEqual([]);
      expect(await store.remove({ isEnterpriseInstall: false, teamId: 'TA' })).toEqual(['T:TA']);
      expect(await store.remove({ isEnterpriseInstall: false, teamId: 'TA' })).toEqual([]);
      expect(await store.remove({ isEnterpriseInstall: true, enterpriseId: 'E1' })).toEqual(['E:E1']);
      expect(await store.remove({ isEnterpriseInstall: true, enterpriseId: 'E1' })).toEqual([]);
      expect(await store.list()).toEqual([]);
    });

    test('list shows every installation without its tokens', async () => {
      await store.save(teamInstall('TA', 'xoxb-secret-a', undefined, 1234));
      await store.save(orgInstall('E1', 'xoxb-secret-org'));
      const listed = await store.list();
      expect(listed.map((i) => i.key).sort()).toEqual(['E:E1', 'T:TA']);
      expect(JSON.stringify(listed)).not.toMatch(/xoxb-|xoxe-/);
      expect(listed.find((i) => i.key === 'E:E1')).toMatchObject({ isEnterpriseInstall: true, enterpriseId: 'E1', enterpriseName: 'Org E1', botUserId: 'UBOT-E1' });
    });

    test('forgetTeam removes a workspace’s own install and its org membership, never the org’s install', async () => {
      await store.save(orgInstall('E1', 'xoxb-org'));
      await store.save(teamInstall('TX', 'xoxb-own', 'E1'));
      await store.noteTeam('TX', 'E1');
      expect(await store.forgetTeam('TX')).toEqual(['T:TX']);
      expect(await store.enterpriseOf('TX')).toBeUndefined();
      expect(await store.forgetTeam('TX')).toEqual([]);
      expect((await store.list()).map((i) => i.key)).toEqual(['E:E1']);
    });

    test('exclusive holds one installation at a time: the second holder reads what the first saved', async () => {
      await store.save(teamInstall('TA', 'xoxb-1', undefined, 1000));
      await store.save(teamInstall('TB', 'xoxb-b', undefined, 1000));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const seen: string[] = [];
      const first = store.exclusive('T:TA', async (held) => {
        seen.push(`first ${(await held.current())?.bot?.token}`);
        await gate;
        await held.save(teamInstall('TA', 'xoxb-2', undefined, 5000));
        return 'first';
      });
      // Wait until the first holds it (its read is done), then ask again while it is held.
      for (let i = 0; i < 500 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = store.exclusive('T:TA', async (held) => {
        seen.push(`second ${(await held.current())?.bot?.token}`);
        return 'second';
      });
      // Another installation is not held by it.
      expect(await store.exclusive('T:TB', async (held) => (await held.current())?.bot?.token)).toBe('xoxb-b');
      release();
      expect(await Promise.all([first, second])).toEqual(['first', 'second']);
      expect(seen).toEqual(['first xoxb-1', 'second xoxb-2']);
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot).toMatchObject({ token: 'xoxb-2', expiresAt: 5000, refreshToken: 'xoxe-TA' });
      // A holder that fails saves nothing; saving under another key is refused; a missing one reads as undefined.
      await expect(store.exclusive('T:TA', async (held) => {
        await held.save(teamInstall('TA', 'xoxb-3', undefined, 6000));
        throw new Error('refresh failed');
      })).rejects.toThrow('refresh failed');
      await expect(store.exclusive('T:TA', (held) => held.save(teamInstall('TB', 'xoxb-x')))).rejects.toThrow('cannot be saved under another key');
      expect(await store.exclusive('T:TZ', (held) => held.current())).toBeUndefined();
      expect((await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-2');
      // Inside the hold, what was saved is what is read.
      expect(await store.exclusive('T:TA', async (held) => {
        await held.save(teamInstall('TA', 'xoxb-4', undefined, 7000));
        return (await held.current())?.bot?.token;
      })).toBe('xoxb-4');
    });

    test('an installation comes back as it was saved, every field', async () => {
      const full = { ...teamInstall('TA', 'xoxb-a', 'E9', 1_700_000_000), incomingWebhook: { url: 'https://hooks.example/x', channel: '#ops', channelId: 'C1' }, enterpriseUrl: 'https://e9.example/' } as Installation;
      await store.save(full);
      expect(await store.fetch({ isEnterpriseInstall: false, teamId: 'TA' })).toEqual(JSON.parse(JSON.stringify(full)));
      await store.save(orgInstall('E1', 'xoxb-org'));
      expect(await store.fetch({ isEnterpriseInstall: true, enterpriseId: 'E1' })).toEqual(JSON.parse(JSON.stringify(orgInstall('E1', 'xoxb-org'))));
    });
  });
}
