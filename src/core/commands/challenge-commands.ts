// /scenario, /answer, /leaderboard and the admin's /coach post|reveal|schedule|pause|unpause|award,
// plus /coach optout|optin. Turns requests into domain calls and domain results into messages.
import type { Lang, Library, Localized, Scenario } from '../../content/model.js';
import type { AnswerOutcome, Challenges } from '../../domain/challenges.js';
import { MAX_AWARD, applyAward, channelBoard, teamsBoard } from '../../domain/scores.js';
import { validateCron } from '../../domain/schedule.js';
import { dayInZone, isValidTimeZone, type Clock } from '../../domain/time.js';
import { emptyChannel } from '../../domain/channel-defaults.js';
import type { ChallengeData } from '../../store/schema.js';
import type { WorkspaceStore } from '../../store/store.js';
import { formatWhen, tc } from '../challenge-i18n.js';
import { st } from '../schedule-strings.js';
import { challengePost, debriefMessage, leaderboardMessage, teamsMessage } from '../challenge-messages.js';
import { text, type Message } from '../message.js';
import type { Request } from '../request.js';

export type RecordedOutcome = Extract<AnswerOutcome, { kind: 'recorded' }>;

export interface ChallengeCommandDeps {
  library: Library;
  challenges: Challenges;
  stores: (workspace: string) => WorkspaceStore;
  clock: Clock;
  isAdmin: (workspace: string, user: string) => boolean;
  /** The private feedback on a recorded answer. */
  feedback: (outcome: RecordedOutcome, lang: Lang) => Message;
}

const CHALLENGE_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ADMIN_COMMANDS = new Set(['post', 'reveal', 'schedule', 'pause', 'unpause', 'award', 'listen']);
/** Admin commands after which the coach posts here: the channel's surface, language and post target are kept. */
const ADOPTING_COMMANDS = new Set(['post', 'reveal', 'schedule']);

export class ChallengeCommands {
  constructor(private readonly deps: ChallengeCommandDeps) {}

  handlesCoach(sub: string): boolean {
    return ADMIN_COMMANDS.has(sub) || sub === 'optout' || sub === 'optin';
  }

  async scenario(req: Request, lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const { challenges } = this.deps;
    const current = store.read((ws) => challenges.current(ws, req.channel));
    const pair = current && challenges.scenario(current.scenarioId);
    const future = this.futureNotice(req, lang);
    if (future) return [text(`${tc(lang, 'noChallenge')} ${future}`)];
    if (!current || !pair || current.revealedAt) {
      const lines = [tc(lang, 'noChallenge')];
      lines.push(this.nextPostLine(req, lang));
      return [text(lines.join(' '))];
    }
    return [challengePost(current, pair, lang, this.timeZone(req), 'private')];
  }

  async answer(req: Request, args: string, lang: Lang): Promise<Message[]> {
    let rest = args.trim();
    let challengeId: string | null = null;
    const first = rest.split(/\s+/)[0] ?? '';
    if (CHALLENGE_ID.test(first)) {
      challengeId = first;
      rest = rest.slice(first.length).trim();
    }
    if (!rest) return [text(tc(lang, 'answerUsage'))];
    const input = /^\d{1,2}$/.test(rest) ? { choice: Number(rest) - 1 } : { text: rest, lang };
    const outcome = await this.deps.challenges.answer(this.deps.stores(req.workspace), req.channel, req.user, req.userName, challengeId, input, this.deps.clock.now());
    switch (outcome.kind) {
      case 'none':
        return [text(`${tc(lang, 'noChallenge')} ${this.nextPostLine(req, lang)}`)];
      case 'closed':
        return [text(tc(lang, 'closed'))];
      case 'bad-choice':
        return [text(tc(lang, 'badChoice', { choice: rest, count: outcome.scenario[lang].choices.length }))];
      case 'already':
        return [text(tc(lang, 'already', { score: outcome.answer.score, when: formatWhen(new Date(outcome.answer.at), lang, this.timeZone(req)) }))];
      case 'recorded':
        return [this.deps.feedback(outcome, lang)];
    }
  }

  async leaderboard(req: Request, args: string, lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const today = dayInZone(this.deps.clock.now(), this.timeZone(req));
    if (/^(all|tous|toutes|teams|équipes|equipes)$/i.test(args.trim())) {
      return [teamsMessage(store.read((ws) => teamsBoard(ws, today)), lang)];
    }
    const board = store.read((ws) => channelBoard(ws, req.channel, req.user, today));
    const name = store.read((ws) => ws.channels[req.channel]?.name) ?? req.channelName ?? req.channel;
    return [leaderboardMessage(board, name, lang)];
  }

  async coach(req: Request, sub: string, args: string[], lang: Lang): Promise<Message[]> {
    if (ADMIN_COMMANDS.has(sub) && !this.deps.isAdmin(req.workspace, req.user)) {
      return [text(tc(lang, 'notAdmin', { command: `/coach ${sub}` }))];
    }
    if (ADOPTING_COMMANDS.has(sub)) await this.adoptChannel(req, lang);
    switch (sub) {
      case 'post': return this.post(req, lang);
      case 'reveal': return this.reveal(req, lang);
      case 'schedule': return this.schedule(req, args, lang);
      case 'pause': return this.pause(req, args, lang, true);
      case 'unpause': return this.pause(req, args, lang, false);
      case 'award': return this.award(req, args, lang);
      case 'listen': {
        const mode = (args[0] ?? '').toLowerCase();
        if (mode !== 'on' && mode !== 'off') return [text(tc(lang, 'listenUsage'))];
        await this.deps.stores(req.workspace).update((ws) => { (ws.channels[req.channel] ??= emptyChannel()).listen = mode === 'on'; });
        return [text(tc(lang, mode === 'on' ? 'listenOn' : 'listenOff'))];
      }
      case 'optout':
      case 'optin': {
        const optOut = sub === 'optout';
        await this.deps.stores(req.workspace).update((ws) => {
          const member = (ws.members[req.user] ??= {});
          member.optOut = optOut;
          if (req.userName) member.name = req.userName;
        });
        return [text(tc(lang, optOut ? 'optedOut' : 'optedIn'))];
      }
      default:
        return [];
    }
  }

  /** What the coach needs to post in a channel later: its surface, language, name and post target. */
  private async adoptChannel(req: Request, lang: Lang): Promise<void> {
    await this.rememberChannel(req.workspace, req.channel, { lang, ...pick(req) });
  }

  /** Records where a channel lives (also when a platform reports the bot added there). */
  async rememberChannel(workspace: string, channelId: string, facts: { lang?: Lang; platform?: string; name?: string; postTarget?: unknown }): Promise<void> {
    await this.deps.stores(workspace).update((ws) => {
      const channel = (ws.channels[channelId] ??= emptyChannel());
      if (facts.lang) channel.lang = facts.lang;
      if (facts.platform) channel.platform = facts.platform;
      if (facts.name) channel.name = facts.name;
      if (facts.postTarget !== undefined) channel.postTarget = facts.postTarget;
    });
  }

  /** The bot was removed from the channel: it can no longer post there. */
  async forgetPostTarget(workspace: string, channelId: string): Promise<void> {
    await this.deps.stores(workspace).update((ws) => {
      const channel = ws.channels[channelId];
      if (channel) delete channel.postTarget;
    });
  }

  /** The platform ids kept for a posted challenge, without building its message. */
  postRef(workspace: string, channel: string, challengeId: string): unknown {
    return this.deps.stores(workspace).read((ws) => ws.channels[channel]?.challenges.find((c) => c.id === challengeId)?.postRef);
  }

  /** Keeps the platform's ids of a posted challenge (to update its count, thread its debrief). */
  async recordPost(workspace: string, channel: string, challengeId: string, postRef: unknown): Promise<void> {
    await this.deps.stores(workspace).update((ws) => {
      const challenge = ws.channels[channel]?.challenges.find((c) => c.id === challengeId);
      if (challenge) challenge.postRef = postRef;
    });
  }

  /** A posted challenge as it should look now (answer count), with the platform ids kept for it. */
  postState(workspace: string, channel: string, challengeId: string): { postRef: unknown; message: Message } | null {
    const store = this.deps.stores(workspace);
    const found = store.read((ws) => {
      const ch = ws.channels[channel];
      const challenge = ch?.challenges.find((c) => c.id === challengeId);
      return challenge ? { challenge, lang: ch!.lang } : null;
    });
    if (!found || !this.deps.challenges.scenario(found.challenge.scenarioId)) return null;
    return { postRef: found.challenge.postRef, message: this.publicPost(workspace, channel, found.challenge, found.lang ?? 'fr') };
  }

  private async post(req: Request, lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const result = await this.deps.challenges.post(store, req.channel, this.deps.clock.now());
    if (result.future) return [text(`${st(lang, 'postRefused')} ${this.futureNotice(req, lang) ?? ''}`.trim())];
    const pair = this.deps.challenges.scenario(result.challenge.scenarioId)!;
    const out: Message[] = [];
    if (result.revealed) out.push(this.debrief(result.revealed, lang));
    if (!result.created) out.push(text(tc(lang, 'alreadyPosted')));
    out.push(challengePost(result.challenge, pair, lang, this.timeZone(req), result.created ? 'public' : 'private'));
    return out;
  }

  private async reveal(req: Request, lang: Lang): Promise<Message[]> {
    const challenge = await this.deps.challenges.reveal(this.deps.stores(req.workspace), req.channel, this.deps.clock.now());
    if (!challenge) return [text(tc(lang, 'nothingToReveal'))];
    return [this.debrief(challenge, lang)];
  }

  debrief(challenge: ChallengeData, lang: Lang): Message {
    return debriefMessage(challenge, this.deps.challenges.scenario(challenge.scenarioId) as Localized<Scenario>, lang);
  }

  /** A new challenge as posted publicly in its channel. */
  publicPost(workspace: string, channel: string, challenge: ChallengeData, lang: Lang): Message {
    const pair = this.deps.challenges.scenario(challenge.scenarioId) as Localized<Scenario>;
    return challengePost(challenge, pair, lang, this.timeZone({ workspace, channel, user: '', text: '' }), 'public');
  }

  private async schedule(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const now = this.deps.clock.now();
    const words = args.filter(Boolean);
    const mode = (words[0] ?? '').toLowerCase();
    if (mode === 'off') {
      await store.update((ws) => { (ws.channels[req.channel] ??= emptyChannel()).scheduledSince = null; });
      return [text(tc(lang, 'scheduleOff'))];
    }
    let customCron: string | undefined;
    let customZone: string | undefined;
    if (words.length > 0 && mode !== 'on' && mode !== 'default') {
      const zone = words.length > 5 && /^[A-Za-z_]+(\/[A-Za-z_+-]+)*$|^UTC$/.test(words.at(-1)!) ? words.at(-1)! : undefined;
      const cron = (zone ? words.slice(0, -1) : words).join(' ').replace(/^["“«]\s*|\s*["”»]$/g, '');
      const timezone = zone ?? this.deps.challenges.schedule(undefined).timezone;
      if (!isValidTimeZone(timezone)) return [text(tc(lang, 'scheduleBadZone', { zone: timezone }))];
      const error = validateCron(cron, timezone);
      if (error) return [text(tc(lang, 'scheduleBad', { error }))];
      customCron = cron;
      customZone = timezone;
    }
    if (words.length > 0) {
      const custom = mode !== 'on' && mode !== 'default' ? { cron: customCron!, timezone: customZone! } : null;
      await store.update((ws) => {
        const channel = (ws.channels[req.channel] ??= emptyChannel());
        if (custom) channel.schedule = custom;
        else if (mode === 'default') delete channel.schedule;
        channel.scheduledSince = now.toISOString();
      });
    }
    const channel = store.read((ws) => ws.channels[req.channel]);
    const schedule = this.deps.challenges.schedule(channel);
    const next = store.read((ws) => this.deps.challenges.nextPost(ws, req.channel, now));
    const vars = { cron: schedule.cron, timezone: schedule.timezone, when: next ? formatWhen(next, lang, schedule.timezone) : '—' };
    const future = this.futureNotice(req, lang);
    const shown = words.length === 0
      ? tc(lang, 'scheduleShow', { ...vars, state: tc(lang, channel?.scheduledSince ? 'scheduleActive' : 'scheduleInactive') })
      : tc(lang, 'scheduleOn', vars);
    return [text(future ? `${shown} ${future}` : shown)];
  }

  private async pause(req: Request, args: string[], lang: Lang, pause: boolean): Promise<Message[]> {
    const dates = args.filter(Boolean);
    if (dates.length === 0 || dates.length > 60 || dates.some((d) => !DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))) {
      return [text(tc(lang, 'pauseUsage'))];
    }
    await this.deps.stores(req.workspace).update((ws) => {
      const channel = (ws.channels[req.channel] ??= emptyChannel());
      const set = new Set(channel.pausedDates);
      for (const d of dates) (pause ? set.add(d) : set.delete(d));
      channel.pausedDates = [...set].sort();
    });
    return [text(tc(lang, pause ? 'paused' : 'unpaused', { dates: dates.join(', ') }))];
  }

  private async award(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    const [who = '', amount = '', ...reasonWords] = args;
    const target = mentioned(req, who);
    const points = Number(amount);
    const reason = reasonWords.join(' ').trim().slice(0, 200);
    if (!target || !/^-?\d+$/.test(amount) || points === 0 || Math.abs(points) > MAX_AWARD || !reason) {
      return [text(tc(lang, 'awardUsage', { max: MAX_AWARD }))];
    }
    const now = this.deps.clock.now();
    const day = dayInZone(now, this.timeZone(req));
    const totals = await this.deps.stores(req.workspace).update((ws) => {
      const member = (ws.members[target.id] ??= {});
      if (target.name && !member.name) member.name = target.name;
      return applyAward(ws, req.channel, target.id, points, reason, req.user, now, day);
    });
    const name = this.deps.stores(req.workspace).read((ws) => ws.members[target.id]?.name) ?? target.id;
    return [text(tc(lang, 'awarded', { points: points > 0 ? `+${points}` : points, name, reason, total: totals.points }))];
  }

  private timeZone(req: Request): string {
    const channel = this.deps.stores(req.workspace).read((ws) => ws.channels[req.channel]);
    return this.deps.challenges.schedule(channel).timezone;
  }

  /** The warning about an open challenge dated in the future here (see Challenges.futureOpen), or null. */
  futureNotice(req: Pick<Request, 'workspace' | 'channel'>, lang: Lang): string | null {
    const future = this.deps.stores(req.workspace).read((ws) => this.deps.challenges.futureOpen(ws, req.channel, this.deps.clock.now()));
    if (!future) return null;
    const title = this.deps.challenges.scenario(future.scenarioId)?.[lang].title ?? future.scenarioId;
    return st(lang, 'futureOpen', { title, when: formatWhen(new Date(future.postedAt), lang, this.timeZone({ workspace: req.workspace, channel: req.channel, user: '', text: '' })) });
  }

  private nextPostLine(req: Request, lang: Lang): string {
    const future = this.futureNotice(req, lang);
    if (future) return future;
    const now = this.deps.clock.now();
    const next = this.deps.stores(req.workspace).read((ws) => this.deps.challenges.nextPost(ws, req.channel, now));
    return next ? tc(lang, 'nextPost', { when: formatWhen(next, lang, this.timeZone(req)) }) : tc(lang, 'notScheduled');
  }
}

/**
 * The person an award names: `@ID` as the surface wrote it (Slack and Teams turn their mentions into
 * `@ID` and list them in `request.mentions` with the name), or a bare name in the terminal.
 */
function mentioned(req: Request, raw: string): { id: string; name?: string } | null {
  const id = raw.replace(/^@/, '');
  if (!/^[\p{L}\p{N}._:-]{1,200}$/u.test(id)) return null;
  const mention = req.mentions?.find((m) => m.id === id);
  return { id, name: mention ? mention.name : id };
}

function pick(req: Request): { platform?: string; name?: string; postTarget?: unknown } {
  return {
    ...(req.platform ? { platform: req.platform } : {}),
    ...(req.channelName ? { name: req.channelName } : {}),
    ...(req.postTarget !== undefined ? { postTarget: req.postTarget } : {}),
  };
}
