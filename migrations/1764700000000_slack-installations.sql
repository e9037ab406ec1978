-- Up Migration
-- Slack OAuth installations on PostgreSQL (issue 13, "many Slack workspaces"): one row per installation,
-- keyed as src/store/installations.ts installationKey: `T:<team id>` for a workspace install (also inside an
-- Enterprise Grid org), `E:<enterprise id>` for an org-wide install. The bot's token, refresh token and
-- expiry are columns, so a token refresh locks and rewrites one row (SELECT … FOR UPDATE: replicas refresh
-- a rotating token once between them); the rest of @slack/oauth's Installation object (names, app id,
-- incoming webhook…) is kept in `extra` so Bolt's installer gets back what it saved.
CREATE TABLE slack_installations (
  installation_key      text PRIMARY KEY,
  is_enterprise_install boolean NOT NULL,
  team_id               text CHECK (team_id <> ''),
  enterprise_id         text CHECK (enterprise_id <> ''),
  bot_token             text,
  bot_id                text,
  bot_user_id           text,
  -- Token rotation on: the refresh token and when the bot token expires; both null when it never expires.
  bot_refresh_token     text,
  bot_token_expires_at  timestamptz,
  bot_scopes            text[] NOT NULL DEFAULT '{}',
  installer_user_id     text,
  extra                 jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
  installed_at          timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  -- The key names the workspace (or the org, for an org-wide install) the row is for.
  CHECK (installation_key = CASE WHEN is_enterprise_install THEN 'E:' || enterprise_id ELSE 'T:' || team_id END)
);
CREATE INDEX slack_installations_team ON slack_installations (team_id);
CREATE INDEX slack_installations_enterprise ON slack_installations (enterprise_id);

-- Workspaces seen under an org-wide install (SlackInstallationStore.noteTeam): the coach's own posts start
-- from a team id alone, and an org's uninstall stops the posts of these workspaces.
CREATE TABLE slack_enterprise_teams (
  team_id       text PRIMARY KEY CHECK (team_id <> ''),
  enterprise_id text NOT NULL CHECK (enterprise_id <> '')
);
CREATE INDEX slack_enterprise_teams_enterprise ON slack_enterprise_teams (enterprise_id);

-- Down Migration
DROP TABLE slack_enterprise_teams;
DROP TABLE slack_installations;
