// SlackInstallationStore on the JSON store: the data file's optional `slackOAuth` field (schema.ts).
// Every read is defensive (a hand-edited or older file may lack the field or hold odd values): anything
// that is not an installation object is treated as absent, never thrown on.
import type { Installation } from '@slack/oauth';
import type { CoachData, SlackOAuthData } from './schema.js';
import type { CoachStore } from './store.js';
import { installationKey, keyedQueue, refOf, type InstallationRef, type InstallationSummary, type SlackInstallationStore } from './installations.js';

/** The JSON store's installations. `now` gives the dates kept with each (ISO). */
export function jsonInstallations(store: CoachStore, now: () => Date = () => new Date()): SlackInstallationStore {
  const read = <T>(fn: (oauth: Readonly<SlackOAuthData> | undefined) => T): T => store.read((data) => fn(oauthOf(data)));
  const write = <T>(fn: (oauth: SlackOAuthData) => T): Promise<T> =>
    store.update((data) => {
      const oauth = (data.slackOAuth = oauthOf(data) ?? { installations: {}, enterpriseOf: {} });
      oauth.installations = isRecord(oauth.installations) ? oauth.installations : {};
      oauth.enterpriseOf = isRecord(oauth.enterpriseOf) ? oauth.enterpriseOf : {};
      return fn(oauth);
    });
  const byKey = (oauth: Readonly<SlackOAuthData> | undefined, key: string): Installation | undefined => {
    const entry = oauth && isRecord(oauth.installations) && Object.hasOwn(oauth.installations, key) ? oauth.installations[key] : undefined;
    // A copy: the installer changes what it fetched (a refreshed token) before saving it back.
    return entry && isRecord(entry.installation) ? (structuredClone(entry.installation) as unknown as Installation) : undefined;
  };
  const orgOf = (oauth: Readonly<SlackOAuthData> | undefined, teamId: string): string | undefined => {
    const map = oauth && isRecord(oauth.enterpriseOf) ? oauth.enterpriseOf : undefined;
    const value = map && Object.hasOwn(map, teamId) ? map[teamId] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const queue = keyedQueue();

  const self: SlackInstallationStore = {
    save: (installation) => {
      const key = installationKey(refOf(installation));
      const at = now().toISOString();
      const copy = JSON.parse(JSON.stringify(installation)) as Record<string, unknown>;
      return write((oauth) => {
        const previous = Object.hasOwn(oauth.installations, key) ? oauth.installations[key] : undefined;
        oauth.installations[key] = { installation: copy, installedAt: typeof previous?.installedAt === 'string' ? previous.installedAt : at, updatedAt: at };
      });
    },
    fetch: async (ref) =>
      read((oauth) => {
        if (ref.isEnterpriseInstall) return ref.enterpriseId ? byKey(oauth, `E:${ref.enterpriseId}`) : undefined;
        const own = ref.teamId ? byKey(oauth, `T:${ref.teamId}`) : undefined;
        if (own) return own;
        const org = ref.enterpriseId ?? (ref.teamId ? orgOf(oauth, ref.teamId) : undefined);
        return org ? byKey(oauth, `E:${org}`) : undefined;
      }),
    remove: async (ref) => {
      const key = installationKey(ref);
      if (!read((oauth) => Boolean(oauth && isRecord(oauth.installations) && Object.hasOwn(oauth.installations, key)))) return [];
      return write((oauth) => {
        if (!Object.hasOwn(oauth.installations, key)) return [];
        delete oauth.installations[key];
        return [key];
      });
    },
    list: async () =>
      read((oauth) =>
        Object.entries(oauth && isRecord(oauth.installations) ? oauth.installations : {})
          .filter(([, entry]) => isRecord(entry) && isRecord(entry.installation))
          .map(([key, entry]) => summary(key, entry.installation as unknown as Installation, entry.installedAt, entry.updatedAt))),
    noteTeam: async (teamId, enterpriseId) => {
      if (read((oauth) => orgOf(oauth, teamId)) === enterpriseId) return;
      await write((oauth) => {
        oauth.enterpriseOf[teamId] = enterpriseId;
      });
    },
    enterpriseOf: async (teamId) => read((oauth) => orgOf(oauth, teamId)),
    teamsOf: async (enterpriseId) =>
      read((oauth) => Object.entries(oauth && isRecord(oauth.enterpriseOf) ? oauth.enterpriseOf : {}).filter(([, e]) => e === enterpriseId).map(([team]) => team)),
    forgetTeam: async (teamId) => {
      const key = `T:${teamId}`;
      const known = read((oauth) => Boolean(oauth && ((isRecord(oauth.installations) && Object.hasOwn(oauth.installations, key)) || orgOf(oauth, teamId))));
      if (!known) return [];
      return write((oauth) => {
        const removed: string[] = [];
        if (Object.hasOwn(oauth.installations, key)) {
          delete oauth.installations[key];
          removed.push(key);
        }
        delete oauth.enterpriseOf[teamId];
        return removed;
      });
    },
    // What the holder saves is written when it is done, nothing when it fails (as in a transaction).
    exclusive: (key, fn) =>
      queue(key, async () => {
        let pending: Installation | undefined;
        const result = await fn({
          key,
          current: async () => (pending ? structuredClone(pending) : read((oauth) => byKey(oauth, key))),
          save: async (installation) => {
            if (installationKey(refOf(installation)) !== key) throw new Error(`an installation held as ${key} cannot be saved under another key`);
            pending = structuredClone(installation);
          },
        });
        if (pending) await self.save(pending);
        return result;
      }),
  };
  return self;
}

/** The part of an installation `list()` may show. */
export function summary(key: string, installation: Installation, installedAt: unknown, updatedAt: unknown): InstallationSummary {
  const ref: InstallationRef = refOf(installation);
  const expiresAt = installation.bot?.expiresAt;
  return {
    key,
    isEnterpriseInstall: ref.isEnterpriseInstall,
    ...(ref.teamId ? { teamId: ref.teamId } : {}),
    ...(installation.team?.name ? { teamName: installation.team.name } : {}),
    ...(ref.enterpriseId ? { enterpriseId: ref.enterpriseId } : {}),
    ...(installation.enterprise?.name ? { enterpriseName: installation.enterprise.name } : {}),
    ...(installation.bot?.userId ? { botUserId: installation.bot.userId } : {}),
    ...(typeof expiresAt === 'number' ? { botTokenExpiresAt: expiresAt * 1000 } : {}),
    installedAt: typeof installedAt === 'string' ? installedAt : '',
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
  };
}

function oauthOf(data: Readonly<CoachData>): SlackOAuthData | undefined {
  const value = (data as { slackOAuth?: unknown }).slackOAuth;
  return isRecord(value) ? (value as unknown as SlackOAuthData) : undefined;
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
