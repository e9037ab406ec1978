// The terminal chat: type what you would type in Slack, read the answer. Works on a TTY (prompt,
// colour) and with piped stdin (one answer per line, plain text), so it can be scripted.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CoachEngine } from '../../core/engine.js';
import type { Lang } from '../../content/model.js';
import type { Action } from '../../core/message.js';
import type { Request } from '../../core/request.js';
import { renderTerminal } from '../../render/terminal.js';

export interface ShellOptions {
  engine: CoachEngine;
  input: Readable;
  output: Writable;
  interactive: boolean;
  color: boolean;
  width: number;
  user: string;
  welcome: string;
}

const QUIT = new Set(['/quit', '/exit', '/quitter']);

export async function runShell(options: ShellOptions): Promise<void> {
  const { engine, output, interactive } = options;
  const write = (s: string) => void output.write(s);
  const rl = createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => interactive && rl.prompt();
  let lastActions: { action: Action; lang?: Lang }[] = [];

  write(`${options.welcome}\n\n`);
  rl.setPrompt('> ');
  prompt();
  for await (const line of rl) {
    const typed = line.trim();
    if (QUIT.has(typed.toLowerCase())) break;
    // A number picks one of the buttons of the previous answer, as a click would.
    const picked = /^\d{1,2}$/.test(typed) ? lastActions[Number(typed) - 1] : undefined;
    const request: Request = {
      workspace: 'local', channel: 'terminal', user: options.user,
      text: picked ? picked.action.value : line,
      ...(picked?.lang ? { contextLang: picked.lang } : {}),
    };
    if (typed || !interactive) {
      const replies = await engine.handle(request);
      lastActions = replies.flatMap((m) => (m.actions ?? []).map((action) => ({ action, lang: m.lang })));
      for (const reply of replies) write(renderTerminal(reply, { color: options.color, width: options.width }) + '\n');
    }
    prompt();
  }
  rl.close();
  if (interactive) write('\n');
}
