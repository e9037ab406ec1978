// The terminal chat: type what you would type in Slack, read the answer. Works on a TTY (prompt,
// colour) and with piped stdin (one answer per line, plain text), so it can be scripted.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CoachEngine } from '../../core/engine.js';
import type { Lang } from '../../content/model.js';
import type { Action } from '../../core/message.js';
import type { Request } from '../../core/request.js';
import { renderTerminal } from '../../render/terminal.js';
import type { Outgoing } from '../../app/scheduler.js';
import type { OffsetClock } from '../../domain/time.js';
import { formatWhen } from '../../core/challenge-i18n.js';
import { parseClockTarget } from './clock-command.js';

/** The rehearsal room: a movable clock and the scheduler, so a week can be played in a minute. */
export interface Rehearsal {
  clock: OffsetClock;
  /** What fell due: channel posts, and private messages `to` one person (an incident's escalation). */
  tick(now: Date): Promise<(Outgoing & { to?: string })[]>;
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
}

const QUIT = new Set(['/quit', '/exit', '/quitter']);

export async function runShell(options: ShellOptions): Promise<void> {
  const { engine, output, interactive } = options;
  const write = (s: string) => void output.write(s);
  const rl = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => interactive && rl.prompt();
  let lastActions: { action: Action; lang?: Lang }[] = [];
  let user = options.user;
  const style = { color: options.color, width: options.width };
  // An incident's `state` message replaces its first post in place; the terminal has no post to replace.
  const show = (m: Parameters<typeof renderTerminal>[0]) => m.incident?.role !== 'state' && write(renderTerminal(m, style) + '\n');
  const deliver = async () => {
    if (!options.rehearsal) return;
    for (const out of await options.rehearsal.tick(options.rehearsal.clock.now())) {
      if (out.message.incident?.role === 'state') continue;
      const en = out.message.lang === 'en';
      write(out.to ? `--- ${en ? 'privately to' : 'en privé pour'} ${out.to} ---\n` : `--- ${en ? 'posted in' : 'publié dans'} #${out.channel} ---\n`);
      show(out.message);
      if (out.message.actions?.length) lastActions = out.message.actions.map((action) => ({ action, lang: out.message.lang }));
    }
  };

  write(`${options.welcome}\n\n`);
  rl.setPrompt('> ');
  prompt();
  await deliver();
  for await (const line of rl) {
    const typed = line.trim();
    if (QUIT.has(typed.toLowerCase())) break;
    const [command = '', ...rest] = typed.split(/\s+/);
    if (options.rehearsal && (command === '/as' || command === '/clock')) {
      write(rehearse(command, rest.join(' '), options.rehearsal, (name) => { user = name; }) + '\n');
      await deliver();
      prompt();
      continue;
    }
    // A number picks one of the buttons of the previous answer, as a click would.
    // With no buttons on screen, a bare number answers the open challenge, as its buttons would.
    const isNumber = /^\d{1,2}$/.test(typed);
    const picked = isNumber ? lastActions[Number(typed) - 1] : undefined;
    const request: Request = {
      workspace: 'local', channel: 'terminal', channelName: 'terminal', user, userName: user, platform: 'terminal',
      text: picked ? picked.action.value : isNumber && lastActions.length === 0 ? `/answer ${typed}` : line,
      ...(picked?.lang ? { contextLang: picked.lang } : {}),
    };
    if (typed || !interactive) {
      const replies = await engine.handle(request);
      lastActions = replies.flatMap((m) => (m.actions ?? []).map((action) => ({ action, lang: m.lang })));
      for (const reply of replies) show(reply);
      await deliver();
    }
    prompt();
  }
  rl.close();
  if (interactive) write('\n');
}

function rehearse(command: string, args: string, rehearsal: Rehearsal, setUser: (name: string) => void): string {
  const fr = rehearsal.lang === 'fr';
  if (command === '/as') {
    const name = args.trim();
    if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(name)) return fr ? 'Utilisation : /as NOM (lettres, chiffres, . _ -)' : 'usage: /as NAME (letters, digits, . _ -)';
    setUser(name);
    return fr ? `Vous parlez maintenant en tant que ${name}.` : `You are now speaking as ${name}.`;
  }
  const now = rehearsal.clock.now();
  if (args.trim()) {
    const target = parseClockTarget(args, now, rehearsal.timeZone);
    if (!target.ok) return target.error;
    rehearsal.clock.set(target.at);
  }
  return `${fr ? 'Horloge' : 'Clock'} : ${formatWhen(rehearsal.clock.now(), rehearsal.lang, rehearsal.timeZone)} (${rehearsal.timeZone})`;
}
