// The store port (port.ts) over the JSON file store (json-store.ts): the embedded default. Each operation
// is one synchronous update (or read) of the in-memory document, so it is atomic and serialised with every
// other; an update resolves once its change is on disk, with the store's durability, score log, backups,
// forget and restore unchanged. Callbacks run on copies that replace the stored objects only when they
// return, so a callback that throws changes nothing.
//
// Replica state: the JSON file is held by one process at a time (lock.ts), so that process's state is all
// the replicas there are. Claims are kept in the document (CoachData.claims) so they survive a restart;
// delivery ids (Slack retries) are kept in memory, bounded: writing the whole document for every incoming
// event would cost far more than the rare duplicate a restart could let through (see firstDelivery).
import { emptyChannel, emptyTotals } from './defaults.js';
import type { ForgetReport } from './forget-member.js';
import { knowsMember, newPseudonym, scrubMember } from './forget-member.js';
import { workspaceStore, type JsonStore } from './json-store.js';
import {
  RECENT_CHALLENGES,
  checkId,
  type ActiveChannel,
  type AnswerInputRecord,
  KEEP_ANSWERS_OF_LAST,
  type BoardRow,
  type ChannelBoardData,
  type ChannelSettings,
  type ChannelView,
  CLAIM_RETENTION_MS,
  type ChallengeHead,
  type ClaimOutcome,
  type ReminderCandidate,
  type CreateChallengeOutcome,
  type IncidentStep,
  type MemberFootprint,
  type MemberView,
  type NewChallenge,
  type RecordAnswerOutcome,
  type ScoreInput,
  type StorePort,
  type TeamRow,
  type WorkspacePort,
} from './port.js';
import type { AnswerData, ChallengeData, ChannelData, ClaimData, IncidentData, LogEntry, MemberTotals, ReviewItem, ScoreEvent, WallData, WorkspaceData } from './schema.js';
import { describeWorkspace, type WorkspacePurgeReport } from './purge-workspace.js';
import type { WorkspaceStore } from './store.js';
import { ranker } from './ranking.js';
import { dropRevealedWords, enqueue, hasRevealedWords, holdWords, itemsOf, settle, type EnqueueResult, type ReviewDecision, type ReviewSource, type SettleResult } from './review-queue-data.js';

/** Most delivery ids remembered at once (the oldest are forgotten first). */
const MAX_DELIVERIES = 50_000;

/** The port over an open JSON store. Closing the port closes the store. */
export function jsonPort(store: JsonStore): StorePort {
  return new JsonPort(store);
}

class JsonPort implements StorePort {
  private readonly deliveries = new Map<string, number>();

  constructor(readonly store: JsonStore) {}

  workspace(id: string): WorkspacePort {
    checkId('workspace', id);
    return new JsonWorkspace(this.store, workspaceStore(this.store, id));
  }

  async workspaces(): Promise<string[]> {
    return this.store.read((data) => Object.keys(data.workspaces));
  }

  async activeChannels(): Promise<ActiveChannel[]> {
    return this.store.read((data) => {
      const out: ActiveChannel[] = [];
      for (const [workspace, ws] of Object.entries(data.workspaces)) {
        for (const [id, channel] of Object.entries(ws.channels)) {
          const last = channel.challenges.at(-1);
          if (channel.platform && (channel.scheduledSince || (last && !last.revealedAt && last.revealAt))) out.push({ workspace, channel: view(id, channel) });
        }
      }
      return out;
    });
  }

  async openIncidents(): Promise<{ workspace: string; channel: string; incident: IncidentData }[]> {
    return this.store.read((data) => {
      const out: { workspace: string; channel: string; incident: IncidentData }[] = [];
      for (const [workspace, ws] of Object.entries(data.workspaces)) {
        for (const [channel, ch] of Object.entries(ws.channels)) {
          for (const incident of ch.incidents ?? []) if (incident.resolvedAt === null) out.push({ workspace, channel, incident: structuredClone(incident) });
        }
      }
      return out;
    });
  }

  async wallByTokenHash(tokenHash: string): Promise<{ workspace: string; channel: string; wall: WallData } | null> {
    return this.store.read((data) => {
      for (const [workspace, ws] of Object.entries(data.workspaces)) {
        for (const [channel, ch] of Object.entries(ws.channels)) {
          if (ch.wall && ch.wall.tokenHash === tokenHash) return { workspace, channel, wall: structuredClone(ch.wall) };
        }
      }
      return null;
    });
  }

  async linkKey(create: () => string): Promise<string> {
    const existing = this.store.read((data) => data.web?.linkKey);
    if (existing) return existing;
    const made = create();
    return this.store.update((data) => (data.web ??= {}).linkKey ??= made);
  }

  readLog(workspace?: string): Promise<LogEntry[]> {
    return this.store.readLog(workspace);
  }

  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  async workspaceHoldings(workspace: string): Promise<WorkspacePurgeReport> {
    checkId('workspace', workspace);
    const logEntries = (await this.store.readLog(workspace)).length;
    return this.store.read((data) => describeWorkspace(workspace, Object.hasOwn(data.workspaces, workspace) ? data.workspaces[workspace] : undefined, logEntries));
  }

  purgeWorkspace(workspace: string): Promise<WorkspacePurgeReport> {
    checkId('workspace', workspace);
    return this.store.purgeWorkspace(workspace);
  }

  async claim(key: string, owner: string, leaseMs: number, now: Date): Promise<ClaimOutcome> {
    checkId('claim', key);
    // What changes nothing is answered without a write (a tick asks about every slot, every minute).
    const settled = this.store.read((data) => {
      const current = data.claims && Object.hasOwn(data.claims, key) ? data.claims[key] : undefined;
      return current && claimSettled(current, owner, now);
    });
    if (settled) return settled;
    return this.store.update((data): ClaimOutcome => {
      const claims = (data.claims ??= {});
      pruneClaims(claims, now);
      const current = Object.hasOwn(claims, key) ? claims[key] : undefined;
      const other = current && claimSettled(current, owner, now);
      if (other) return other;
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const mine = current?.owner === owner;
      claims[key] = { owner, since: current && mine ? current.since : now.toISOString(), until };
      return { kind: 'claimed', until, ...(current && !mine ? { previous: current.owner } : {}) };
    });
  }

  async release(key: string, owner: string, done: boolean): Promise<void> {
    const mine = this.store.read((data) => data.claims?.[key]?.owner === owner && !data.claims[key]!.done);
    if (!mine) return;
    await this.store.update((data) => {
      const claim = data.claims?.[key];
      if (!claim || claim.owner !== owner || claim.done) return;
      if (done) claim.done = true;
      else delete data.claims![key];
    });
  }

  /**
   * In memory: one process holds the JSON file (lock.ts), so its memory is shared by every "replica" there
   * is. A restart forgets the ids, which costs at worst one duplicate of an event Slack retried across it.
   */
  async firstDelivery(id: string, ttlMs: number, now: Date): Promise<boolean> {
    const t = now.getTime();
    const until = this.deliveries.get(id);
    if (until !== undefined && until > t) return false;
    if (this.deliveries.size >= MAX_DELIVERIES) {
      for (const [key, expiry] of this.deliveries) if (expiry <= t) this.deliveries.delete(key);
      // Still full: forget the oldest (Map keeps insertion order).
      for (const key of this.deliveries.keys()) {
        if (this.deliveries.size < MAX_DELIVERIES) break;
        this.deliveries.delete(key);
      }
    }
    this.deliveries.delete(id);
    this.deliveries.set(id, t + ttlMs);
    return true;
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    const failure = this.store.stats().failure;
    return failure ? { ok: false, detail: `data file not writable: ${failure}` } : { ok: true };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The outcome of a claim that changes nothing (done, or held by another owner whose lease runs), else null. */
function claimSettled(current: ClaimData, owner: string, now: Date): ClaimOutcome | null {
  if (current.done) return { kind: 'done' };
  if (current.owner !== owner && Date.parse(current.until) > now.getTime()) return { kind: 'held', until: current.until, owner: current.owner };
  return null;
}

function pruneClaims(claims: Record<string, { since: string }>, now: Date): void {
  const oldest = now.getTime() - CLAIM_RETENTION_MS;
  for (const key of Object.keys(claims)) if (Date.parse(claims[key]!.since) < oldest) delete claims[key];
}

/**
 * The port's reads over a workspace slice that is not an open store (issue 14's `coach recap`, which reads
 * the data file without opening it, so it works while the coach runs): every read as the JSON port
 * answers it; every change rejects with the slice's own error (helper i13-week).
 */
export function readOnlyJsonWorkspace(slice: WorkspaceStore): WorkspacePort {
  return new JsonWorkspace({ forgetMember: () => slice.update(() => undefined) as never }, slice);
}

class JsonWorkspace implements WorkspacePort {
  readonly workspace: string;

  constructor(private readonly store: Pick<JsonStore, 'forgetMember'>, private readonly slice: WorkspaceStore) {
    this.workspace = slice.workspace;
  }

  // ── Members ──
  async member(user: string): Promise<MemberView | null> {
    checkId('member', user);
    return this.slice.read((ws) => (Object.hasOwn(ws.members, user) ? structuredClone(ws.members[user]!) : null));
  }

  async members(users: readonly string[]): Promise<Record<string, MemberView>> {
    if (users.length > 1000) throw new RangeError(`members: at most 1,000 ids at once (${users.length} asked)`);
    return this.slice.read((ws) => {
      const out: Record<string, MemberView> = {};
      for (const user of users) if (user !== '__proto__' && Object.hasOwn(ws.members, user)) out[user] = structuredClone(ws.members[user]!);
      return out;
    });
  }

  async updateMember(user: string, fn: (member: MemberView) => void, options: { create?: boolean } = {}): Promise<MemberView | null> {
    checkId('member', user);
    if (!options.create && !this.slice.read((ws) => Object.hasOwn(ws.members, user))) return null;
    return this.slice.update((ws) => {
      const known = Object.hasOwn(ws.members, user);
      if (!known && !options.create) return null;
      const copy = known ? structuredClone(ws.members[user]!) : {};
      fn(copy);
      ws.members[user] = copy;
      return structuredClone(copy);
    });
  }

  // ── Channels ──
  async channel(channel: string): Promise<ChannelView | null> {
    checkId('channel', channel);
    return this.slice.read((ws) => (Object.hasOwn(ws.channels, channel) ? view(channel, ws.channels[channel]!) : null));
  }

  async channels(): Promise<ChannelView[]> {
    return this.slice.read((ws) => Object.entries(ws.channels).map(([id, ch]) => view(id, ch)));
  }

  async updateChannel<T>(channel: string, fn: (settings: ChannelSettings) => T, options: { create?: boolean } = {}): Promise<{ found: true; result: T; settings: ChannelSettings } | { found: false }> {
    checkId('channel', channel);
    const create = options.create ?? true;
    if (!create && !this.slice.read((ws) => Object.hasOwn(ws.channels, channel))) return { found: false };
    return this.slice.update((ws) => {
      const known = Object.hasOwn(ws.channels, channel);
      if (!known && !create) return { found: false } as const;
      const stored = known ? ws.channels[channel]! : emptyChannel();
      const copy = structuredClone(settingsOf(stored));
      const result = fn(copy);
      if (isThenable(result)) throw new TypeError('updateChannel(fn): fn must be synchronous');
      replaceSettings(stored, copy);
      if (!known) ws.channels[channel] = stored;
      return { found: true, result, settings: structuredClone(settingsOf(stored)) } as const;
    });
  }

  // ── Challenges ──
  async challenge(channel: string, id: string | null): Promise<ChallengeData | null> {
    checkId('channel', channel);
    return this.slice.read((ws) => {
      const found = findChallenge(ws, channel, id);
      return found ? structuredClone(found) : null;
    });
  }

  async memberAnswer(channel: string, id: string | null, user: string): Promise<{ challenge: ChallengeHead; answer: AnswerData | null } | null> {
    checkId('channel', channel);
    checkId('member', user);
    return this.slice.read((ws) => {
      const found = findChallenge(ws, channel, id);
      if (!found) return null;
      return { challenge: head(found), answer: Object.hasOwn(found.answers, user) ? structuredClone(found.answers[user]!) : null };
    });
  }

  async createChallenge(channel: string, challenge: NewChallenge, options: { expectLatest: string | null; rotation: ChannelData['rotation']; choiceCount: (scenarioId: string) => number }): Promise<CreateChallengeOutcome> {
    checkId('channel', channel);
    checkId('challenge', challenge.id);
    return this.slice.update((ws): CreateChallengeOutcome => {
      const ch = (ws.channels[channel] ??= emptyChannel());
      const existing = ch.challenges.find((c) => c.day === challenge.day);
      if (existing) return { kind: 'exists', challenge: structuredClone(existing) };
      const last = ch.challenges.at(-1);
      if ((last?.id ?? null) !== options.expectLatest) return { kind: 'conflict' };
      let revealed: ChallengeData | null = null;
      if (last && !last.revealedAt) {
        last.revealedAt = challenge.postedAt;
        revealed = structuredClone(last);
      }
      ch.rotation = structuredClone(options.rotation);
      const stored: ChallengeData = { id: challenge.id, scenarioId: challenge.scenarioId, day: challenge.day, postedAt: challenge.postedAt, revealAt: challenge.revealAt, revealedAt: null, answers: {} };
      ch.challenges.push(stored);
      const old = ch.challenges.at(-1 - KEEP_ANSWERS_OF_LAST);
      if (old) compact(old, options.choiceCount(old.scenarioId));
      return { kind: 'created', challenge: structuredClone(stored), revealed };
    });
  }

  async markRevealed(channel: string, id: string | null, at: string): Promise<ChallengeData | null> {
    checkId('channel', channel);
    const candidate = this.slice.read((ws) => {
      const c = findChallenge(ws, channel, id);
      return Boolean(c && !c.revealedAt);
    });
    if (!candidate) return null;
    return this.slice.update((ws) => {
      const c = findChallenge(ws, channel, id);
      if (!c || c.revealedAt) return null;
      c.revealedAt = at;
      return structuredClone(c);
    });
  }

  async setPostRef(channel: string, challengeId: string, postRef: unknown): Promise<boolean> {
    checkId('channel', channel);
    if (!this.slice.read((ws) => Boolean(findChallenge(ws, channel, challengeId)))) return false;
    return this.slice.update((ws) => {
      const c = findChallenge(ws, channel, challengeId);
      if (!c) return false;
      c.postRef = structuredClone(postRef);
      return true;
    });
  }

  async recordAnswer(channel: string, input: AnswerInputRecord): Promise<RecordAnswerOutcome> {
    checkId('channel', channel);
    checkId('member', input.user);
    const settled = this.slice.read((ws) => answerSettled(ws, channel, input));
    if (settled) return settled;
    return this.slice.update((ws): RecordAnswerOutcome => {
      const early = answerSettled(ws, channel, input);
      if (early) return early;
      const ch = ws.channels[channel]!;
      const challenge = ch.challenges.find((c) => c.id === input.challengeId)!;
      const index = ch.challenges.indexOf(challenge);
      const previousDay = index > 0 ? ch.challenges[index - 1]!.day : null;
      const before = Object.hasOwn(ch.totals, input.user) ? ch.totals[input.user]! : null;
      const { streak, bonus } = input.streak(before ? structuredClone(before) : null, previousDay, challenge.day, input.answer.score);
      const member = (ws.members[input.user] ??= {});
      if (input.name) member.name = input.name;
      const answer: AnswerData = { ...structuredClone(input.answer), streakBonus: bonus };
      challenge.answers[input.user] = answer;
      const totals = totalsFor(ch, input.user, input.week);
      const gained = input.answer.score + bonus;
      totals.points += gained;
      totals.weekPoints += gained;
      totals.streak = streak;
      totals.bestStreak = Math.max(totals.bestStreak, streak);
      totals.lastDay = challenge.day;
      totals.answers += 1;
      const base = { at: input.answer.at, channel, user: input.user, by: input.user, challengeId: challenge.id };
      ws.scoreLog.push({ ...base, delta: input.answer.score, kind: 'answer', reason: `challenge ${challenge.id}` });
      if (bonus > 0) ws.scoreLog.push({ ...base, delta: bonus, kind: 'streak', reason: `${streak}-day streak` });
      return { kind: 'recorded', challenge: head(challenge), answer: structuredClone(answer), totals: { ...totals }, streak };
    });
  }

  // ── Scores and boards ──
  async award(channel: string, score: ScoreInput): Promise<MemberTotals> {
    checkId('channel', channel);
    checkId('member', score.user);
    return this.slice.update((ws) => applyScoreInput(ws, channel, score));
  }

  async totals(channel: string, user: string): Promise<MemberTotals | null> {
    checkId('channel', channel);
    return this.slice.read((ws) => {
      const ch = Object.hasOwn(ws.channels, channel) ? ws.channels[channel]! : undefined;
      return ch && Object.hasOwn(ch.totals, user) ? { ...ch.totals[user]! } : null;
    });
  }

  async channelBoard(channel: string, query: { week: string; viewer: string; limit: number }): Promise<ChannelBoardData> {
    checkId('channel', channel);
    return this.slice.read((ws) => {
      const ch = Object.hasOwn(ws.channels, channel) ? ws.channels[channel]! : undefined;
      const totals = ch?.totals ?? {};
      const weekScores: number[] = [];
      const allScores: number[] = [];
      const weekTop: { user: string; points: number }[] = [];
      const allTop: { user: string; points: number }[] = [];
      for (const user in totals) {
        const t = totals[user]!;
        const thisWeek = t.week === query.week;
        // Members who opted out or were forgotten hold no rank: a board never hints that someone hidden is there.
        if (Object.hasOwn(ws.members, user) && ws.members[user]!.optOut) continue;
        if (thisWeek) weekScores.push(t.weekPoints);
        allScores.push(t.points);
        if (thisWeek) keepBest(weekTop, { user, points: t.weekPoints }, query.limit);
        keepBest(allTop, { user, points: t.points }, query.limit);
      }
      const weekRank = ranker(weekScores);
      const allRank = ranker(allScores);
      const rows = (top: { user: string; points: number }[], rank: (p: number) => number): BoardRow[] =>
        top.map((e) => ({ rank: rank(e.points), user: e.user, name: Object.hasOwn(ws.members, e.user) ? ws.members[e.user]!.name : undefined, points: e.points, totals: { ...totals[e.user]! } }));
      const mine = Object.hasOwn(totals, query.viewer) ? totals[query.viewer]! : undefined;
      return {
        week: rows(weekTop, weekRank),
        allTime: rows(allTop, allRank),
        viewer: mine ? { weekRank: mine.week === query.week ? weekRank(mine.weekPoints) : null, allTimeRank: allRank(mine.points), totals: { ...mine } } : null,
      };
    });
  }

  async teamsBoard(query: { week: string; limit: number }): Promise<TeamRow[]> {
    return this.slice.read((ws) => {
      const teams = Object.entries(ws.channels)
        .map(([channel, data]) => {
          const totals = Object.values(data.totals);
          return {
            channel,
            name: data.name,
            points: totals.reduce((s, t) => s + t.points, 0),
            weekPoints: totals.reduce((s, t) => s + (t.week === query.week ? t.weekPoints : 0), 0),
            members: totals.length,
          };
        })
        .filter((t) => t.members > 0)
        .sort((a, b) => b.points - a.points || Number(!a.name) - Number(!b.name) || (a.name ?? '').localeCompare(b.name ?? '') || a.channel.localeCompare(b.channel));
      const rank = ranker(teams.map((t) => t.points));
      return teams.slice(0, query.limit).map((t) => ({ rank: rank(t.points), ...t }));
    });
  }

  async memberChannels(user: string): Promise<{ channel: string; name: string | undefined; points: number }[]> {
    checkId('member', user);
    return this.slice.read((ws) => Object.entries(ws.channels)
      .filter(([, ch]) => Object.hasOwn(ch.totals, user))
      .map(([channel, ch]) => ({ channel, name: ch.name, points: ch.totals[user]!.points }))
      .sort((a, b) => b.points - a.points || a.channel.localeCompare(b.channel)));
  }

  readLog(): Promise<ScoreEvent[]> {
    return this.slice.readLog();
  }

  // ── Incidents ──
  async incidents(filter: { channel?: string; open?: boolean } = {}): Promise<{ channel: string; incident: IncidentData }[]> {
    return this.slice.read((ws) => {
      const out: { channel: string; incident: IncidentData }[] = [];
      for (const [channel, ch] of Object.entries(ws.channels)) {
        if (filter.channel !== undefined && channel !== filter.channel) continue;
        for (const incident of ch.incidents ?? []) {
          if (filter.open && incident.resolvedAt !== null) continue;
          out.push({ channel, incident: structuredClone(incident) });
        }
      }
      // Oldest first across channels: ids are given in order of opening.
      return out.sort((a, b) => (Number(a.incident.id) || 0) - (Number(b.incident.id) || 0));
    });
  }

  async incident(id: string): Promise<{ channel: string; incident: IncidentData } | null> {
    return this.slice.read((ws) => {
      const found = incidentIn(ws, id);
      return found ? { channel: found.channel, incident: structuredClone(found.incident) } : null;
    });
  }

  async createIncident<R>(channel: string, build: (id: string, existing: readonly IncidentData[], step: IncidentStep) => { incident: IncidentData } | { refused: R }): Promise<{ incident: IncidentData } | { refused: R }> {
    checkId('channel', channel);
    return this.slice.update((ws) => {
      let highest = 0;
      for (const ch of Object.values(ws.channels)) for (const i of ch.incidents ?? []) highest = Math.max(highest, Number(i.id) || 0);
      const id = String(highest + 1);
      const here = Object.hasOwn(ws.channels, channel) ? structuredClone(ws.channels[channel]!.incidents ?? []) : [];
      const scores: ScoreInput[] = [];
      const built = build(id, here, { addScore: (s) => void scores.push(s) });
      if ('refused' in built) return built;
      if (built.incident.id !== id) throw new Error(`createIncident: the incident's id must be ${id}, not ${built.incident.id}`);
      const ch = (ws.channels[channel] ??= emptyChannel());
      (ch.incidents ??= []).push(structuredClone(built.incident));
      for (const s of scores) applyScoreInput(ws, channel, s);
      return { incident: structuredClone(built.incident) };
    });
  }

  async updateIncident<T>(id: string, fn: (incident: IncidentData, step: IncidentStep) => T): Promise<{ result: T; incident: IncidentData; channel: string } | null> {
    if (!this.slice.read((ws) => incidentIn(ws, id) !== null)) return null;
    return this.slice.update((ws) => {
      const found = incidentIn(ws, id);
      if (!found) return null;
      const copy = structuredClone(found.incident);
      const scores: ScoreInput[] = [];
      const result = fn(copy, { addScore: (s) => void scores.push(s) });
      if (isThenable(result)) throw new TypeError('updateIncident(fn): fn must be synchronous');
      const list = ws.channels[found.channel]!.incidents!;
      list[list.indexOf(found.incident)] = copy;
      for (const s of scores) applyScoreInput(ws, found.channel, s);
      return { result, incident: structuredClone(copy), channel: found.channel };
    });
  }

  // ── Walls ──
  async wall(channel: string): Promise<WallData | null> {
    checkId('channel', channel);
    return this.slice.read((ws) => {
      const wall = Object.hasOwn(ws.channels, channel) ? ws.channels[channel]!.wall : undefined;
      return wall ? structuredClone(wall) : null;
    });
  }

  async setWall(channel: string, wall: WallData | null): Promise<boolean> {
    checkId('channel', channel);
    if (wall === null && !this.slice.read((ws) => Boolean(Object.hasOwn(ws.channels, channel) && ws.channels[channel]!.wall))) return false;
    return this.slice.update((ws) => {
      const known = Object.hasOwn(ws.channels, channel);
      const had = Boolean(known && ws.channels[channel]!.wall);
      if (wall === null) {
        if (known) delete ws.channels[channel]!.wall;
        return had;
      }
      (ws.channels[channel] ??= emptyChannel()).wall = structuredClone(wall);
      return had;
    });
  }
  // Issue 13: edges (installations, purge, wall page) — helper i13-edges
  async listMembers(limit: number): Promise<Record<string, MemberView>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError(`listMembers: limit must be a whole number from 1 to 10,000 (got ${limit})`);
    return this.slice.read((ws) => Object.fromEntries(Object.keys(ws.members).sort().slice(0, limit).map((id) => [id, structuredClone(ws.members[id]!)])));
  }


  // ── Privacy ──
  async footprint(user: string): Promise<MemberFootprint> {
    checkId('member', user);
    const log = await this.slice.readLog();
    return this.slice.read((ws) => {
      const entry = Object.hasOwn(ws.members, user) ? structuredClone(ws.members[user]!) : null;
      let answers = 0;
      let channels = 0;
      let points = 0;
      for (const ch of Object.values(ws.channels)) {
        answers += ch.challenges.filter((c) => Object.hasOwn(c.answers, user)).length;
        if (Object.hasOwn(ch.totals, user)) {
          channels += 1;
          points += ch.totals[user]!.points;
        }
      }
      const logEntries = log.filter((e) => e.user === user).length;
      const mentions = log.filter((e) => e.user === user || e.by === user).length;
      return { member: entry, answers, channels, points, logEntries, mentions, known: knowsMember(ws, user) || mentions > 0 };
    });
  }

  async forgetPreview(user: string): Promise<ForgetReport> {
    checkId('member', user);
    const log = await this.slice.readLog();
    const report = this.slice.read((ws) => scrubMember(structuredClone(ws) as WorkspaceData, this.workspace, user, newPseudonym()));
    report.logEntries = log.filter((e) => e.user === user || e.by === user).length;
    return report;
  }

  forgetMember(user: string): Promise<ForgetReport> {
    checkId('member', user);
    return this.store.forgetMember(this.workspace, user);
  }

  // ── Issue 14's data (the team lead's week; helper i13-week) ──
  async reviewItems(filter: { user?: string; waiting?: boolean } = {}): Promise<ReviewItem[]> {
    return this.slice.read((ws) => itemsOf(ws).filter((i) => (filter.user === undefined || i.user === filter.user) && (!filter.waiting || !i.reviewed)).map((i) => structuredClone(i)));
  }

  async reviewItem(id: string): Promise<ReviewItem | null> {
    return this.slice.read((ws) => {
      const item = itemsOf(ws).find((i) => i.id === id);
      return item ? structuredClone(item) : null;
    });
  }

  async enqueueReview(channel: string, input: { challengeId: string | null; user: string; source: ReviewSource; at: string }): Promise<EnqueueResult> {
    checkId('channel', channel);
    checkId('member', input.user);
    return this.slice.update((ws): EnqueueResult => {
      const places = input.challengeId ? [channel, ...Object.keys(ws.channels).filter((c) => c !== channel)] : [channel];
      for (const id of places) {
        const challenges = Object.hasOwn(ws.channels, id) ? ws.channels[id]!.challenges : [];
        const challenge = input.challengeId ? challenges.find((c) => c.id === input.challengeId) : challenges.findLast((c) => Object.hasOwn(c.answers, input.user));
        const answer = challenge && Object.hasOwn(challenge.answers, input.user) ? challenge.answers[input.user] : undefined;
        if (challenge && answer) return structuredClone(enqueue(ws, id, challenge, input.user, answer, input.source, new Date(input.at)));
      }
      return { kind: 'no-answer' };
    });
  }

  async settleReview(id: string, decision: ReviewDecision & { at: string }): Promise<SettleResult> {
    // Nothing to write for an unknown or already reviewed item: a double click reads only.
    const known = this.slice.read((ws) => itemsOf(ws).find((i) => i.id === id));
    if (!known) return { kind: 'unknown' };
    if (known.reviewed) return { kind: 'already', item: structuredClone(known) };
    return this.slice.update((ws) => structuredClone(settle(ws, id, decision, new Date(decision.at))));
  }

  async holdWords(channel: string, challengeId: string, user: string, words: string): Promise<boolean> {
    checkId('channel', channel);
    checkId('member', user);
    return this.slice.update((ws) => holdWords(ws, channel, challengeId, user, words));
  }

  async dropRevealedWords(): Promise<number> {
    if (!this.slice.read((ws) => hasRevealedWords(ws))) return 0;
    return this.slice.update((ws) => dropRevealedWords(ws));
  }

  async markReminded(channel: string, challengeId: string, at: string): Promise<boolean> {
    checkId('channel', channel);
    const open = (ws: Readonly<WorkspaceData>) => {
      const c = findChallenge(ws, channel, challengeId);
      return c && !c.remindedAt ? c : null;
    };
    if (!this.slice.read(open)) return false;
    return this.slice.update((ws) => {
      const c = open(ws);
      if (!c) return false;
      c.remindedAt = at;
      return true;
    });
  }

  async reminderCandidates(channel: string, query: { challengeId: string; sinceDay: string }): Promise<ReminderCandidate[]> {
    checkId('channel', channel);
    return this.slice.read((ws) => {
      const ch = Object.hasOwn(ws.channels, channel) ? ws.channels[channel]! : undefined;
      if (!ch) return [];
      const challenge = ch.challenges.find((c) => c.id === query.challengeId);
      const out: ReminderCandidate[] = [];
      for (const [user, totals] of Object.entries(ch.totals)) {
        if (totals.lastDay === null || totals.lastDay < query.sinceDay) continue;
        const member = Object.hasOwn(ws.members, user) ? ws.members[user]! : undefined;
        let lastLang: ReminderCandidate['lastLang'];
        for (let i = ch.challenges.length - 1; i >= 0 && !lastLang; i--) lastLang = Object.hasOwn(ch.challenges[i]!.answers, user) ? ch.challenges[i]!.answers[user]!.lang : undefined;
        out.push({
          user, lastDay: totals.lastDay, answered: Boolean(challenge && Object.hasOwn(challenge.answers, user)), reminders: member?.reminders !== false,
          ...(member?.lang ? { lang: member.lang } : {}), ...(lastLang ? { lastLang } : {}),
        });
      }
      return out.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
    });
  }

  async channelTotals(channel: string): Promise<Record<string, MemberTotals>> {
    checkId('channel', channel);
    return this.slice.read((ws) => (Object.hasOwn(ws.channels, channel) ? structuredClone(ws.channels[channel]!.totals) : {}));
  }

  async challengesSince(channel: string, sinceDay: string): Promise<ChallengeData[]> {
    checkId('channel', channel);
    return this.slice.read((ws) => (Object.hasOwn(ws.channels, channel) ? ws.channels[channel]!.challenges.filter((c) => c.day >= sinceDay).map((c) => structuredClone(c)) : []));
  }

  async channelEvents(channel: string, query: { sinceDay: string; kinds: readonly ScoreEvent['kind'][] }): Promise<ScoreEvent[]> {
    checkId('channel', channel);
    const kinds = new Set(query.kinds);
    return (await this.slice.readLog()).filter((e) => e.channel === channel && kinds.has(e.kind) && (e.challengeId ?? '').slice(0, 10) >= query.sinceDay);
  }
}

// ── helpers ──

function view(id: string, channel: Readonly<ChannelData>): ChannelView {
  return { ...structuredClone(settingsOf(channel)), id, challenges: channel.challenges.slice(-RECENT_CHALLENGES).map(head) };
}

/** A copy of the challenge without its answers. */
function head(challenge: Readonly<ChallengeData>): ChallengeHead {
  const { answers, ...rest } = challenge;
  return { ...structuredClone(rest), answerCount: Object.keys(answers).length };
}

function settingsOf(channel: Readonly<ChannelData>): ChannelSettings {
  const { challenges: _c, totals: _t, incidents: _i, wall: _w, ...settings } = channel;
  return settings;
}

const NOT_SETTINGS = new Set(['challenges', 'totals', 'incidents', 'wall']);

function replaceSettings(channel: ChannelData, settings: ChannelSettings): void {
  const target = channel as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) if (!NOT_SETTINGS.has(key) && !Object.hasOwn(settings, key)) delete target[key];
  for (const [key, value] of Object.entries(settings)) if (!NOT_SETTINGS.has(key)) target[key] = value;
}

function findChallenge(ws: Readonly<WorkspaceData>, channel: string, id: string | null): ChallengeData | null {
  const list = Object.hasOwn(ws.channels, channel) ? ws.channels[channel]!.challenges : [];
  return id === null ? list.at(-1) ?? null : list.find((c) => c.id === id) ?? null;
}

function answerSettled(ws: Readonly<WorkspaceData>, channel: string, input: AnswerInputRecord): RecordAnswerOutcome | null {
  const challenge = findChallenge(ws, channel, input.challengeId);
  if (!challenge) return { kind: 'none' };
  if (Object.hasOwn(challenge.answers, input.user)) return { kind: 'already', challenge: head(challenge), answer: structuredClone(challenge.answers[input.user]!) };
  if (challenge.revealedAt) return { kind: 'closed', challenge: head(challenge) };
  return null;
}

function totalsFor(channel: ChannelData, user: string, week: string): MemberTotals {
  const totals = (channel.totals[user] ??= emptyTotals(week));
  if (totals.week !== week) {
    totals.week = week;
    totals.weekPoints = 0;
  }
  return totals;
}

function applyScoreInput(ws: WorkspaceData, channel: string, score: ScoreInput): MemberTotals {
  const ch = (ws.channels[channel] ??= emptyChannel());
  const member = (ws.members[score.user] ??= {});
  if (score.name) member.name = score.name;
  const totals = totalsFor(ch, score.user, score.week);
  totals.points += score.delta;
  totals.weekPoints += score.delta;
  const event: ScoreEvent = { at: score.at, channel, user: score.user, delta: score.delta, kind: score.kind, reason: score.reason, by: score.by };
  if (score.incidentId !== undefined) event.incidentId = score.incidentId;
  ws.scoreLog.push(event);
  return { ...totals };
}

function incidentIn(ws: Readonly<WorkspaceData>, id: string): { channel: string; incident: IncidentData } | null {
  for (const [channel, ch] of Object.entries(ws.channels)) {
    const incident = (ch.incidents ?? []).find((i) => i.id === id);
    if (incident) return { channel, incident };
  }
  return null;
}

/** Old revealed challenges keep only counts (ChallengeData.summary); `choiceCount` options of its scenario. */
export function compact(challenge: ChallengeData, choiceCount: number): void {
  if (challenge.summary || !challenge.revealedAt) return;
  const answers = Object.values(challenge.answers);
  challenge.summary = {
    answers: answers.length,
    choices: Array.from({ length: choiceCount }, (_, i) => answers.filter((a) => a.choice === i).length),
    ownWords: answers.filter((a) => a.choice === null).length,
    scoreSum: answers.reduce((sum, a) => sum + a.score, 0),
  };
  challenge.answers = {};
}

/** Keeps the `limit` best candidates, sorted by points (ties in arrival order), as they stream by. */
function keepBest(best: { user: string; points: number }[], candidate: { user: string; points: number }, limit: number): void {
  if (limit <= 0) return;
  if (best.length === limit && candidate.points <= best[limit - 1]!.points) return;
  let i = best.length;
  while (i > 0 && best[i - 1]!.points < candidate.points) i--;
  best.splice(i, 0, candidate);
  if (best.length > limit) best.pop();
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

