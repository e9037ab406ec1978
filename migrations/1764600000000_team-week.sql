-- Up Migration
-- The team lead's week (issue 14) on PostgreSQL: the review queue, held words, the `adjust` score event,
-- and the indexes the reminders and the recap read through. Members' `reminders` and `practice` ride in
-- members.extra, a challenge's `remindedAt` in challenges.extra and a channel's `recap` in
-- channels.settings (optional fields, as the initial schema's note says): none needs a column.

-- An admin's correction from the review queue: the score log takes `adjust` events. Their item's number
-- (ScoreEvent.reviewId) is kept in `extra`; one adjustment per item, whatever happens.
ALTER TABLE score_log DROP CONSTRAINT score_log_kind_check;
ALTER TABLE score_log ADD CONSTRAINT score_log_kind_check CHECK (kind IN ('answer', 'streak', 'award', 'drill', 'adjust'));
ALTER TABLE score_log ADD CONSTRAINT score_log_adjust_review CHECK (kind <> 'adjust' OR coalesce(extra ->> 'reviewId', '') <> '');
CREATE UNIQUE INDEX score_log_one_adjust ON score_log (workspace_id, (extra ->> 'reviewId')) WHERE kind = 'adjust';
-- The recap's read (WorkspacePort.channelEvents): a channel's answers since a day. Challenge ids start
-- with their day, so a range on challenge_id is a range of days; score_log_one_answer serves the
-- `answer` kind, this one the others.
CREATE INDEX score_log_channel_challenge ON score_log (workspace_id, channel_id, challenge_id) WHERE challenge_id IS NOT NULL;

-- The number the next review item of a workspace gets (items are numbered 1, 2, … and numbers are never
-- given twice, even after reviewed items are pruned).
CREATE TABLE review_counters (
  workspace_id text PRIMARY KEY CHECK (workspace_id <> ''),
  next         integer NOT NULL CHECK (next > 0)
);

-- Review items (schema.ts ReviewItem): waiting, then reviewed (words dropped) and pruned after 30 days.
CREATE TABLE review_items (
  workspace_id text NOT NULL,
  item_id      integer NOT NULL CHECK (item_id > 0),
  channel_id   text NOT NULL,
  challenge_id text NOT NULL,
  member_id    text NOT NULL CHECK (member_id <> ''),
  scenario_id  text NOT NULL,
  source       text NOT NULL CHECK (source IN ('unsure', 'contested')),
  doubts       text[],
  reason       text CHECK (char_length(reason) <= 500),
  -- The answer's words, only until the item is reviewed.
  words        text,
  choice       integer CHECK (choice >= 0),
  score        integer NOT NULL,
  covered      text[] NOT NULL DEFAULT '{}',
  missed       text[] NOT NULL DEFAULT '{}',
  flags        text[] NOT NULL DEFAULT '{}',
  lang         text CHECK (lang IN ('fr', 'en')),
  at           timestamptz NOT NULL,
  -- Set once reviewed: ReviewItem.reviewed ({ by, at, action, score, note? }).
  reviewed     jsonb CHECK (reviewed IS NULL OR jsonb_typeof(reviewed) = 'object'),
  -- reviewed.at as a time, for the pruning of reviewed items.
  reviewed_at  timestamptz,
  CHECK ((reviewed IS NULL) = (reviewed_at IS NULL)),
  CHECK (reviewed IS NULL OR words IS NULL),
  PRIMARY KEY (workspace_id, item_id),
  -- One item per answer.
  UNIQUE (workspace_id, channel_id, challenge_id, member_id),
  FOREIGN KEY (workspace_id, channel_id) REFERENCES channels ON DELETE CASCADE
);
CREATE INDEX review_items_waiting ON review_items (workspace_id, item_id) WHERE reviewed IS NULL;
CREATE INDEX review_items_member ON review_items (workspace_id, member_id);
CREATE INDEX review_items_reviewed ON review_items (workspace_id, reviewed_at) WHERE reviewed IS NOT NULL;

-- Words of free-text answers held until their challenge's debrief, so their author can contest the grade.
CREATE TABLE held_words (
  workspace_id text NOT NULL,
  channel_id   text NOT NULL,
  challenge_id text NOT NULL,
  member_id    text NOT NULL CHECK (member_id <> ''),
  words        text NOT NULL,
  PRIMARY KEY (workspace_id, channel_id, challenge_id, member_id),
  FOREIGN KEY (workspace_id, channel_id, challenge_id) REFERENCES challenges ON DELETE CASCADE
);
CREATE INDEX held_words_member ON held_words (workspace_id, member_id);

-- The reminders' question (WorkspacePort.reminderCandidates): a channel's members active since a day.
CREATE INDEX totals_last_day ON totals (workspace_id, channel_id, last_day);

-- Down Migration
DROP INDEX totals_last_day;
DROP TABLE held_words;
DROP TABLE review_items;
DROP TABLE review_counters;
DROP INDEX score_log_channel_challenge;
DROP INDEX score_log_one_adjust;
ALTER TABLE score_log DROP CONSTRAINT score_log_adjust_review;
ALTER TABLE score_log DROP CONSTRAINT score_log_kind_check;
ALTER TABLE score_log ADD CONSTRAINT score_log_kind_check CHECK (kind IN ('answer', 'streak', 'award', 'drill'));
