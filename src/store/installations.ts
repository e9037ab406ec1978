// Where the Slack app's OAuth installations live (issue 13, "many Slack workspaces"): one small interface,
// implemented on the JSON store (json-installations.ts) and on PostgreSQL (postgres/pg-installations.ts),
// so the adapter never knows which backend holds the tokens. installationsOf (choose-installations.ts)
// picks the one that goes with the store the coach runs on.
//
// An installation is @slack/oauth's `Installation` (bot token, its refresh token and expiry when token
// rotation is on, scopes, bot ids, team or enterprise), stored whole so Bolt's installer gets back what
// it saved. Two kinds, two keys (installationKey):
//   - a workspace install: `T:<team id>` (also inside an Enterprise Grid org, when not org-wide);
//   - an org-wide Enterprise Grid install: `E:<enterprise id>`; it answers for every workspace of the org.
// Lookups (fetch) try the workspace's own install first, then its org's. The store also remembers which
// workspaces were seen under an org-wide install (noteTeam), since the coach's scheduled posts start from
// a team id alone.
//
// Rules every implementation keeps:
//   - save() replaces the installation under the same key (a reinstall or a refreshed token), keeping its
//     first `installedAt`; it never merges field by field.
//   - remove() is idempotent: removing what is not there resolves with [] (app_uninstalled and
//     tokens_revoked may both arrive, in any order).
//   - nothing here logs an installation: it holds tokens.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';

/** Which installation: an org-wide one by enterprise, else a workspace one by team. */
export interface InstallationRef {
  /** The Slack team (workspace) id, `T…`; absent for an org-wide install. */
  teamId?: string;
  /** The Enterprise Grid org id, `E…`, when the workspace belongs to one. */
  enterpriseId?: string;
  /** True for an org-wide install (keyed by enterpriseId). */
  isEnterpriseInstall: boolean;
}

/** What `list()` shows of an installation: never its tokens. */
export interface InstallationSummary {
  key: string;
  teamId?: string;
  teamName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  isEnterpriseInstall: boolean;
  /** The bot's user id in that workspace or org (`U…`). */
  botUserId?: string;
  /** When the bot token expires (ms since the epoch) when token rotation is on; absent: it does not expire. */
  botTokenExpiresAt?: number;
  /** ISO times. */
  installedAt: string;
  updatedAt: string;
}

export interface SlackInstallationStore {
  /** Inserts or replaces the installation under its key (installationKey). Resolves once it is recorded. */
  save(installation: Installation): Promise<void>;
  /**
   * The installation that answers for `query`: by enterprise for an org-wide query; else the team's own
   * install, then (when the team is in an org, given or noted) the org-wide install. Undefined: none.
   */
  fetch(query: InstallationRef): Promise<Installation | undefined>;
  /**
   * Removes the installation that `ref` names exactly (the org-wide one, or the team's own; never an org
   * install for a team query). Resolves with the keys removed: [] when there was none (idempotent).
   */
  remove(ref: InstallationRef): Promise<string[]>;
  /** Every installation, without tokens, by key. */
  list(): Promise<InstallationSummary[]>;
  /**
   * Remembers that workspace `teamId` belongs to org `enterpriseId` (seen in a request under an org-wide
   * install). Writes only when it is new. Resolves once recorded.
   */
  noteTeam(teamId: string, enterpriseId: string): Promise<void>;
  /** The org a workspace was seen under (noteTeam), or undefined. */
  enterpriseOf(teamId: string): Promise<string | undefined>;
  /** The workspaces seen under an org (noteTeam), for stopping their posts when the org uninstalls. */
  teamsOf(enterpriseId: string): Promise<string[]>;
  /**
   * Forgets everything about workspace `teamId` (its own install, its org membership): `coach purge`.
   * Resolves with the keys removed. An org-wide install is kept (other workspaces use it).
   */
  forgetTeam(teamId: string): Promise<string[]>;
  /**
   * Runs `fn` holding the installation under `key` (installationKey) exclusively, and resolves with its
   * result: across replicas on PostgreSQL (a transaction with the row locked FOR UPDATE), within this
   * process on the JSON file (one process owns the file). What `fn` saves is recorded once it resolves,
   * nothing when it rejects. For token rotation: `fn` reads the installation again inside, so a token another holder
   * refreshed meanwhile is used instead of spending the rotated refresh token a second time.
   */
  exclusive<T>(key: string, fn: (held: HeldInstallation) => Promise<T>): Promise<T>;
}

/** An installation held by SlackInstallationStore.exclusive. */
export interface HeldInstallation {
  readonly key: string;
  /** The installation as stored now (after any earlier holder's change), or undefined when it is gone. */
  current(): Promise<Installation | undefined>;
  /** Replaces it, keeping its first `installedAt` (as save()); its key must be the held one. */
  save(installation: Installation): Promise<void>;
}

/**
 * One queue per key for the JSON store's `exclusive`: calls on a key run one after another, in call order.
 * Returns the runner; keys with nothing queued are forgotten.
 */
export function keyedQueue(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/** The key of an installation or query: `E:<enterprise id>` for org-wide, else `T:<team id>`. Throws when the ids needed are missing. */
export function installationKey(ref: InstallationRef): string {
  if (ref.isEnterpriseInstall) {
    if (!ref.enterpriseId) throw new Error('an org-wide installation needs an enterprise id');
    return `E:${ref.enterpriseId}`;
  }
  if (!ref.teamId) throw new Error('a workspace installation needs a team id');
  return `T:${ref.teamId}`;
}

/** The ref of an installation object (what its key is made from). */
export function refOf(installation: Installation): InstallationRef {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    isEnterpriseInstall,
    ...(installation.team?.id ? { teamId: installation.team.id } : {}),
    ...(installation.enterprise?.id ? { enterpriseId: installation.enterprise.id } : {}),
  };
}

/** A query as Bolt and @slack/oauth pass it. */
export function refOfQuery(query: InstallationQuery<boolean>): InstallationRef {
  return {
    isEnterpriseInstall: query.isEnterpriseInstall === true,
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
  };
}

/**
 * Bolt's InstallationStore on top of ours, for @slack/oauth's InstallProvider: fetchInstallation rejects
 * when there is none (as the installer expects), deleteInstallation is idempotent.
 */
export function boltInstallationStore(store: SlackInstallationStore): InstallationStore {
  return {
    storeInstallation: async (installation) => store.save(installation as Installation),
    fetchInstallation: async (query) => {
      const found = await store.fetch(refOfQuery(query));
      if (!found) throw new Error(`no installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`);
      return found;
    },
    deleteInstallation: async (query) => {
      await store.remove(refOfQuery(query));
    },
  };
}
