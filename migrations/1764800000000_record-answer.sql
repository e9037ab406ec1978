-- Up Migration
-- An answer's writes in one round trip (issue 13, confirmation latency): pg-port.ts recordAnswer reads
-- the challenge and the member's totals (no lock), applies the domain's streak rule, then calls this
-- function once. Called as one statement, it is one transaction: the answer, the member, the running
-- totals and the score-log events are all written, or nothing is.
--
-- What it keeps, as the transactional path does:
-- * no answer after the reveal: the challenge's advisory lock is taken shared first (a reveal takes it
--   exclusively); each statement below then reads with a snapshot taken after the lock was granted;
-- * the streak was computed from the totals the caller read: `p_totals_version` is that row's xmin (null
--   when there was no row). The row is locked (FOR UPDATE) and compared; when another answer or award
--   changed it in between, nothing is written and 'stale' is returned (the caller falls back to its
--   locked transaction);
-- * one answer per member per challenge: the answers key; a second answer writes nothing ('already');
-- * when the challenge is revealed or gone: nothing written ('closed').
-- Returns one row: `outcome` ('recorded', 'stale', 'already', 'closed') and, when recorded, `after`, the
-- member's totals in the channel (member_id, points, week, week_points, streak, best_streak, last_day,
-- answers).
CREATE FUNCTION coach_record_answer(
  p_workspace text, p_channel text, p_challenge text, p_member text, p_at timestamptz, p_choice integer,
  p_covered text[], p_missed text[], p_flags text[], p_score integer, p_bonus integer, p_lang text, p_extra jsonb,
  p_name text, p_week text, p_gained integer, p_streak integer, p_day text, p_events jsonb,
  p_lock bigint, p_totals_version text
) RETURNS TABLE (outcome text, after jsonb) LANGUAGE plpgsql AS $$
DECLARE
  v_version text;
  v_after jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(p_lock);
  IF NOT EXISTS (SELECT 1 FROM challenges c WHERE c.workspace_id = p_workspace AND c.channel_id = p_channel
                 AND c.challenge_id = p_challenge AND c.revealed_at IS NULL) THEN
    RETURN QUERY SELECT 'closed'::text, NULL::jsonb;
    RETURN;
  END IF;
  SELECT t.xmin::text INTO v_version FROM totals t
    WHERE t.workspace_id = p_workspace AND t.channel_id = p_channel AND t.member_id = p_member FOR UPDATE;
  IF v_version IS DISTINCT FROM p_totals_version THEN
    RETURN QUERY SELECT 'stale'::text, NULL::jsonb;
    RETURN;
  END IF;
  INSERT INTO answers (workspace_id, channel_id, challenge_id, member_id, at, choice, covered, missed, flags, score, streak_bonus, lang, extra)
    VALUES (p_workspace, p_channel, p_challenge, p_member, p_at, p_choice, p_covered, p_missed, p_flags, p_score, p_bonus, p_lang, p_extra)
    ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'already'::text, NULL::jsonb;
    RETURN;
  END IF;
  INSERT INTO members AS m (workspace_id, member_id, name) VALUES (p_workspace, p_member, p_name)
    ON CONFLICT (workspace_id, member_id) DO UPDATE SET name = coalesce(EXCLUDED.name, m.name)
    WHERE p_name IS NOT NULL AND m.name IS DISTINCT FROM EXCLUDED.name;
  IF p_totals_version IS NULL THEN
    -- No row when read (none locked above): one created meanwhile means the streak is stale, and the
    -- answer written above must go too, hence an error (the statement is rolled back), not a result.
    INSERT INTO totals AS t (workspace_id, channel_id, member_id, points, week, week_points, streak, best_streak, last_day, answers, opt_out)
      VALUES (p_workspace, p_channel, p_member, p_gained, p_week, p_gained, p_streak, p_streak, p_day, 1,
        coalesce((SELECT o.opt_out FROM members o WHERE o.workspace_id = p_workspace AND o.member_id = p_member), false))
      ON CONFLICT (workspace_id, channel_id, member_id) DO NOTHING
      RETURNING jsonb_build_object('member_id', t.member_id, 'points', t.points, 'week', t.week, 'week_points', t.week_points,
        'streak', t.streak, 'best_streak', t.best_streak, 'last_day', t.last_day, 'answers', t.answers) INTO v_after;
    IF v_after IS NULL THEN
      RAISE EXCEPTION 'coach_record_answer: totals created meanwhile' USING ERRCODE = 'serialization_failure';
    END IF;
  ELSE
    UPDATE totals AS t SET
      points = t.points + p_gained, week = p_week,
      week_points = CASE WHEN t.week = p_week THEN t.week_points + p_gained ELSE p_gained END,
      streak = p_streak, best_streak = greatest(t.best_streak, p_streak), last_day = p_day, answers = t.answers + 1
      WHERE t.workspace_id = p_workspace AND t.channel_id = p_channel AND t.member_id = p_member
      RETURNING jsonb_build_object('member_id', t.member_id, 'points', t.points, 'week', t.week, 'week_points', t.week_points,
        'streak', t.streak, 'best_streak', t.best_streak, 'last_day', t.last_day, 'answers', t.answers) INTO v_after;
  END IF;
  INSERT INTO score_log (workspace_id, channel_id, member_id, at, delta, kind, reason, by_id, challenge_id)
    SELECT p_workspace, p_channel, p_member, p_at, e.delta, e.kind, e.reason, p_member, p_challenge
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (delta integer, kind text, reason text)) WITH ORDINALITY AS e(delta, kind, reason, n)
    ORDER BY e.n;
  RETURN QUERY SELECT 'recorded'::text, v_after;
END $$;

-- Down Migration
DROP FUNCTION coach_record_answer(text, text, text, text, timestamptz, integer, text[], text[], text[], integer, integer, text, jsonb, text, text, integer, integer, text, jsonb, bigint, text);
