// /scenario, /answer, /leaderboard and the admin's /coach post|reveal|schedule|pause|unpause|award,
// plus /coach optout|optin. Turns requests into domain calls and domain results into messages.
import type { Lang, Library, Localized, Scenario } from '../../content/model.js';
import type { AnswerOutcome, Challenges } from '../../domain/challenges.js';
import { MAX_AWARD, applyAward, channelBoard, memberName, teamsBoard } from '../../domain/scores.js';
import { validateCron } from '../../domain/schedule.js';
import { dayInZone, isValidTimeZone, type Clock } from '../../domain/time.js';
import { emptyChannel } from '../../domain/channel-defaults.js';
import type { ChallengeData } from '../../store/schema.js';
import type { WorkspaceStore } from '../../store/store.js';
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
import { channelLangReply, inPublicLangs, isPostLang, publicLangs } from '../channel-lang.js';

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
const ADMIN_COMMANDS = new Set(['post', 'reveal', 'schedule', 'pause', 'unpause', 'award', 'listen', 'channel-lang']);
/** Admin commands after which the coach posts here: the channel's surface, language and post target are kept. */
const ADOPTING_COMMANDS = new Set(['post', 'reveal', 'schedule']);

export class ChallengeCommands {
  constructor(private readonly deps: ChallengeCommandDeps) {}

  handlesCoach(sub: string): boolean {
    return ADMIN_COMMANDS.has(sub) || sub === 'optout' || sub === 'optin' || sub === 'scenarios';
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
    const parsed = parseAnswer(rest);
    if (parsed.kind === 'text' && !parsed.text) return [text(tc(lang, 'answerUsage'))];
    // Words too short to grade, or a number that is no option, are not recorded: the person's one answer
    // stays theirs to give. What is already settled (no challenge, closed, answered) is said first.
    if (parsed.kind === 'not-a-choice' || (parsed.kind === 'text' && !parsed.confirmed && tooShortToGrade(parsed.text))) {
      const open = this.openChallenge(req, challengeId);
      if (open.kind !== 'open') return this.answerOutcome(req, lang, open, rest);
      const count = open.scenario[lang].choices.length;
      if (parsed.kind === 'not-a-choice') return [text(ta(lang, 'notAChoice', { answer: parsed.raw.slice(0, 40), count }))];
      return [this.confirmShort(open.challenge, parsed.text, count, lang)];
    }
    const input = parsed.kind === 'choice' ? { choice: parsed.number - 1, lang } : { text: parsed.text, lang };
    const outcome = await this.deps.challenges.answer(this.deps.stores(req.workspace), req.channel, req.user, req.userName, challengeId, input, this.deps.clock.now());
    return this.answerOutcome(req, lang, outcome, parsed.kind === 'choice' ? String(parsed.number) : rest);
  }

  private answerOutcome(req: Request, lang: Lang, outcome: AnswerOutcome, typed: string): Message[] {
    switch (outcome.kind) {
      case 'none':
        return [text(`${tc(lang, 'noChallenge')} ${this.nextPostLine(req, lang)}`)];
      case 'closed':
        return [text(tc(lang, 'closed'))];
      case 'bad-choice':
        return [text(tc(lang, 'badChoice', { choice: typed.slice(0, 40), count: outcome.scenario[lang].choices.length }))];
      case 'already':
        return [text(tc(lang, 'already', { score: outcome.answer.score, when: formatWhen(new Date(outcome.answer.at), lang, this.timeZone(req)) }))];
      case 'recorded':
        return [this.deps.feedback(outcome, lang)];
    }
  }

  /** The challenge an answer would go to, as the domain would find it, without recording anything. */
  private openChallenge(req: Request, challengeId: string | null): AnswerOutcome | { kind: 'open'; challenge: ChallengeData; scenario: Localized<Scenario> } {
    return this.deps.stores(req.workspace).read((ws) => {
      const challenges = ws.channels[req.channel]?.challenges ?? [];
      const challenge = challengeId ? challenges.find((c) => c.id === challengeId) : challenges.at(-1);
      const scenario = challenge && this.deps.challenges.scenario(challenge.scenarioId);
      if (!challenge || !scenario) return { kind: 'none' as const };
      const existing = challenge.answers[req.user];
      if (existing) return { kind: 'already' as const, challenge, scenario, answer: existing };
      if (challenge.revealedAt) return { kind: 'closed' as const, challenge };
      return { kind: 'open' as const, challenge, scenario };
    });
  }

  /** Asks the person to confirm a short answer: the way to do it typed out, and as a button. */
  private confirmShort(challenge: ChallengeData, answer: string, count: number, lang: Lang): Message {
    const shown = answer.length > 60 ? `${answer.slice(0, 59)}…` : answer;
    const message = text(`${ta(lang, 'short', { answer: shown })} ${ta(lang, 'howTo', { answer: shown, count })}`);
    // A button only when the whole answer fits in one (Slack caps a button's value at 2,000 characters).
    if (answer.length <= 200) message.actions = [{ label: ta(lang, 'confirm', { answer: shown }), value: `/answer ${challenge.id} ! ${answer}` }];
    return { ...message, lang };
  }

  async leaderboard(req: Request, args: string, lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const today = dayInZone(this.deps.clock.now(), this.timeZone(req));
    if (/^(all|tous|toutes|teams|équipes|equipes)$/i.test(args.trim())) {
      const unnamed = store.read((ws) => teamsBoard(ws, today).filter((t) => !t.name).map((t) => t.channel));
      await this.lookUpNames(req, [], unnamed);
      return [teamsMessage(store.read((ws) => teamsBoard(ws, today)), lang)];
    }
    let channel = req.channel;
    let others: string[] | undefined;
    if (req.direct && !store.read((ws) => Object.keys(ws.channels[req.channel]?.totals ?? {}).length)) {
      // A one-to-one chat has no team of its own (unless challenges were played right there, as in the
      // Bot Framework Emulator): show the person's team (where they have the most points), name the others.
      const teams = store.read((ws) => Object.entries(ws.channels)
        .filter(([, ch]) => ch.totals[req.user])
        .sort(([a, x], [b, y]) => y.totals[req.user]!.points - x.totals[req.user]!.points || a.localeCompare(b))
        .map(([id]) => id));
      if (teams.length === 0) return [text(tb(lang, 'directNone'))];
      await this.lookUpNames(req, [], teams.filter((id) => !store.read((ws) => cleanName(ws.channels[id]?.name))));
      channel = teams[0]!;
      others = teams.slice(1, 11).map((id) => channelLabel(store.read((ws) => ws.channels[id]?.name), lang));
    }
    const board = () => store.read((ws) => channelBoard(ws, channel, req.user, today));
    const shown = board();
    const nameless = [...new Set([...shown.week, ...shown.allTime].filter((e) => !e.name).map((e) => e.user))];
    if (nameless.length) await this.lookUpNames(req, nameless, []);
    const stored = store.read((ws) => cleanName(ws.channels[channel]?.name));
    const name = stored ?? (channel === req.channel ? (req.direct ? tb(lang, 'privateChat') : channelLabel(req.channelName, lang)) : channelLabel(undefined, lang));
    return [leaderboardMessage(nameless.length ? board() : shown, name, lang, { direct: channel !== req.channel, ...(others ? { others } : {}) })];
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
    await this.deps.stores(req.workspace).update((ws) => {
      // Only people a board shows are looked up: each has points here, so keeping their name is due.
      for (const [id, name] of people) if (name) (ws.members[id] ??= {}).name = name;
      for (const [id, name] of places) if (name && Object.hasOwn(ws.channels, id)) ws.channels[id]!.name = name;
    });
  }

  /**
   * What a request tells about the people and channels the coach already keeps: the channel's current
   * name, the person's display name and where to reach them privately. Written only when something
   * changed (most requests read and write nothing); channels and members are never created here.
   */
  async noteRequest(req: Request): Promise<void> {
    const store = this.deps.stores(req.workspace);
    const channelName = req.direct ? undefined : cleanName(req.channelName);
    const userName = cleanName(req.userName);
    const target = req.personalTarget;
    const changes = store.read((ws) => {
      const channel = Object.hasOwn(ws.channels, req.channel) ? ws.channels[req.channel] : undefined;
      const member = Object.hasOwn(ws.members, req.user) ? ws.members[req.user] : undefined;
      return {
        channel: Boolean(channel && channelName && channel.name !== channelName),
        name: Boolean(member && userName && member.name !== userName),
        target: Boolean(member && target !== undefined && JSON.stringify(member.personalTarget) !== JSON.stringify(target)),
      };
    });
    if (!changes.channel && !changes.name && !changes.target) return;
    await store.update((ws) => {
      if (changes.channel && ws.channels[req.channel]) ws.channels[req.channel]!.name = channelName;
      const member = ws.members[req.user];
      if (member && changes.name) member.name = userName;
      if (member && changes.target) member.personalTarget = target;
    });
  }

  /** The language a channel's public posts are written in, when the channel has one set (else the default's). */
  channelLang(workspace: string, channel: string): Lang | undefined {
    return this.deps.stores(workspace).read((ws) => ws.channels[channel]?.lang);
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
      case 'scenarios': return scenariosCommand(this.deps, req, args.filter(Boolean), lang);
      case 'listen': {
        const mode = (args[0] ?? '').toLowerCase();
        if (mode === '') {
          const listening = this.deps.stores(req.workspace).read((ws) => ws.channels[req.channel]?.listen !== false);
          return [text(tst(lang, listening ? 'listenIsOn' : 'listenIsOff'))];
        }
        if (mode !== 'on' && mode !== 'off') return [text(tc(lang, 'listenUsage'))];
        await this.deps.stores(req.workspace).update((ws) => { (ws.channels[req.channel] ??= emptyChannel()).listen = mode === 'on'; });
        return [text(tc(lang, mode === 'on' ? 'listenOn' : 'listenOff'))];
      }
      case 'channel-lang': {
        const value = (args[0] ?? '').toLowerCase();
        if (!isPostLang(value)) return [text(channelLangReply(lang, null))];
        await this.deps.stores(req.workspace).update((ws) => { (ws.channels[req.channel] ??= emptyChannel()).postLang = value; });
        return [text(channelLangReply(lang, value))];
      }
      case 'optout':
      case 'optin': {
        const optOut = sub === 'optout';
        await this.deps.stores(req.workspace).update((ws) => {
          const member = (ws.members[req.user] ??= {});
          member.optOut = optOut;
          const name = cleanName(req.userName);
          if (name) member.name = name;
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
      const name = cleanName(facts.name);
      if (name) channel.name = name;
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

  /** The languages of this channel's public posts (core/channel-lang.ts); `fallback` when nothing is set. */
  publicLangs(workspace: string, channel: string, fallback: Lang): Lang[] {
    return publicLangs(this.deps.stores(workspace).read((ws) => ws.channels[channel]), fallback);
  }

  /** What `/coach lang` shows about this channel: its explicit and remembered languages. */
  channelLangState(workspace: string, channel: string): { lang?: Lang; postLang?: 'fr' | 'en' | 'both' } | undefined {
    return this.deps.stores(workspace).read((ws) => {
      const ch = Object.hasOwn(ws.channels, channel) ? ws.channels[channel] : undefined;
      return ch ? { ...(ch.lang ? { lang: ch.lang } : {}), ...(ch.postLang ? { postLang: ch.postLang } : {}) } : undefined;
    });
  }

  private async post(req: Request, lang: Lang): Promise<Message[]> {
    const store = this.deps.stores(req.workspace);
    const result = await this.deps.challenges.post(store, req.channel, this.deps.clock.now());
    if (result.future) return [text(`${st(lang, 'postRefused')} ${this.futureNotice(req, lang) ?? ''}`.trim())];
    const pair = this.deps.challenges.scenario(result.challenge.scenarioId)!;
    const out: Message[] = [];
    if (result.revealed) out.push(...this.revealMessages(req.workspace, req.channel, result.revealed, lang));
    if (!result.created) out.push(text(tc(lang, 'alreadyPosted')));
    out.push(result.created
      ? this.publicPost(req.workspace, req.channel, result.challenge, lang)
      : challengePost(result.challenge, pair, lang, this.timeZone(req), 'private'));
    return out;
  }

  private async reveal(req: Request, lang: Lang): Promise<Message[]> {
    const challenge = await this.deps.challenges.reveal(this.deps.stores(req.workspace), req.channel, this.deps.clock.now());
    if (!challenge) return [text(tc(lang, 'nothingToReveal'))];
    return this.revealMessages(req.workspace, req.channel, challenge, lang);
  }

  /**
   * What a reveal sends: the public debrief (for the challenge's thread), then a private copy to each
   * person who answered, with their own answer (Message.to), in their language: their `/coach lang`
   * choice, else the one they were answered in, else the channel's. `lang` is the public debrief's.
   */
  revealMessages(workspace: string, channel: string, challenge: ChallengeData, lang: Lang): Message[] {
    const pair = this.deps.challenges.scenario(challenge.scenarioId);
    if (!pair) return [];
    const { members, channelName, channelLang } = this.deps.stores(workspace).read((ws) => ({
      members: Object.entries(challenge.answers).map(([user, answer]) => ({ user, lang: (Object.hasOwn(ws.members, user) ? ws.members[user]?.lang : undefined) ?? answer.lang })),
      channelName: ws.channels[channel]?.name,
      channelLang: ws.channels[channel]?.lang,
    }));
    const publicLangs = this.publicLangs(workspace, channel, lang);
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
  publicPost(workspace: string, channel: string, challenge: ChallengeData, lang: Lang): Message {
    const pair = this.deps.challenges.scenario(challenge.scenarioId) as Localized<Scenario>;
    const zone = this.timeZone({ workspace, channel, user: '', text: '' });
    return inPublicLangs(this.publicLangs(workspace, channel, lang), (l) => challengePost(challenge, pair, l, zone, 'public'));
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
    // Days asked to unpause that were never paused are said so, not reported as lifted.
    let notPaused: string[] = [];
    await this.deps.stores(req.workspace).update((ws) => {
      const channel = (ws.channels[req.channel] ??= emptyChannel());
      const set = new Set(channel.pausedDates);
      notPaused = pause ? [] : [...new Set(dates.filter((d) => !set.has(d)))];
      for (const d of dates) (pause ? set.add(d) : set.delete(d));
      channel.pausedDates = [...set].sort();
    });
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
    const day = dayInZone(now, this.timeZone(req));
    const name = cleanName(target.name);
    const totals = await this.deps.stores(req.workspace).update((ws) => {
      const member = (ws.members[target.id] ??= {});
      if (name) member.name = name;
      return applyAward(ws, req.channel, target.id, points, reason, req.user, now, day);
    });
    const shown = this.deps.stores(req.workspace).read((ws) => memberName(ws, target.id)) ?? displayName(undefined, lang);
    return [text(tc(lang, 'awarded', { points: pointsText(lang, points, true), name: shown, reason, total: pointsText(lang, totals.points) }))];
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
