-- Up Migration
-- Support Coach on PostgreSQL (issue 13): the relational schema. Every row of a workspace's data carries
-- its workspace_id, first in every key, so every query names it and every index serves one workspace.
-- Times are timestamptz; days are YYYY-MM-DD text in the channel's time zone; weeks ISO weeks (YYYY-Www).
-- Fields the domain may add later (optional, "absent means …") live in each table's `extra` jsonb, so an
-- added optional field needs no migration.

CREATE TABLE members (
  workspace_id text NOT NULL CHECK (workspace_id <> ''),
  member_id    text NOT NULL CHECK (member_id <> ''),
  name         text,
  lang         text CHECK (lang IN ('fr', 'en')),
  -- Null: never set (MemberData.optOut absent).
  opt_out      boolean,
  extra        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
  PRIMARY KEY (workspace_id, member_id)
);

CREATE TABLE channels (
  workspace_id    text NOT NULL CHECK (workspace_id <> ''),
  channel_id      text NOT NULL CHECK (channel_id <> ''),
  -- The order channels were first seen in (ties of the teams board).
  seq             bigserial NOT NULL,
  -- ChannelSettings (name, languages, platform, schedule, pauses, listening, rotation, post target…).
  settings        jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
  name            text GENERATED ALWAYS AS (settings ->> 'name') STORED,
  platform        text GENERATED ALWAYS AS (settings ->> 'platform') STORED,
  scheduled       boolean GENERATED ALWAYS AS (coalesce(settings ->> 'scheduledSince', '') <> '') STORED,
  -- The wall (issue 15): only the SHA-256 of its secret token, unique across workspaces.
  wall_token_hash text UNIQUE CHECK (wall_token_hash ~ '^[0-9a-f]{64}$'),
  wall_created_at timestamptz,
  wall_created_by text,
  CHECK ((wall_token_hash IS NULL) = (wall_created_at IS NULL) AND (wall_token_hash IS NULL) = (wall_created_by IS NULL)),
  PRIMARY KEY (workspace_id, channel_id)
);
-- The scheduler's question (StorePort.activeChannels): channels on a platform with a schedule.
CREATE INDEX channels_scheduled ON channels (workspace_id, channel_id) WHERE platform IS NOT NULL AND scheduled;

CREATE TABLE challenges (
  workspace_id text NOT NULL,
  channel_id   text NOT NULL,
  challenge_id text NOT NULL CHECK (challenge_id <> ''),
  -- Posting order within the channel: the latest challenge has the highest seq.
  seq          bigserial NOT NULL,
  scenario_id  text NOT NULL,
  day          text NOT NULL CHECK (day ~ '^\d{4}-\d{2}-\d{2}$'),
  posted_at    timestamptz NOT NULL,
  reveal_at    timestamptz,
  revealed_at  timestamptz,
  -- Old revealed challenges keep only counts (ChallengeData.summary); their answers are dropped.
  summary      jsonb,
  post_ref     jsonb,
  extra        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
  PRIMARY KEY (workspace_id, channel_id, challenge_id),
  -- At most one challenge per channel and day, also across replicas.
  UNIQUE (workspace_id, channel_id, day),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels ON DELETE CASCADE
);
CREATE INDEX challenges_latest ON challenges (workspace_id, channel_id, seq DESC);
-- Challenges with a debrief due (StorePort.activeChannels).
CREATE INDEX challenges_reveal_due ON challenges (reveal_at) WHERE revealed_at IS NULL AND reveal_at IS NOT NULL;

CREATE TABLE answers (
  workspace_id text NOT NULL,
  channel_id   text NOT NULL,
  challenge_id text NOT NULL,
  member_id    text NOT NULL CHECK (member_id <> ''),
  at           timestamptz NOT NULL,
  -- Index of the picked choice, or null for an answer in the person's own words (never its text).
  choice       integer CHECK (choice >= 0),
  covered      text[] NOT NULL DEFAULT '{}',
  missed       text[] NOT NULL DEFAULT '{}',
  flags        text[] NOT NULL DEFAULT '{}',
  score        integer NOT NULL,
  streak_bonus integer NOT NULL DEFAULT 0 CHECK (streak_bonus >= 0),
  lang         text CHECK (lang IN ('fr', 'en')),
  extra        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
  -- One answer per member per challenge.
  PRIMARY KEY (workspace_id, channel_id, challenge_id, member_id),
  FOREIGN KEY (workspace_id, channel_id, challenge_id) REFERENCES challenges ON DELETE CASCADE
);
CREATE INDEX answers_member ON answers (workspace_id, member_id);

-- Running totals per member and channel, kept in the same transaction as each answer or award, so
-- leaderboards never scan the score log.
CREATE TABLE totals (
  workspace_id text NOT NULL,
  channel_id   text NOT NULL,
  member_id    text NOT NULL CHECK (member_id <> ''),
  -- The order members first took part in the channel (ties on a board).
  seq          bigserial NOT NULL,
  points       integer NOT NULL,
  week         text NOT NULL CHECK (week ~ '^\d{4}-W\d{2}$'),
  week_points  integer NOT NULL,
  streak       integer NOT NULL DEFAULT 0 CHECK (streak >= 0),
  best_streak  integer NOT NULL DEFAULT 0 CHECK (best_streak >= 0),
  last_day     text CHECK (last_day ~ '^\d{4}-\d{2}-\d{2}$'),
  answers      integer NOT NULL DEFAULT 0 CHECK (answers >= 0),
  -- A copy of the member's opt-out (kept with it in the same transaction), so the boards filter by index.
  opt_out      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (workspace_id, channel_id, member_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels ON DELETE CASCADE
);
-- The week board (top N of a channel for an ISO week, and the viewer's rank: a count of better rows).
CREATE INDEX totals_week_board ON totals (workspace_id, channel_id, week, week_points DESC, seq);
-- The all-time board.
CREATE INDEX totals_all_time_board ON totals (workspace_id, channel_id, points DESC, seq);
CREATE INDEX totals_member ON totals (workspace_id, member_id);

-- The score log: every score change, append-only (see the trigger below).
CREATE TABLE score_log (
  id           bigserial PRIMARY KEY,
  workspace_id text NOT NULL CHECK (workspace_id <> ''),
  channel_id   text NOT NULL,
  member_id    text NOT NULL,
  at           timestamptz NOT NULL,
  delta        integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('answer', 'streak', 'award', 'drill')),
  reason       text NOT NULL,
  by_id        text NOT NULL,
  challenge_id text,
  incident_id  text,
  extra        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra) = 'object'),
  -- Set on events imported from a JSON score log (`coach migrate --from`): a digest of the line and its
  -- occurrence, so importing the same log again adds nothing.
  import_key   text UNIQUE
);
CREATE INDEX score_log_workspace ON score_log (workspace_id, id);
CREATE INDEX score_log_member ON score_log (workspace_id, member_id);
-- One `answer` event per member and challenge, whatever happens (an import run twice, a retry).
CREATE UNIQUE INDEX score_log_one_answer ON score_log (workspace_id, channel_id, challenge_id, member_id) WHERE kind = 'answer';

-- The log is never updated nor deleted from. The two documented exceptions, each enabled only for the
-- transaction that needs it (SET LOCAL):
-- * coach.pseudonymise = 'on': a member's right to be forgotten rewrites member_id, by_id and reason to a
--   pseudonym; every other column must stay as it was.
-- * coach.purge_workspace = '<id>': `coach purge --workspace ID` deletes that workspace's rows, and only those.
CREATE FUNCTION score_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF coalesce(current_setting('coach.pseudonymise', true), '') = 'on'
       AND NEW.id = OLD.id AND NEW.workspace_id = OLD.workspace_id AND NEW.channel_id = OLD.channel_id
       AND NEW.at = OLD.at AND NEW.delta = OLD.delta AND NEW.kind = OLD.kind
       AND NEW.challenge_id IS NOT DISTINCT FROM OLD.challenge_id AND NEW.incident_id IS NOT DISTINCT FROM OLD.incident_id
       AND NEW.extra = OLD.extra AND NEW.import_key IS NOT DISTINCT FROM OLD.import_key THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the score log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  ELSIF TG_OP = 'DELETE' THEN
    IF coalesce(current_setting('coach.purge_workspace', true), '') = OLD.workspace_id THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the score log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RAISE EXCEPTION 'the score log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER score_log_no_update BEFORE UPDATE OR DELETE ON score_log FOR EACH ROW EXECUTE FUNCTION score_log_append_only();
CREATE TRIGGER score_log_no_truncate BEFORE TRUNCATE ON score_log FOR EACH STATEMENT EXECUTE FUNCTION score_log_append_only();

-- Incidents (issue 11), one row each; their timeline is a document of its own.
CREATE TABLE incidents (
  workspace_id text NOT NULL,
  incident_id  integer NOT NULL CHECK (incident_id > 0),
  channel_id   text NOT NULL,
  data         jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  open         boolean GENERATED ALWAYS AS (data -> 'resolvedAt' IS NULL OR data -> 'resolvedAt' = 'null'::jsonb) STORED,
  PRIMARY KEY (workspace_id, incident_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels ON DELETE CASCADE
);
CREATE INDEX incidents_open ON incidents (workspace_id, incident_id) WHERE open;
CREATE INDEX incidents_channel ON incidents (workspace_id, channel_id, incident_id);

-- Settings of the whole coach (WebData: the playbook-link key).
CREATE TABLE coach_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- Work shared by replicas (StorePort.claim): scheduled slots and listening cool-downs, by key
-- (`slot:WORKSPACE:CHANNEL:DAY`, `offer:WORKSPACE:CHANNEL:PLAYBOOK`).
CREATE TABLE claims (
  key        text PRIMARY KEY,
  owner      text NOT NULL,
  started_at timestamptz NOT NULL,
  until      timestamptz NOT NULL,
  done       boolean NOT NULL DEFAULT false
);
CREATE INDEX claims_started ON claims (started_at);

-- Deliveries already seen (Slack retries by event_id), until they expire.
CREATE TABLE deliveries (
  id    text PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE INDEX deliveries_until ON deliveries (until);

-- Down Migration
DROP TABLE deliveries;
DROP TABLE claims;
DROP TABLE coach_settings;
DROP TABLE incidents;
DROP TABLE score_log;
DROP FUNCTION score_log_append_only();
DROP TABLE totals;
DROP TABLE answers;
DROP TABLE challenges;
DROP TABLE channels;
DROP TABLE members;
