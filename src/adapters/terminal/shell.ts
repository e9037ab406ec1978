// The terminal chat: type what you would type in Slack, read the answer. Works on a TTY (prompt,
// colour) and with piped stdin (one answer per line, plain text), so it can be scripted.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CoachEngine } from '../../core/engine.js';
import type { Lang } from '../../content/model.js';
import type { Request } from '../../core/request.js';
import type { Message } from '../../core/message.js';
import { renderTerminal } from '../../render/terminal.js';
import type { Outgoing, Played } from '../../app/scheduler.js';
import type { ManualClock } from '../../domain/time.js';
import { formatWhen } from '../../core/challenge-i18n.js';
import { parseClockTarget } from './clock-command.js';
import { rt } from './rehearsal-strings.js';
import { isStoreFailure } from '../../store/errors.js';
import { buttonsOf, pickFromLast, privateHeader, type Shown } from './picks.js';

/** A rehearsal room as the shell uses it (see app/rehearsal.ts): its own engine and a movable clock. */
export interface RehearsalRoom {
  coach: { engine: CoachEngine };
  clock: ManualClock;
  advance(to: Date): Promise<{ played: Played[]; stoppedAt: Date | null }>;
  scheduled(channel: string): Promise<boolean>;
  /** Set when a kept rehearsal was resumed: where its clock had stopped. */
  resumedAt: Date | null;
}

/**
 * Rehearsal in the terminal: before the first `/clock`, the real team on real time (`tick` delivers
 * what fell due); the first `/clock` opens a room (a scratch copy of the team) and the session stays in
 * it, each `/clock` playing every post and debrief on the way.
 */
export interface Rehearsal {
  now(): Date;
  /** What fell due: channel posts, and private messages to one person (`user`: a debrief's copy, an incident's escalation). */
  tick(now: Date): Promise<Outgoing[]>;
  open(at: Date): Promise<RehearsalRoom>;
  /** The file a kept rehearsal lives in (COACH_REHEARSAL_FILE), shown when it opens or resumes. */
  keptIn?: string;
  /** A kept rehearsal is waiting in `keptIn`: the session resumes it at once, where its clock stopped. */
  resume?: boolean;
  timeZone: string;
  lang: Lang;
}

export interface ShellOptions {
  engine: CoachEngine;
  input: Readable;
  output: Writable;
  interactive: boolean;
  color: boolean;
  width: number;
  user: string;
  welcome: string;
  rehearsal?: Rehearsal;
  /** How many scenarios there are, for the help's `/scenario N` line (absent: no such line). */
  scenarios?: number;
}

const QUIT = new Set(['/quit', '/exit', '/quitter']);
/** `/as me`: the terminal's own user again. */
const SELF_WORDS = new Set(['me', 'moi', 'myself', 'moi-même']);
/** The help command, as the engine reads it (`/coach`, `/coach help`, `/coach aide`). */
const HELP = /^\/coach(?:\s+(?:help|aide))?\s*$/i;
/** The terminal keys people and its channel by name: a name to look up is its own key. */
const TERMINAL_NAMES = { user: async (id: string) => id, channel: async (id: string) => id };
/** The terminal team's one channel. */
const CHANNEL = 'terminal';

export async function runShell(options: ShellOptions): Promise<void> {
  const { engine, output, interactive } = options;
  const write = (s: string) => void output.write(s);
  const rl = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  // Listening from the start: lines piped in while the session opens (a rehearsal to resume) are kept.
  const lines = rl[Symbol.asyncIterator]();
  const prompt = () => interactive && rl.prompt();
  let lastActions: Shown[] = [];
  let user = options.user;
  const style = { color: options.color, width: options.width };
  // An incident's `state` message replaces its first post in place; the terminal has no post to replace.
  const show = (m: Parameters<typeof renderTerminal>[0]) => m.incident?.role !== 'state' && write(renderTerminal(m, style) + '\n');
  let room: RehearsalRoom | null = null;
  const engineNow = () => room?.coach.engine ?? engine;
  /** The language of whoever speaks now (their /coach lang, else the configured one): the room's own lines use it. */
  const personLang = (): Promise<Lang> => engineNow().langOf(requestFor(''));
  /** What the current speaker typed, as the engine reads it. */
  const requestFor = (text: string): Request => ({
    workspace: 'local', channel: CHANNEL, channelName: CHANNEL, user, userName: user, platform: 'terminal', names: TERMINAL_NAMES, text,
  });
  const showPlayed = (played: Played[]) => {
    const zone = options.rehearsal!.timeZone;
    for (const { at, out: outs } of played) {
      for (const out of outs) {
        if (out.message.incident?.role === 'state') continue;
        const message = out.user ? { ...out.message, to: out.user } : out.message;
        const lang = message.lang ?? options.rehearsal!.lang;
        write((privateHeader(message, lang) ?? rt(lang, 'posted', { channel: out.channel, when: formatWhen(at, lang, zone) })) + '\n');
        show(message);
        if (!out.user && buttonsOf([message]).length) lastActions = buttonsOf([message]);
      }
    }
  };
  // What fell due: at real time for the real team, at the room's clock in a rehearsal.
  const deliver = async () => {
    const rehearsal = options.rehearsal;
    if (!rehearsal) return;
    if (room) showPlayed((await room.advance(room.clock.now())).played);
    else {
      const now = rehearsal.now();
      showPlayed([{ at: now, out: await rehearsal.tick(now) }]);
    }
  };
  const clock = async (args: string) => {
    const rehearsal = options.rehearsal!;
    const { timeZone } = rehearsal;
    const lang = await personLang();
    const now = room ? room.clock.now() : rehearsal.now();
    const clockLine = (at: Date) => rt(lang, room ? 'rehearsalClock' : 'clock', { when: formatWhen(at, lang, timeZone), zone: timeZone });
    if (!args.trim()) return write(clockLine(now) + '\n');
    const target = parseClockTarget(args, now, timeZone, room === null);
    if (!target.ok) {
      const key = target.error === 'too-far' ? 'tooFar' : target.error;
      return write(rt(lang, key, { now: formatWhen(now, lang, timeZone) }) + '\n');
    }
    if (!room) {
      try {
        room = await rehearsal.open(target.at);
      } catch (err) {
        return write(rt(lang, 'openFailed', { reason: (err as Error).message }) + '\n');
      }
      const kept = rehearsal.keptIn;
      if (room.resumedAt) write(rt(lang, 'resumed', { when: formatWhen(room.resumedAt, lang, timeZone), file: kept ?? '' }) + '\n');
      else write(rt(lang, kept ? 'openedKept' : 'opened', { when: formatWhen(target.at, lang, timeZone), file: kept ?? '' }) + '\n');
      if (!(await room.scheduled(CHANNEL))) write(rt(lang, 'notScheduled') + '\n');
      // A resumed rehearsal's clock is where it stopped: it still only moves forward.
      if (target.at.getTime() < room.clock.now().getTime()) {
        write(rt(lang, 'backwards', { now: formatWhen(room.clock.now(), lang, timeZone) }) + '\n');
        return write(clockLine(room.clock.now()) + '\n');
      }
    }
    const { played, stoppedAt } = await room.advance(target.at);
    showPlayed(played);
    if (stoppedAt) write(rt(lang, 'stopped', { when: formatWhen(stoppedAt, lang, timeZone) }) + '\n');
    write(clockLine(room.clock.now()) + '\n');
  };

  // A kept rehearsal (COACH_REHEARSAL_FILE) goes on where it stopped, from the first line of the session.
  const resume = async (rehearsal: Rehearsal) => {
    const { timeZone } = rehearsal;
    const lang = await personLang();
    try {
      room = await rehearsal.open(rehearsal.now());
    } catch (err) {
      return write(rt(lang, 'openFailed', { reason: (err as Error).message }) + '\n');
    }
    write(rt(lang, 'resumed', { when: formatWhen(room.clock.now(), lang, timeZone), file: rehearsal.keptIn ?? '' }) + '\n');
  };

  // `/as NAME` speaks as a team member; `/as` alone says who is speaking; `/as me` (moi) is the terminal's own user again.
  // Each answer is in the language of whoever speaks after it (the new speaker, once switched).
  const asCommand = async (name: string): Promise<string> => {
    const me = options.user;
    if (!name) return rt(await personLang(), user === me ? 'asSelf' : 'asWho', { name: user, me });
    if (SELF_WORDS.has(name.toLowerCase())) {
      user = me;
      return rt(await personLang(), 'asBack', { me });
    }
    if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(name)) return rt(await personLang(), 'asUsage');
    user = name;
    return rt(await personLang(), 'asNow', { name, me });
  };
  // The terminal's help also tells its rehearsal commands, which only the terminal has.
  const withRehearsalHelp = (reply: Message, typed: string): Message => {
    if (!options.rehearsal || !HELP.test(typed)) return reply;
    const lang = reply.lang ?? options.rehearsal.lang;
    const count = options.scenarios ?? 0;
    const items = [rt(lang, 'helpAs'), rt(lang, 'helpClock'), ...(count ? [rt(lang, 'helpScenarioN', { count })] : [])].map((line) => ({ text: line }));
    return { ...reply, sections: [...reply.sections, { title: rt(lang, 'helpTitle'), parts: [{ kind: 'bullets', items }] }] };
  };

  write(`${options.welcome}\n\n`);
  rl.setPrompt('> ');
  if (options.rehearsal?.resume) await resume(options.rehearsal);
  prompt();
  await deliver();
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    const typed = line.trim();
    if (QUIT.has(typed.toLowerCase())) break;
    const [command = '', ...rest] = typed.split(/\s+/);
    if (options.rehearsal && command === '/as') {
      write(await asCommand(rest.join(' ').trim()) + '\n');
      prompt();
      continue;
    }
    if (options.rehearsal && command === '/clock') {
      await clock(rest.join(' '));
      prompt();
      continue;
    }
    try {
      // A number picks one of the buttons of the last message, as a click would; only if it had buttons.
      const pick = pickFromLast(typed, lastActions);
      const picked = pick.kind === 'button' ? pick.shown : undefined;
      if (pick.kind === 'hint') {
        write(pick.text(await personLang()) + '\n');
      } else if (typed || !interactive) {
        const request = { ...requestFor(picked ? picked.action.value : line), ...(picked?.lang ? { contextLang: picked.lang } : {}) };
        const replies = await engineNow().handle(request);
        lastActions = buttonsOf(replies);
        for (const reply of replies) {
          const header = privateHeader(reply, reply.lang ?? (await personLang()));
          if (header) write(header + '\n');
          show(withRehearsalHelp(reply, typed));
        }
        await deliver();
      }
    } catch (err) {
      // The store went away mid-session (database down): say so and keep the chat open for a retry.
      if (!isStoreFailure(err)) throw err;
      show(engineNow().unavailable(requestFor(line)));
    }
    prompt();
  }
  rl.close();
  if (interactive) write('\n');
}
