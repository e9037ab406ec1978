// /scenario, /answer, /leaderboard and the admin's /coach post|reveal|schedule|pause|unpause|award,
// plus /coach optout|optin. Turns requests into domain calls and domain results into messages.
import type { Lang, Library, Localized, Scenario } from '../../content/model.js';
import type { AnswerOutcome, Challenges } from '../../domain/challenges.js';
import { MAX_AWARD, TOP, boardOf, teamsOf } from '../../domain/scores.js';
import { validateCron } from '../../domain/schedule.js';
import { dayInZone, isoWeek, isValidTimeZone, type Clock } from '../../domain/time.js';
import type { ChallengeData } from '../../store/schema.js';
import type { ChallengeHead, ChannelView, StorePort, WorkspacePort } from '../../store/port.js';
import { formatWhen, tc } from '../challenge-i18n.js';
import { st } from '../schedule-strings.js';
import { tst } from '../state-strings.js';
import { channelLabel, challengePost, debriefMessage, displayName, leaderboardMessage, privateDebriefMessage, teamsMessage } from '../challenge-messages.js';
import { pointsText, tb } from '../board-i18n.js';
import { parseAnswer, ta, tooShortToGrade } from '../answer-input.js';
import { text, type Message } from '../message.js';
import { namesByMention, type Request } from '../request.js';
import { cleanName } from '../../text/display-name.js';
import { scenariosCommand } from './scenario-choice.js';
import { channelLangReply, inPublicLangs, isPostLang, publicLangs as publicLangsOf } from '../channel-lang.js';

export type RecordedOutcome = Extract<AnswerOutcome, { kind: 'recorded' }>;

export interface ChallengeCommandDeps {
  library: Library;
  challenges: Challenges;
  /** The store port: every read and change of this module goes through it. */
  port: StorePort;
  clock: Clock;
  isAdmin: (workspace: string, user: string) => boolean;
  /** The private feedback on a recorded answer. */
  feedback: (outcome: RecordedOutcome, lang: Lang) => Message;
}

const CHALLENGE_ID = /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ADMIN_COMMANDS = new Set(['post', 'reveal', 'schedule', 'pause', 'unpause', 'award', 'listen', 'channel-lang']);
/** Admin commands after which the coach posts here: the channel's surface, language and post target are kept. */
const ADOPTING_COMMANDS = new Set(['post', 'reveal', 'schedule']);

export class ChallengeCommands {
  constructor(private readonly deps: ChallengeCommandDeps) {}

  handlesCoach(sub: string): boolean {
    return ADMIN_COMMANDS.has(sub) || sub === 'optout' || sub === 'optin' || sub === 'scenarios';
  }

  async scenario(req: Request, lang: Lang): Promise<Message[]> {
    const { challenges } = this.deps;
    const channel = await this.ws(req.workspace).channel(req.channel);
    const current = channel?.challenges.at(-1) ?? null;
    const pair = current && challenges.scenario(current.scenarioId);
    const future = this.futureNoticeIn(channel, lang);
    if (future) return [text(`${tc(lang, 'noChallenge')} ${future}`)];
    if (!current || !pair || current.revealedAt) {
      const lines = [tc(lang, 'noChallenge')];
      lines.push(this.nextPostLineIn(channel, lang));
      return [text(lines.join(' '))];
    }
    return [challengePost(current, pair, lang, this.zoneOf(channel), 'private')];
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
    const parsed = parseAnswer(rest);
    if (parsed.kind === 'text' && !parsed.text) return [text(tc(lang, 'answerUsage'))];
    // Words too short to grade, or a number that is no option, are not recorded: the person's one answer
    // stays theirs to give. What is already settled (no challenge, closed, answered) is said first.
    if (parsed.kind === 'not-a-choice' || (parsed.kind === 'text' && !parsed.confirmed && tooShortToGrade(parsed.text))) {
      const open = await this.openChallenge(req, challengeId);
      if (open.kind !== 'open') return this.answerOutcome(req, lang, open, rest);
      const count = open.scenario[lang].choices.length;
      if (parsed.kind === 'not-a-choice') return [text(ta(lang, 'notAChoice', { answer: parsed.raw.slice(0, 40), count }))];
      return [this.confirmShort(open.challenge, parsed.text, count, lang)];
    }
    const input = parsed.kind === 'choice' ? { choice: parsed.number - 1, lang } : { text: parsed.text, lang };
    const outcome = await this.deps.challenges.answer(this.ws(req.workspace), req.channel, req.user, req.userName, challengeId, input, this.deps.clock.now());
    return this.answerOutcome(req, lang, outcome, parsed.kind === 'choice' ? String(parsed.number) : rest);
  }

  private async answerOutcome(req: Request, lang: Lang, outcome: AnswerOutcome, typed: string): Promise<Message[]> {
    switch (outcome.kind) {
      case 'none':
        return [text(`${tc(lang, 'noChallenge')} ${await this.nextPostLine(req, lang)}`)];
      case 'closed':
        return [text(tc(lang, 'closed'))];
      case 'bad-choice':
        return [text(tc(lang, 'badChoice', { choice: typed.slice(0, 40), count: outcome.scenario[lang].choices.length }))];
      case 'already':
        return [text(tc(lang, 'already', { score: outcome.answer.score, when: formatWhen(new Date(outcome.answer.at), lang, await this.timeZone(req)) }))];
      case 'recorded':
        return [this.deps.feedback(outcome, lang)];
    }
  }

  /** The challenge an answer would go to, as the domain would find it, without recording anything. */
  private async openChallenge(req: Request, challengeId: string | null): Promise<AnswerOutcome | { kind: 'open'; challenge: ChallengeHead; scenario: Localized<Scenario> }> {
    const found = await this.ws(req.workspace).memberAnswer(req.channel, challengeId, req.user);
    const challenge = found?.challenge;
    const scenario = challenge && this.deps.challenges.scenario(challenge.scenarioId);
    if (!found || !challenge || !scenario) return { kind: 'none' };
    if (found.answer) return { kind: 'already', challenge, scenario, answer: found.answer };
    if (challenge.revealedAt) return { kind: 'closed', challenge };
    return { kind: 'open', challenge, scenario };
  }

  /** Asks the person to confirm a short answer: the way to do it typed out, and as a button. */
  private confirmShort(challenge: ChallengeHead, answer: string, count: number, lang: Lang): Message {
    const shown = answer.length > 60 ? `${answer.slice(0, 59)}…` : answer;
    const message = text(`${ta(lang, 'short', { answer: shown })} ${ta(lang, 'howTo', { answer: shown, count })}`);
    // A button only when the whole answer fits in one (Slack caps a button's value at 2,000 characters).
    if (answer.length <= 200) message.actions = [{ label: ta(lang, 'confirm', { answer: shown }), value: `/answer ${challenge.id} ! ${answer}` }];
    return { ...message, lang };
  }

  async leaderboard(req: Request, args: string, lang: Lang): Promise<Message[]> {
    const store = this.ws(req.workspace);
    const here = await store.channel(req.channel);
    const today = dayInZone(this.deps.clock.now(), this.zoneOf(here));
    const week = isoWeek(today);
    if (/^(all|tous|toutes|teams|équipes|equipes)$/i.test(args.trim())) {
      const teams = () => store.teamsBoard({ week, limit: TOP });
      const unnamed = teamsOf(await teams()).filter((t) => !t.name).map((t) => t.channel);
      await this.lookUpNames(req, [], unnamed);
      return [teamsMessage(teamsOf(await teams()), lang)];
    }
    let channel = req.channel;
    let others: string[] | undefined;
    if (req.direct && !(await store.channelBoard(req.channel, { week, viewer: req.user, limit: 1 })).allTime.length && !(await store.totals(req.channel, req.user))) {
      // A one-to-one chat has no team of its own (unless challenges were played right there, as in the
      // Bot Framework Emulator): show the person's team (where they have the most points), name the others.
      const teams = await store.memberChannels(req.user);
      if (teams.length === 0) return [text(tb(lang, 'directNone'))];
      await this.lookUpNames(req, [], teams.filter((t) => !cleanName(t.name)).map((t) => t.channel));
      const named = await store.memberChannels(req.user);
      channel = named[0]!.channel;
      others = named.slice(1, 11).map((t) => channelLabel(t.name, lang));
    }
    const view = channel === req.channel ? here : await store.channel(channel);
    const board = async () => boardOf(await store.channelBoard(channel, { week, viewer: req.user, limit: TOP }), view);
    const shown = await board();
    const nameless = [...new Set([...shown.week, ...shown.allTime].filter((e) => !e.name).map((e) => e.user))];
    if (nameless.length) await this.lookUpNames(req, nameless, []);
    const stored = cleanName((await store.channel(channel))?.name);
    const name = stored ?? (channel === req.channel ? (req.direct ? tb(lang, 'privateChat') : channelLabel(req.channelName, lang)) : channelLabel(undefined, lang));
    return [leaderboardMessage(nameless.length ? await board() : shown, name, lang, { direct: channel !== req.channel, ...(others ? { others } : {}) })];
  }

  /**
   * Asks the platform for the names of people and channels the store has none for (bounded: a board
   * shows at most ten of each), and keeps what it tells. Without a lookup (the terminal), nothing happens.
   */
  private async lookUpNames(req: Request, users: string[], channels: string[]): Promise<void> {
    const names = req.names;
    if (!names || (users.length === 0 && channels.length === 0)) return;
    const [people, places] = await Promise.all([
      Promise.all(users.slice(0, 20).map(async (id) => [id, cleanName(await names.user(id).catch(() => undefined))] as const)),
      Promise.all(channels.slice(0, 20).map(async (id) => [id, cleanName(await names.channel(id).catch(() => undefined))] as const)),
    ]);
    if (![...people, ...places].some(([, name]) => name)) return;
    const store = this.ws(req.workspace);
    // Only people a board shows are looked up: each has points here, so keeping their name is due.
    for (const [id, name] of people) if (name) await store.updateMember(id, (member) => { member.name = name; }, { create: true });
    for (const [id, name] of places) if (name) await store.updateChannel(id, (settings) => { settings.name = name; }, { create: false });
  }

  /**
   * What a request tells about the people and channels the coach already keeps: the channel's current
   * name, the person's display name and where to reach them privately. Written only when something
   * changed (most requests read and write nothing); channels and members are never created here.
   */
  async noteRequest(req: Request): Promise<void> {
    const store = this.ws(req.workspace);
    const channelName = req.direct ? undefined : cleanName(req.channelName);
    const userName = cleanName(req.userName);
    const target = req.personalTarget;
    const [channel, member] = await Promise.all([channelName ? store.channel(req.channel) : null, store.member(req.user)]);
    const changes = {
      channel: Boolean(channel && channelName && channel.name !== channelName),
      name: Boolean(member && userName && member.name !== userName),
      target: Boolean(member && target !== undefined && JSON.stringify(member.personalTarget) !== JSON.stringify(target)),
    };
    if (changes.channel) await store.updateChannel(req.channel, (settings) => { settings.name = channelName; }, { create: false });
    if (changes.name || changes.target) {
      await store.updateMember(req.user, (m) => {
        if (changes.name) m.name = userName;
        if (changes.target) m.personalTarget = target;
      });
    }
  }

  /** The language a channel's public posts are written in, when the channel has one set (else the default's). */
  async channelLang(workspace: string, channel: string): Promise<Lang | undefined> {
    return (await this.ws(workspace).channel(channel))?.lang;
  }

  async coach(req: Request, sub: string, args: string[], lang: Lang): Promise<Message[]> {
    if (ADMIN_COMMANDS.has(sub) && !this.deps.isAdmin(req.workspace, req.user)) {
      return [text(tc(lang, 'notAdmin', { command: `/coach ${sub}` }))];
    }
    // A command that acts on the channel's posts gives them the admin's language; only showing the
    // schedule (a bare `/coach schedule`) changes nothing.
    if (ADOPTING_COMMANDS.has(sub) && !(sub === 'schedule' && args.filter(Boolean).length === 0)) await this.adoptChannel(req, lang);
    switch (sub) {
      case 'post': return this.post(req, lang);
      case 'reveal': return this.reveal(req, lang);
      case 'schedule': return this.schedule(req, args, lang);
      case 'pause': return this.pause(req, args, lang, true);
      case 'unpause': return this.pause(req, args, lang, false);
      case 'award': return this.award(req, args, lang);
      case 'scenarios': return scenariosCommand(this.deps, req, args.filter(Boolean), lang);
      case 'listen': {
        const mode = (args[0] ?? '').toLowerCase();
        if (mode === '') {
          const listening = (await this.ws(req.workspace).channel(req.channel))?.listen !== false;
          return [text(tst(lang, listening ? 'listenIsOn' : 'listenIsOff'))];
        }
        if (mode !== 'on' && mode !== 'off') return [text(tc(lang, 'listenUsage'))];
        await this.ws(req.workspace).updateChannel(req.channel, (settings) => { settings.listen = mode === 'on'; });
        return [text(tc(lang, mode === 'on' ? 'listenOn' : 'listenOff'))];
      }
      case 'channel-lang': {
        const value = (args[0] ?? '').toLowerCase();
        if (!isPostLang(value)) return [text(channelLangReply(lang, null))];
        await this.ws(req.workspace).updateChannel(req.channel, (settings) => { settings.postLang = value; });
        return [text(channelLangReply(lang, value))];
      }
      case 'optout':
      case 'optin': {
        const optOut = sub === 'optout';
        const name = cleanName(req.userName);
        await this.ws(req.workspace).updateMember(req.user, (member) => {
          member.optOut = optOut;
          if (name) member.name = name;
        }, { create: true });
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
    const name = cleanName(facts.name);
    await this.ws(workspace).updateChannel(channelId, (channel) => {
      if (facts.lang) channel.lang = facts.lang;
      if (facts.platform) channel.platform = facts.platform;
      if (name) channel.name = name;
      if (facts.postTarget !== undefined) channel.postTarget = facts.postTarget;
    });
  }

  /** The bot was removed from the channel: it can no longer post there. */
  async forgetPostTarget(workspace: string, channelId: string): Promise<void> {
    await this.ws(workspace).updateChannel(channelId, (channel) => { delete channel.postTarget; }, { create: false });
  }

  /** The platform ids kept for a posted challenge, without building its message. */
  async postRef(workspace: string, channel: string, challengeId: string): Promise<unknown> {
    return (await this.ws(workspace).memberAnswer(channel, challengeId, '-'))?.challenge.postRef;
  }

  /** Keeps the platform's ids of a posted challenge (to update its count, thread its debrief). */
  async recordPost(workspace: string, channel: string, challengeId: string, postRef: unknown): Promise<void> {
    await this.ws(workspace).setPostRef(channel, challengeId, postRef);
  }

  /** A posted challenge as it should look now (answer count), with the platform ids kept for it. */
  async postState(workspace: string, channel: string, challengeId: string): Promise<{ postRef: unknown; message: Message } | null> {
    const store = this.ws(workspace);
    const [found, view] = await Promise.all([store.memberAnswer(channel, challengeId, '-'), store.channel(channel)]);
    if (!found || !view || !this.deps.challenges.scenario(found.challenge.scenarioId)) return null;
    return { postRef: found.challenge.postRef, message: this.publicPostIn(view, found.challenge, view.lang ?? 'fr') };
  }

  /** The languages of this channel's public posts (core/channel-lang.ts); `fallback` when nothing is set. */
  async publicLangs(workspace: string, channel: string, fallback: Lang): Promise<Lang[]> {
    return publicLangsOf(await this.ws(workspace).channel(channel) ?? undefined, fallback);
  }

  /** What `/coach lang` shows about this channel: its explicit and remembered languages. */
  async channelLangState(workspace: string, channel: string): Promise<{ lang?: Lang; postLang?: 'fr' | 'en' | 'both' } | undefined> {
    const ch = await this.ws(workspace).channel(channel);
    return ch ? { ...(ch.lang ? { lang: ch.lang } : {}), ...(ch.postLang ? { postLang: ch.postLang } : {}) } : undefined;
  }

  private async post(req: Request, lang: Lang): Promise<Message[]> {
    const result = await this.deps.challenges.post(this.ws(req.workspace), req.channel, this.deps.clock.now());
    if (result.future) return [text(`${st(lang, 'postRefused')} ${(await this.futureNotice(req, lang)) ?? ''}`.trim())];
    const pair = this.deps.challenges.scenario(result.challenge.scenarioId)!;
    const out: Message[] = [];
    if (result.revealed) out.push(...(await this.revealMessages(req.workspace, req.channel, result.revealed, lang)));
    if (!result.created) out.push(text(tc(lang, 'alreadyPosted')));
    out.push(result.created
      ? await this.publicPost(req.workspace, req.channel, result.challenge, lang)
      : challengePost(result.challenge, pair, lang, await this.timeZone(req), 'private'));
    return out;
  }

  private async reveal(req: Request, lang: Lang): Promise<Message[]> {
    const challenge = await this.deps.challenges.reveal(this.ws(req.workspace), req.channel, this.deps.clock.now());
    if (!challenge) return [text(tc(lang, 'nothingToReveal'))];
    return this.revealMessages(req.workspace, req.channel, challenge, lang);
  }

  /**
   * What a reveal sends: the public debrief (for the challenge's thread), then a private copy to each
   * person who answered, with their own answer (Message.to), in their language: their `/coach lang`
   * choice, else the one they were answered in, else the channel's. `lang` is the public debrief's.
   */
  async revealMessages(workspace: string, channel: string, challenge: ChallengeData, lang: Lang): Promise<Message[]> {
    const pair = this.deps.challenges.scenario(challenge.scenarioId);
    if (!pair) return [];
    const store = this.ws(workspace);
    const view = await store.channel(channel);
    const answered = Object.entries(challenge.answers);
    const known: Record<string, { lang?: Lang }> = {};
    for (let i = 0; i < answered.length; i += 1000) Object.assign(known, await store.members(answered.slice(i, i + 1000).map(([user]) => user)));
    const members = answered.map(([user, answer]) => ({ user, lang: (Object.hasOwn(known, user) ? known[user]!.lang : undefined) ?? answer.lang }));
    const channelName = view?.name;
    const channelLang = view?.lang;
    const publicLangs = publicLangsOf(view ?? undefined, lang);
    return [
      this.debrief(challenge, publicLangs),
      ...members.map(({ user, lang: own }) => {
        const theirs = own ?? (publicLangs.length === 1 ? publicLangs[0] : channelLang) ?? lang;
        return privateDebriefMessage(challenge, pair, user, theirs, channelLabel(channelName, theirs));
      }),
    ];
  }

  /** The public debrief in `langs` (both merged into one message when two). */
  debrief(challenge: ChallengeData, langs: Lang | readonly Lang[]): Message {
    const pair = this.deps.challenges.scenario(challenge.scenarioId) as Localized<Scenario>;
    return inPublicLangs(typeof langs === 'string' ? [langs] : langs, (l) => debriefMessage(challenge, pair, l));
  }

  /** A new challenge as posted publicly in its channel, in the channel's language(s); `lang` when none is set. */
  async publicPost(workspace: string, channel: string, challenge: ChallengeData | ChallengeHead, lang: Lang): Promise<Message> {
    const view = await this.ws(workspace).channel(channel);
    return this.publicPostIn(view, challenge, lang);
  }

  /** publicPost with the channel already read. */
  private publicPostIn(view: ChannelView | null, challenge: ChallengeData | ChallengeHead, lang: Lang): Message {
    const pair = this.deps.challenges.scenario(challenge.scenarioId) as Localized<Scenario>;
    const zone = this.zoneOf(view);
    return inPublicLangs(publicLangsOf(view ?? undefined, lang), (l) => challengePost(challenge, pair, l, zone, 'public'));
  }

  private async schedule(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    const store = this.ws(req.workspace);
    const now = this.deps.clock.now();
    const words = args.filter(Boolean);
    const mode = (words[0] ?? '').toLowerCase();
    if (mode === 'off') {
      await store.updateChannel(req.channel, (settings) => { settings.scheduledSince = null; });
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
      await store.updateChannel(req.channel, (channel) => {
        if (custom) channel.schedule = custom;
        else if (mode === 'default') delete channel.schedule;
        channel.scheduledSince = now.toISOString();
      });
    }
    const channel = await store.channel(req.channel);
    const schedule = this.deps.challenges.schedule(channel);
    const next = this.deps.challenges.nextPostIn(channel, now);
    const vars = { cron: schedule.cron, timezone: schedule.timezone, when: next ? formatWhen(next, lang, schedule.timezone) : '—' };
    const future = this.futureNoticeIn(channel, lang);
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
    // Days asked to unpause that were never paused are said so, not reported as lifted.
    const changed = await this.ws(req.workspace).updateChannel(req.channel, (channel) => {
      const set = new Set(channel.pausedDates);
      const missing = pause ? [] : [...new Set(dates.filter((d) => !set.has(d)))];
      for (const d of dates) (pause ? set.add(d) : set.delete(d));
      channel.pausedDates = [...set].sort();
      return missing;
    });
    const notPaused = changed.found ? changed.result : [];
    const lifted = [...new Set(dates.filter((d) => !notPaused.includes(d)))];
    const lines = [
      ...(pause || lifted.length ? [tc(lang, pause ? 'paused' : 'unpaused', { dates: (pause ? dates : lifted).join(', ') })] : []),
      ...(notPaused.length === 1 ? [tst(lang, 'notPausedOne', { date: notPaused[0]! })] : notPaused.length ? [tst(lang, 'notPausedMany', { dates: notPaused.join(', ') })] : []),
    ];
    return [text(lines.join(' '))];
  }

  private async award(req: Request, args: string[], lang: Lang): Promise<Message[]> {
    const [who = '', amount = '', ...reasonWords] = args;
    const points = Number(amount);
    const reason = reasonWords.join(' ').trim().slice(0, 200);
    const usage = tc(lang, 'awardUsage', { max: MAX_AWARD });
    if (!/^-?\d+$/.test(amount) || points === 0 || Math.abs(points) > MAX_AWARD || !reason) return [text(usage)];
    const target = awardTarget(req, who);
    if (!target) return [text(namesByMention(req) ? `${tb(lang, 'awardNotMention', { who: who.slice(0, 40) })} ${usage}` : usage)];
    if (target.bot) return [text(tb(lang, 'awardBot', { name: displayName(target.name, lang) }))];
    if (target.id === req.user) return [text(tb(lang, 'awardSelf'))];
    const now = this.deps.clock.now();
    const day = dayInZone(now, await this.timeZone(req));
    const name = cleanName(target.name);
    const store = this.ws(req.workspace);
    const totals = await store.award(req.channel, {
      user: target.id, delta: points, kind: 'award', reason, by: req.user, at: now.toISOString(), week: isoWeek(day), ...(name ? { name } : {}),
    });
    const shown = cleanName((await store.member(target.id))?.name) ?? displayName(undefined, lang);
    return [text(tc(lang, 'awarded', { points: pointsText(lang, points, true), name: shown, reason, total: pointsText(lang, totals.points) }))];
  }

  /** The store port's slice of one workspace. */
  private ws(workspace: string): WorkspacePort {
    return this.deps.port.workspace(workspace);
  }

  private async timeZone(req: Pick<Request, 'workspace' | 'channel'>): Promise<string> {
    return this.zoneOf(await this.ws(req.workspace).channel(req.channel));
  }

  private zoneOf(channel: ChannelView | null): string {
    return this.deps.challenges.schedule(channel).timezone;
  }

  /** The warning about an open challenge dated in the future here (see Challenges.futureOpen), or null. */
  async futureNotice(req: Pick<Request, 'workspace' | 'channel'>, lang: Lang): Promise<string | null> {
    return this.futureNoticeIn(await this.ws(req.workspace).channel(req.channel), lang);
  }

  private futureNoticeIn(channel: ChannelView | null, lang: Lang): string | null {
    const future = this.deps.challenges.futureOpenIn(channel, this.deps.clock.now());
    if (!future) return null;
    const title = this.deps.challenges.scenario(future.scenarioId)?.[lang].title ?? future.scenarioId;
    return st(lang, 'futureOpen', { title, when: formatWhen(new Date(future.postedAt), lang, this.zoneOf(channel)) });
  }

  private async nextPostLine(req: Request, lang: Lang): Promise<string> {
    return this.nextPostLineIn(await this.ws(req.workspace).channel(req.channel), lang);
  }

  private nextPostLineIn(channel: ChannelView | null, lang: Lang): string {
    const future = this.futureNoticeIn(channel, lang);
    if (future) return future;
    const next = this.deps.challenges.nextPostIn(channel, this.deps.clock.now());
    return next ? tc(lang, 'nextPost', { when: formatWhen(next, lang, this.zoneOf(channel)) }) : tc(lang, 'notScheduled');
  }
}

/**
 * The person an award names. In Slack and Teams only a real platform mention counts: the surface writes
 * it `@ID` and lists it in `request.mentions` (with the name, and whether it is a bot); anything else
 * (a bare name, `@carol` typed as text) is null, so no phantom member is ever created. The terminal, which
 * has no mentions, names people by bare name (`bob` or `@bob`), the key its members are kept under.
 */
function awardTarget(req: Request, raw: string): { id: string; name?: string; bot?: boolean } | null {
  const id = raw.replace(/^@/, '');
  if (!/^[\p{L}\p{N}._:-]{1,200}$/u.test(id)) return null;
  if (namesByMention(req)) {
    if (!raw.startsWith('@')) return null;
    const mention = req.mentions?.find((m) => m.id === id);
    return mention ? { id, ...(mention.name ? { name: mention.name } : {}), ...(mention.bot ? { bot: true } : {}) } : null;
  }
  return { id, name: id };
}

function pick(req: Request): { platform?: string; name?: string; postTarget?: unknown } {
  return {
    ...(req.platform ? { platform: req.platform } : {}),
    ...(req.channelName ? { name: req.channelName } : {}),
    ...(req.postTarget !== undefined ? { postTarget: req.postTarget } : {}),
  };
}
