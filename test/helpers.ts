// Shared test setup: the real content, loaded once per test file.
import { join } from 'node:path';
import { buildCoach } from '../src/app/build-coach.js';
import type { Message } from '../src/core/message.js';
import type { Request } from '../src/core/request.js';

export const root = join(__dirname, '..');

export function coach(defaultLang: 'fr' | 'en' = 'fr') {
  return buildCoach({ contentDir: join(root, 'content'), defaultLang });
}

export const ask = (text: string, extra: Partial<Request> = {}): Request => ({ workspace: 'T1', channel: 'C1', user: 'U1', text, ...extra });

/** All the text of a message, for assertions. */
export function plain(message: Message): string {
  const lines: string[] = [message.heading ?? ''];
  const walk = (items: { text: string; children?: unknown[] }[]) => {
    for (const b of items) { lines.push(b.text); walk((b.children ?? []) as typeof items); }
  };
  for (const s of message.sections) {
    if (s.title) lines.push(s.title);
    for (const p of s.parts) (p.kind === 'text' ? lines.push(p.text) : walk(p.items));
  }
  for (const a of message.actions ?? []) lines.push(`${a.label} -> ${a.value}`);
  lines.push(message.footnote ?? '');
  return lines.join('\n');
}
