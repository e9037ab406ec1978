// `/coach reminders [on|off]` (issue 14, item 2): each person turns their own private reminders on or off.
import type { Lang } from '../../content/model.js';
import type { StorePort, WorkspacePort } from '../../store/port.js';
import { cleanName } from '../../text/display-name.js';
import { text, type Message } from '../message.js';
import { tr } from '../reminder-strings.js';
import type { Request } from '../request.js';

const SUBS = new Set(['reminders', 'rappels', 'reminder', 'rappel']);

export class ReminderCommands {
  constructor(private readonly port: StorePort) {}

  handles(sub: string): boolean {
    return SUBS.has(sub);
  }

  helpLines(lang: Lang): string[] {
    return [tr(lang, 'helpLine')];
  }

  async coach(req: Request, _sub: string, args: string[], lang: Lang): Promise<Message[]> {
    const value = (args.filter(Boolean)[0] ?? '').toLowerCase();
    if (value === '') return [text(tr(lang, (await remindersOn(this.port.workspace(req.workspace), req.user)) ? 'stateOn' : 'stateOff'))];
    if (value !== 'on' && value !== 'off' && value !== 'oui' && value !== 'non') return [text(tr(lang, 'usage'))];
    const on = value === 'on' || value === 'oui';
    await setReminders(this.port.workspace(req.workspace), req.user, req.userName, on);
    return [text(tr(lang, on ? 'on' : 'off'))];
  }
}

/** Whether the member gets reminders (absent: yes). */
async function remindersOn(ws: WorkspacePort, user: string): Promise<boolean> {
  return (await ws.member(user))?.reminders !== false;
}

async function setReminders(ws: WorkspacePort, user: string, userName: string | undefined, on: boolean): Promise<void> {
  await ws.updateMember(user, (member) => {
    const name = cleanName(userName);
    if (name && !member.name) member.name = name;
    if (on) delete member.reminders;
    else member.reminders = false;
  }, { create: true });
}
