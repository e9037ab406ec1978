// The review queue's commands (issue 14, item 3): what happens after a challenge answer is recorded (the
// grader's unsure grades go to the queue, free-text words are held for a contest until the debrief, the
// member's practice record learns the grade), the "Contest this score" button on the feedback,
// `/coach contest CHALLENGE REASON`, and the admins' `/coach queue [confirm N | adjust N SCORE REASON]`.
// Data goes through the store port (WorkspacePort's review operations: one atomic step each, on the JSON
// file and on PostgreSQL alike); the calls are in the small async functions at the end.
import type { Lang, Library, Localized, Scenario } from '../../content/model.js';
import { BUILT_IN_FLAGS } from '../../grading/built-in-flags.js';
import type { RecordedAnswer } from '../../domain/challenges.js';
import { KEEP_ANSWERS_OF_LAST } from '../../store/port.js';
import { emptyPractice, recordAttempt } from '../../domain/practice.js';
import type { EnqueueResult, SettleResult } from '../../domain/review-queue.js';
import { isoWeek, type Clock } from '../../domain/time.js';
import type { StorePort, WorkspacePort } from '../../store/port.js';
import type { ReviewItem } from '../../store/schema.js';
import { cleanName } from '../../text/display-name.js';
import { pointsText } from '../board-i18n.js';
import { channelLabel, displayName } from '../challenge-messages.js';
import { text, type Message } from '../message.js';
import { tq } from '../queue-strings.js';
import type { Request } from '../request.js';
import type { RecordedOutcome } from './challenge-commands.js';

export interface QueueDeps {
  library: Library;
  port: StorePort;
  clock: Clock;
  isAdmin: (workspace: string, user: string) => boolean;
}

/** Items shown by one `/coach queue` (one message each, with its buttons). */
export const QUEUE_SHOWN = 10;
/** Longest words shown for an item (the rest is cut with "…"). */
const WORDS_SHOWN = 1500;
const CHALLENGE_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;
const SUBS = new Set(['queue', 'file', 'contest', 'contester']);

export class QueueCommands {
  constructor(private readonly deps: QueueDeps) {}

  handles(sub: string): boolean {
    return SUBS.has(sub);
  }

  helpLines(lang: Lang): string[] {
    return [tq(lang, 'helpContest'), tq(lang, 'helpQueue')];
  }

  async coach(req: Request, sub: string, args: string[], lang: Lang): Promise<Message[]> {
    if (sub === 'contest' || sub === 'contester') return this.contest(req, args, lang);
    if (!this.deps.isAdmin(req.workspace, req.user)) return [text(tq(lang, 'notAdmin'))];
    const [action = '', id = '', ...rest] = args.filter(Boolean);
    const verb = action.toLowerCase();
    if (verb === '') return this.list(req, lang);
    if ((verb === 'confirm' || verb === 'confirmer') && /^\d{1,9}$/.test(id) && rest.length === 0) return this.settle(req, id, { action: 'confirm' }, lang);
    if (verb === 'adjust' || verb === 'ajuster') {
      const [score = '', ...note] = rest;
      const reason = note.join(' ').trim();
      if (!/^\d{1,9}$/.test(id) || !/^(10|\d)$/.test(score) || reason.length < 3) return [text(tq(lang, 'adjustUsage', { id: /^\d{1,9}$/.test(id) ? id : 'N' }))];
      return this.settle(req, id, { action: 'adjust', score: Number(score), note: reason }, lang);
    }
    return [text(tq(lang, 'queueUsage'))];
  }

  /** The feedback with the contest button, or the note that the grade goes to an admin. */
  withContest(feedback: Message, outcome: RecordedOutcome, lang: Lang): Message {
    if (outcome.grade.doubts?.length) return { ...feedback, footnote: [feedback.footnote, tq(lang, 'unsureNote')].filter(Boolean).join(' · ') };
    const button = { label: tq(lang, 'contestButton'), value: `/coach contest ${outcome.challenge.id} `, input: { hint: tq(lang, 'contestHint'), placeholder: tq(lang, 'contestPlaceholder') } };
    return { ...feedback, actions: [...(feedback.actions ?? []), button] };
  }

  /** Drops held words of challenges already revealed (the reminder tick calls it at each tick). */
  async dropRevealed(workspace: string): Promise<void> {
    await this.deps.port.workspace(workspace).dropRevealedWords();
  }

  /** `/coach contest [CHALLENGE] REASON`: without a challenge id, the member's latest answer in this channel. */
  private async contest(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    const words = args.filter(Boolean);
    const challengeId = CHALLENGE_ID.test(words[0] ?? '') ? words.shift()! : null;
    const reason = words.join(' ').trim();
    if (reason.length < 3) return [text(tq(lang, 'contestUsage', { challenge: challengeId ?? (lang === 'fr' ? 'DÉFI' : 'CHALLENGE') }))];
    const result = await contestAnswer(this.deps.port.workspace(req.workspace), req.channel, req.user, challengeId, reason, this.deps.clock.now());
    switch (result.kind) {
      case 'no-answer': return [text(tq(lang, challengeId ? 'contestNoAnswer' : 'contestNoLatest', { challenge: challengeId ?? '', keep: KEEP_ANSWERS_OF_LAST }))];
      case 'already': return [text(tq(lang, 'contestAlready'))];
      case 'reviewed': return [text(tq(lang, 'contestReviewed', { score: result.item.reviewed!.score }))];
      case 'queued': return [text(tq(lang, result.item.words || result.item.choice !== null ? 'contestQueued' : 'contestQueuedNoWords', { score: result.item.score }))];
    }
  }

  private async list(req: Request, lang: Lang): Promise<Message[]> {
    const ws = this.deps.port.workspace(req.workspace);
    await ws.dropRevealedWords();
    const items = await ws.reviewItems({ waiting: true });
    if (items.length === 0) return [text(tq(lang, 'empty'))];
    const page = items.slice(0, QUEUE_SHOWN);
    const members = await ws.members([...new Set(page.map((i) => i.user))]);
    const channels = new Map<string, string | undefined>();
    for (const id of new Set(page.map((i) => i.channel))) channels.set(id, (await ws.channel(id))?.name);
    const shown = page.map((item) => this.itemMessage(item, cleanName(members[item.user]?.name), channels.get(item.channel), lang));
    if (items.length > QUEUE_SHOWN) shown.push({ ...text(tq(lang, 'more', { n: items.length - QUEUE_SHOWN })), lang });
    return shown;
  }

  private itemMessage(item: ReviewItem, name: string | undefined, channelName: string | undefined, lang: Lang): Message {
    const pair = this.scenario(item.scenarioId);
    const s = pair?.[lang];
    const rubric = new Map((s?.rubric ?? []).map((p) => [p.id, p.point]));
    const flagName = (id: string) => s?.redFlags.find((f) => f.id === id)?.flag ?? (id in BUILT_IN_FLAGS ? id : id);
    const list = (ids: string[]) => (ids.length ? ids.map((id) => rubric.get(id) ?? id).join(' · ') : tq(lang, 'none'));
    const lines = [
      tq(lang, 'who', { name: displayName(name, lang), day: item.challengeId.slice(0, 10), channel: channelLabel(channelName, lang) }),
      item.source === 'contested' ? tq(lang, 'sourceContested', { reason: item.reason ?? '' }) : tq(lang, 'sourceUnsure', { doubts: (item.doubts ?? []).map((d) => doubtText(d, lang)).join('; ') }),
      tq(lang, 'scoreLine', { score: item.score }),
    ];
    if (item.choice !== null) {
      lines.push(tq(lang, 'choiceLine', { n: item.choice + 1, text: s?.choices[item.choice]?.text ?? '' }));
    } else {
      lines.push(tq(lang, 'covered', { points: list(item.covered) }), tq(lang, 'missed', { points: list(item.missed) }));
      if (item.flags.length) lines.push(tq(lang, 'flags', { flags: item.flags.map(flagName).join(' · ') }));
      lines.push(item.words ? tq(lang, 'words', { words: item.words.length > WORDS_SHOWN ? `${item.words.slice(0, WORDS_SHOWN - 1)}…` : item.words }) : tq(lang, 'wordsGone'));
    }
    return {
      heading: tq(lang, 'heading', { id: item.id, title: s?.title ?? item.scenarioId }),
      sections: [{ parts: [{ kind: 'bullets', items: lines.map((line) => ({ text: line })) }] }],
      actions: [
        { label: tq(lang, 'confirm'), value: `/coach queue confirm ${item.id}`, primary: true },
        { label: tq(lang, 'adjust'), value: `/coach queue adjust ${item.id} `, input: { hint: tq(lang, 'adjustHint'), placeholder: tq(lang, 'adjustPlaceholder') } },
      ],
      footnote: tq(lang, 'footnote'),
      visibility: 'private',
      lang,
    };
  }

  private async settle(req: Request, id: string, decision: { action: 'confirm' | 'adjust'; score?: number; note?: string }, lang: Lang): Promise<Message[]> {
    const ws = this.deps.port.workspace(req.workspace);
    const result = await settleItem(ws, id, { by: req.user, ...decision }, this.deps.clock.now());
    if (result.kind === 'unknown') return [text(tq(lang, 'unknownItem', { id }))];
    const { item } = result;
    const members = await ws.members([item.user, ...(item.reviewed ? [item.reviewed.by] : [])]);
    const names = { member: cleanName(members[item.user]?.name), by: item.reviewed ? cleanName(members[item.reviewed.by]?.name) : undefined, lang: members[item.user]?.lang };
    if (result.kind === 'already') return [text(tq(lang, 'alreadyReviewed', { id, by: names.by ?? item.reviewed!.by, score: item.reviewed!.score }))];
    const name = displayName(names.member, lang);
    const reply = result.delta !== 0
      ? tq(lang, 'adjusted', { name, old: item.score, score: item.reviewed!.score, delta: pointsText(lang, result.delta, true), note: item.reviewed!.note ?? '', id })
      : tq(lang, 'confirmed', { name, score: item.score, id });
    // The member hears of an adjustment, and of the answer to their contest, in their own language.
    const notify = item.user !== req.user && (result.delta !== 0 || item.source === 'contested');
    return [
      { ...text(notify ? `${reply} ${tq(lang, 'notified')}` : reply), lang },
      ...(notify ? [this.notice(item, result.delta, names.lang ?? item.lang ?? lang)] : []),
    ];
  }

  private notice(item: ReviewItem, delta: number, lang: Lang): Message {
    const title = this.scenario(item.scenarioId)?.[lang].title ?? item.scenarioId;
    const vars = { title, day: item.challengeId.slice(0, 10), old: item.score, score: item.reviewed!.score, delta: pointsText(lang, delta, true), note: item.reviewed!.note ?? '' };
    return {
      heading: tq(lang, 'noticeHeading'),
      sections: [{ parts: [{ kind: 'text', text: tq(lang, delta !== 0 ? 'noticeAdjusted' : 'noticeConfirmed', vars) }] }],
      visibility: 'private',
      lang,
      to: item.user,
    };
  }

  private scenario(id: string): Localized<Scenario> | undefined {
    return this.deps.library.scenarios.find((s) => s.id === id);
  }
}

function doubtText(doubt: string, lang: Lang): string {
  if (doubt === 'model-torn') return tq(lang, 'doubt_model');
  if (doubt === 'negated-evidence') return tq(lang, 'doubt_negated');
  if (doubt === 'capped') return tq(lang, 'doubt_capped');
  return doubt;
}

// Data access: one port operation each (the store port may change shape; these are the only places to follow it).

/**
 * What follows a recorded challenge answer, after the port's atomic recordAnswer (Challenges'
 * onRecorded), each step atomic on its own: the member's practice record learns the grade; an unsure
 * free-text grade goes to the queue with its words; the words of a sure one are held until the debrief,
 * so it can be contested. A crash between recordAnswer and these loses the follow-ups, never the answer.
 */
export async function answerFollowUps(ws: WorkspacePort, r: RecordedAnswer): Promise<void> {
  await ws.updateMember(r.user, (member) => {
    recordAttempt((member.practice ??= emptyPractice()), { scenarioId: r.challenge.scenarioId, score: r.answer.score, covered: r.answer.covered, missed: r.answer.missed, at: r.at, kind: 'challenge' });
  }, { create: true });
  if (r.words === null) return;
  const doubts = r.grade.doubts ?? [];
  if (doubts.length) await ws.enqueueReview(r.channel, { challengeId: r.challenge.id, user: r.user, source: { kind: 'unsure', doubts, words: r.words }, at: r.at.toISOString() });
  else await ws.holdWords(r.channel, r.challenge.id, r.user, r.words);
}

/**
 * A member contests their answer to `challengeId`: in `channel` when it is there, else wherever they
 * answered it; without an id, their latest answer in `channel`.
 */
async function contestAnswer(ws: WorkspacePort, channel: string, user: string, challengeId: string | null, reason: string, now: Date): Promise<EnqueueResult> {
  return ws.enqueueReview(channel, { challengeId, user, source: { kind: 'contested', reason: cleanReason(reason) }, at: now.toISOString() });
}

/** Settles an item; an adjustment counts in the challenge's ISO week (domain/time.ts isoWeek). */
async function settleItem(ws: WorkspacePort, id: string, decision: { by: string; action: 'confirm' | 'adjust'; score?: number; note?: string }, now: Date): Promise<SettleResult> {
  return ws.settleReview(id, { ...decision, ...(decision.note ? { note: cleanReason(decision.note) } : {}), weekOf: isoWeek, at: now.toISOString() });
}

/** A reason as kept: control characters out, spaces collapsed. */
function cleanReason(reason: string): string {
  return reason.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
}
