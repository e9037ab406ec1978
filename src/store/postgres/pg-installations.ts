// SlackInstallationStore on PostgreSQL (issue 13): the tables of migrations/1764700000000_slack-installations.sql,
// through the PgPort's pool, so every replica on one DATABASE_URL sees every install at once. One row per
// installation (key `T:<team>` or `E:<enterprise>`, installations.ts installationKey); the bot's token,
// refresh token and expiry are columns, the rest of the Installation object is `extra`, so fetch gives back
// what Bolt saved. `exclusive` holds the row FOR UPDATE in a transaction: replicas refreshing one rotating
// token queue on the row, and each reads it again once it holds it (oauth.ts refreshes only when the token
// it then sees still expires soon).
import type { Installation } from '@slack/oauth';
import type pg from 'pg';
import { installationKey, refOf, type HeldInstallation, type SlackInstallationStore } from '../installations.js';
import { summary } from '../json-installations.js';
import type { PgPort } from './pg-port.js';

/** How long a replica waits for another one's hold on an installation (a token refresh) before giving up. */
export const INSTALLATION_LOCK_TIMEOUT = '30s';

interface InstallationRow {
  installation_key: string;
  is_enterprise_install: boolean;
  team_id: string | null;
  enterprise_id: string | null;
  bot_token: string | null;
  bot_id: string | null;
  bot_user_id: string | null;
  bot_refresh_token: string | null;
  bot_token_expires_at: Date | null;
  bot_scopes: string[];
  installer_user_id: string | null;
  extra: Record<string, unknown>;
  installed_at: Date;
  updated_at: Date;
}

const COLUMNS = `installation_key, is_enterprise_install, team_id, enterprise_id, bot_token, bot_id, bot_user_id, bot_refresh_token,
  bot_token_expires_at, bot_scopes, installer_user_id, extra, installed_at, updated_at`;

/** The installations kept in the PostgreSQL database of `port`. `now` gives the dates kept with each. */
export function pgInstallations(port: PgPort, now: () => Date = () => new Date()): SlackInstallationStore {
  type Db = pg.PoolClient | pg.Pool;
  const byKey = async (db: Db, key: string, lock = ''): Promise<Installation | undefined> => {
    const { rows } = await port.q<InstallationRow>(db, `SELECT ${COLUMNS} FROM slack_installations WHERE installation_key = $1 ${lock}`, [key]);
    return rows[0] ? installationOf(rows[0]) : undefined;
  };
  const save = async (db: Db, installation: Installation): Promise<void> => {
    const values = rowValues(installation);
    const at = now().toISOString();
    // A reinstall or a refreshed token replaces the row whole, keeping when it was first installed.
    await port.q(db, `
      INSERT INTO slack_installations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
      ON CONFLICT (installation_key) DO UPDATE SET
        is_enterprise_install = EXCLUDED.is_enterprise_install, team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
        bot_token = EXCLUDED.bot_token, bot_id = EXCLUDED.bot_id, bot_user_id = EXCLUDED.bot_user_id,
        bot_refresh_token = EXCLUDED.bot_refresh_token, bot_token_expires_at = EXCLUDED.bot_token_expires_at,
        bot_scopes = EXCLUDED.bot_scopes, installer_user_id = EXCLUDED.installer_user_id, extra = EXCLUDED.extra,
        updated_at = EXCLUDED.updated_at`, [...values, at]);
  };
  const orgOf = async (db: Db, teamId: string): Promise<string | undefined> =>
    (await port.q<{ enterprise_id: string }>(db, 'SELECT enterprise_id FROM slack_enterprise_teams WHERE team_id = $1', [teamId])).rows[0]?.enterprise_id;

  return {
    save: (installation) => port.read((db) => save(db, installation)),
    fetch: (ref) =>
      port.read(async (db) => {
        if (ref.isEnterpriseInstall) return ref.enterpriseId ? byKey(db, `E:${ref.enterpriseId}`) : undefined;
        const own = ref.teamId ? await byKey(db, `T:${ref.teamId}`) : undefined;
        if (own) return own;
        const org = ref.enterpriseId ?? (ref.teamId ? await orgOf(db, ref.teamId) : undefined);
        return org ? byKey(db, `E:${org}`) : undefined;
      }),
    remove: (ref) => {
      const key = installationKey(ref);
      return port.read(async (db) => (await port.q<{ installation_key: string }>(db, 'DELETE FROM slack_installations WHERE installation_key = $1 RETURNING installation_key', [key])).rows.map((r) => r.installation_key));
    },
    list: () =>
      port.read(async (db) => {
        const { rows } = await port.q<InstallationRow>(db, `SELECT ${COLUMNS} FROM slack_installations ORDER BY installation_key`);
        return rows.map((r) => summary(r.installation_key, installationOf(r), r.installed_at.toISOString(), r.updated_at.toISOString()));
      }),
    noteTeam: (teamId, enterpriseId) =>
      port.read(async (db) => {
        await port.q(db, `INSERT INTO slack_enterprise_teams (team_id, enterprise_id) VALUES ($1, $2)
          ON CONFLICT (team_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id WHERE slack_enterprise_teams.enterprise_id <> EXCLUDED.enterprise_id`, [teamId, enterpriseId]);
      }),
    enterpriseOf: (teamId) => port.read((db) => orgOf(db, teamId)),
    teamsOf: (enterpriseId) =>
      port.read(async (db) => (await port.q<{ team_id: string }>(db, 'SELECT team_id FROM slack_enterprise_teams WHERE enterprise_id = $1 ORDER BY team_id', [enterpriseId])).rows.map((r) => r.team_id)),
    forgetTeam: (teamId) =>
      port.tx(async (c) => {
        const removed = (await port.q<{ installation_key: string }>(c, 'DELETE FROM slack_installations WHERE installation_key = $1 RETURNING installation_key', [`T:${teamId}`])).rows.map((r) => r.installation_key);
        await port.q(c, 'DELETE FROM slack_enterprise_teams WHERE team_id = $1', [teamId]);
        return removed;
      }),
    exclusive: (key, fn) =>
      port.tx(async (c) => {
        // The row lock is what makes the hold work across replicas; a row that does not exist locks
        // nothing, and then there is nothing to refresh either.
        await port.q(c, `SET LOCAL lock_timeout = '${INSTALLATION_LOCK_TIMEOUT}'`);
        let locked = false;
        const held: HeldInstallation = {
          key,
          current: async () => {
            const found = await byKey(c, key, locked ? '' : 'FOR UPDATE');
            locked = true;
            return found;
          },
          save: async (installation) => {
            if (installationKey(refOf(installation)) !== key) throw new Error(`an installation held as ${key} cannot be saved under another key`);
            await save(c, installation);
          },
        };
        await held.current();
        return fn(held);
      }),
  };
}

/**
 * Copies the JSON data file's installations (CoachData.slackOAuth) into the database on `client` (within
 * the caller's transaction: `coach migrate --from`). An installation or org membership already in the
 * database is kept as it is; entries that are not installation objects are left out. Resolves with how
 * many installations were added and how many were already there or unusable.
 */
export async function importInstallations(client: pg.ClientBase, oauth: unknown, now: Date): Promise<{ added: number; skipped: number }> {
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const result = { added: 0, skipped: 0 };
  if (!record(oauth)) return result;
  for (const entry of Object.values(record(oauth.installations) ? oauth.installations : {})) {
    const installation = record(entry) && record(entry.installation) ? (entry.installation as unknown as Installation) : null;
    let values: unknown[];
    try {
      if (!installation) throw new Error('not an installation');
      values = rowValues(installation);
    } catch {
      result.skipped += 1;
      continue;
    }
    const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : now.toISOString());
    const inserted = await client.query(`INSERT INTO slack_installations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      ON CONFLICT (installation_key) DO NOTHING`, [...values, date((entry as Record<string, unknown>).installedAt), date((entry as Record<string, unknown>).updatedAt)]);
    if (inserted.rowCount) result.added += 1;
    else result.skipped += 1;
  }
  for (const [team, enterprise] of Object.entries(record(oauth.enterpriseOf) ? oauth.enterpriseOf : {})) {
    if (typeof enterprise === 'string' && team !== '' && enterprise !== '') {
      await client.query('INSERT INTO slack_enterprise_teams (team_id, enterprise_id) VALUES ($1, $2) ON CONFLICT (team_id) DO NOTHING', [team, enterprise]);
    }
  }
  return result;
}

/** The row's values ($1…$12 of save) for an installation. */
function rowValues(installation: Installation): unknown[] {
  const ref = refOf(installation);
  const key = installationKey(ref);
  const { bot, ...rest } = JSON.parse(JSON.stringify(installation)) as Installation & Record<string, unknown>;
  const expiresAt = typeof bot?.expiresAt === 'number' ? new Date(bot.expiresAt * 1000).toISOString() : null;
  // What has no column of its own stays in `extra` (the bot's other fields too, should Slack add any).
  const { token: _t, id: _i, userId: _u, refreshToken: _r, expiresAt: _e, scopes: _s, ...botRest } = (bot ?? {}) as NonNullable<Installation['bot']> & Record<string, unknown>;
  const extra: Record<string, unknown> = { ...rest, ...(bot ? { bot: botRest } : {}) };
  return [
    key, ref.isEnterpriseInstall, ref.teamId ?? null, ref.enterpriseId ?? null,
    bot?.token ?? null, bot?.id ?? null, bot?.userId ?? null, bot?.refreshToken ?? null, expiresAt,
    Array.isArray(bot?.scopes) ? bot.scopes.map(String) : [], installation.user?.id ?? null, JSON.stringify(extra),
  ];
}

/** The Installation object a row holds (what save was given). */
function installationOf(r: InstallationRow): Installation {
  const { bot: botRest, ...rest } = r.extra as { bot?: Record<string, unknown> } & Record<string, unknown>;
  const installation = { ...rest } as unknown as Installation & Record<string, unknown>;
  if (botRest !== undefined || r.bot_token !== null) {
    installation.bot = {
      ...(botRest ?? {}),
      token: r.bot_token ?? '',
      ...(r.bot_id !== null ? { id: r.bot_id } : {}),
      ...(r.bot_user_id !== null ? { userId: r.bot_user_id } : {}),
      scopes: r.bot_scopes,
      ...(r.bot_refresh_token !== null ? { refreshToken: r.bot_refresh_token } : {}),
      ...(r.bot_token_expires_at !== null ? { expiresAt: Math.round(r.bot_token_expires_at.getTime() / 1000) } : {}),
    } as NonNullable<Installation['bot']>;
  }
  return installation;
}
