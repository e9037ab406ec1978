// What a team's wall shows, read through the store port (JSON file or PostgreSQL) with a few queries of one
// channel, never a whole workspace: today's challenge (its answers and best choice only once revealed),
// how many answered, this week's board (the port's indexed board), an open incident.
// Only display names and points leave this module: no user ids, no answers of a person.
import type { Block } from '../content/markdown.js';
import type { Lang } from '../content/model.js';
import type { Challenges } from '../domain/challenges.js';
import { boardOf, TOP } from '../domain/scores.js';
import { dayInZone, isoWeek } from '../domain/time.js';
import type { ChannelView, WorkspacePort } from '../store/port.js';

/** An incident as the wall shows it; times are ISO instants, `state` is already in the wall's language. */
export interface OpenIncident {
  title: string;
  state: string;
  since: string;
  lastUpdateAt: string | null;
}

/**
 * What the wall reads from features beside the challenges. The outage coach (built separately) provides
 * `openIncident`: the channel's open incident, or null when there is none.
 */
export interface WallSources {
  /** `settings`: the channel as the wall just read it (null when unknown), for its time zone. */
  openIncident(ws: WorkspacePort, channel: string, lang: Lang, settings: ChannelView | null): OpenIncident | null | Promise<OpenIncident | null>;
}

/** No incident feature wired yet: walls show no incident. */
export const NO_INCIDENTS: WallSources = { openIncident: () => null };

export interface WallChoice {
  text: string;
  /** Only after the reveal. */
  best?: boolean;
  /** Only after the reveal: how many picked it. */
  votes?: number;
}

export interface WallChallenge {
  number: number;
  title: string;
  question: Block[];
  choices: WallChoice[];
  answers: number;
  /** When the debrief is due (ISO), or null when it waits for /coach reveal. */
  revealAt: string | null;
  /** Present once revealed: answers in people's own words, and why the best choice is best. */
  revealed: { ownWords: number; why: string | null } | null;
}

export interface WallBoardEntry {
  rank: number;
  /** The member's display name, or null when the coach never learnt it (the page says "unnamed"). */
  name: string | null;
  points: number;
  streak: number;
}

export interface WallView {
  lang: Lang;
  timeZone: string;
  /** The channel's calendar day (YYYY-MM-DD in its time zone). */
  today: string;
  channelName: string | null;
  challenge: WallChallenge | null;
  /** The next scheduled post (ISO), or null. */
  nextPost: string | null;
  scheduled: boolean;
  board: WallBoardEntry[];
  incident: OpenIncident | null;
}

export interface WallViewDeps {
  challenges: Challenges;
  sources: WallSources;
  defaultLang: Lang;
}

/** The wall of `channelId` at `now`, read through the workspace's port. */
export async function wallView(ws: WorkspacePort, channelId: string, now: Date, deps: WallViewDeps): Promise<WallView> {
  const channel = await ws.channel(channelId);
  const lang = channel?.lang ?? deps.defaultLang;
  const timeZone = deps.challenges.schedule(channel).timezone;
  const today = dayInZone(now, timeZone);
  const next = deps.challenges.nextPostIn(channel, now);
  const [rows, challenge, incident] = await Promise.all([
    ws.channelBoard(channelId, { week: isoWeek(today), viewer: '', limit: TOP }),
    todaysChallenge(ws, channel, today, lang, deps.challenges),
    deps.sources.openIncident(ws, channelId, lang, channel),
  ]);
  const board = boardOf(rows, channel).week.map((e) => ({ rank: e.rank, name: e.name ?? null, points: e.points, streak: e.streak }));
  return {
    lang,
    timeZone,
    today,
    channelName: channel?.name ?? null,
    challenge,
    nextPost: next ? next.toISOString() : null,
    scheduled: Boolean(channel?.scheduledSince),
    board,
    incident,
  };
}

/**
 * The latest challenge when it is today's or still open (a debrief not yet out); else none. Its answers
 * are read (for the votes) only once it is revealed and not compacted to counts.
 */
async function todaysChallenge(ws: WorkspacePort, channel: ChannelView | null, today: string, lang: Lang, challenges: Challenges): Promise<WallChallenge | null> {
  const current = channel?.challenges.at(-1);
  if (!channel || !current || (current.day !== today && current.revealedAt)) return null;
  const pair = challenges.scenario(current.scenarioId);
  if (!pair) return null;
  const scenario = pair[lang];
  const count = current.summary?.answers ?? current.answerCount;
  if (!current.revealedAt) {
    return {
      number: scenario.number, title: scenario.title, question: scenario.question,
      choices: scenario.choices.map((c) => ({ text: c.text })),
      answers: count, revealAt: current.revealAt, revealed: null,
    };
  }
  const answers = current.summary ? [] : Object.values((await ws.challenge(channel.id, current.id))?.answers ?? {});
  const votes = (i: number) => current.summary?.choices[i] ?? answers.filter((a) => a.choice === i).length;
  const best = scenario.choices.find((c) => c.best);
  return {
    number: scenario.number, title: scenario.title, question: scenario.question,
    choices: scenario.choices.map((c, i) => ({ text: c.text, best: c.best, votes: votes(i) })),
    answers: count, revealAt: current.revealAt,
    revealed: { ownWords: current.summary?.ownWords ?? answers.filter((a) => a.choice === null).length, why: best?.explanation ?? null },
  };
}
