// Playbooks as neutral messages: the index, one playbook in full, and "did you mean".
import type { Block } from '../content/markdown.js';
import type { Lang, Library, Localized, Playbook } from '../content/model.js';
import { t } from './i18n.js';
import type { Action, Bullet, Message, MessageSection, Part } from './message.js';

export function playbookIndex(library: Library, lang: Lang): Message {
  return {
    heading: t(lang, 'indexHeading'),
    sections: [
      { parts: [{ kind: 'text', text: t(lang, 'indexIntro') }] },
      { parts: [{ kind: 'bullets', items: library.playbooks.map((p) => ({ text: `${p[lang].title} (/playbook ${p.id}): ${p[lang].summary}` })) }] },
    ],
    footnote: t(lang, 'indexFootnote'),
    visibility: 'private',
    lang,
  };
}

// Content never changes while the coach runs: each playbook's message is built once per footnote.
const built = new WeakMap<Playbook, Map<string, Message>>();

/** A playbook as a message. The result is shared: treat it as read-only. */
export function playbookMessage(playbook: Playbook, footnote?: string): Message {
  let byFootnote = built.get(playbook);
  if (!byFootnote) built.set(playbook, (byFootnote = new Map()));
  let message = byFootnote.get(footnote ?? '');
  if (!message) {
    if (byFootnote.size > 200) byFootnote.clear();
    message = buildPlaybookMessage(playbook, footnote);
    byFootnote.set(footnote ?? '', message);
  }
  return message;
}

function buildPlaybookMessage(playbook: Playbook, footnote?: string): Message {
  const sections: MessageSection[] = [];
  const intro = blocksToSection(playbook.intro);
  if (intro) sections.push(intro);
  for (const s of playbook.sections) {
    const section = blocksToSection(s.blocks);
    if (section) sections.push({ title: s.title, ...section });
  }
  for (const extra of playbook.extras) {
    const section = blocksToSection(extra.blocks);
    const label = t(playbook.lang, 'extras');
    if (section) sections.push({ title: playbook.lang === 'fr' ? `${label} : ${extra.title}` : `${label}: ${extra.title}`, ...section });
  }
  return { heading: playbook.title, sections, footnote, visibility: 'private', lang: playbook.lang };
}

export function didYouMean(library: Library, lang: Lang, candidates: string[], query: string): Message {
  const known = new Map(library.playbooks.map((p) => [p.id, p] as const));
  const picks = candidates.map((id) => known.get(id)).filter((p): p is Localized<Playbook> => Boolean(p));
  const offered = picks.length ? picks : library.playbooks;
  const actions: Action[] = offered.map((p) => ({ label: p[lang].title, value: `/playbook ${p.id}` }));
  return {
    sections: [{ parts: [{ kind: 'text', text: picks.length ? t(lang, 'didYouMean') : t(lang, 'noMatch', { query }) }] }],
    actions,
    visibility: 'private',
    lang,
  };
}

/** Markdown blocks as parts, in order; headings become text, admonitions a bullet with their content. */
export function blocksToSection(blocks: Block[]): MessageSection | null {
  const parts: Part[] = [];
  const pushBullets = (items: Bullet[]) => {
    const last = parts.at(-1);
    if (last?.kind === 'bullets') last.items.push(...items);
    else parts.push({ kind: 'bullets', items });
  };
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') parts.push({ kind: 'text', text: plainInline(b.text) });
    else if (b.type === 'code') parts.push({ kind: 'text', text: b.text });
    else if (b.type === 'list') pushBullets(b.items.map(toBullet));
    else pushBullets([{ text: plainInline(b.title), children: partsToBullets(blocksToSection(b.children)) }]);
  }
  return parts.length ? { parts } : null;
}

function toBullet(item: { text: string; children: Block[] }): Bullet {
  const children = partsToBullets(blocksToSection(item.children));
  return children.length ? { text: plainInline(item.text), children } : { text: plainInline(item.text) };
}

function partsToBullets(section: MessageSection | null): Bullet[] {
  return (section?.parts ?? []).flatMap((p) => (p.kind === 'text' ? [{ text: p.text }] : p.items));
}

/** The message model is plain text: drop Markdown emphasis and code marks, keep link targets visible. */
export function plainInline(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}
