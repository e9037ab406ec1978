// The content's parsed Markdown (src/content/markdown.ts) as HTML in mkdocs-material's markup: content
// tabs as radio-driven tab sets, `??? example` as <details>, task lists, and inline bold, italics, code and
// links. Every piece of text is escaped; a link keeps its href only for http(s) and mailto addresses.
import type { Block } from '../content/markdown.js';
import { html, raw, type Html } from './html.js';

/** Numbers tab sets within one page, so their radio groups never collide. */
export interface TabCounter { next: number }

export function blocksHtml(blocks: Block[], tabs: TabCounter = { next: 1 }): Html {
  const out: Html[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.type === 'tab') {
      // Consecutive tabs form one set, as in mkdocs-material.
      let end = i;
      while (end + 1 < blocks.length && blocks[end + 1]!.type === 'tab') end++;
      const set = blocks.slice(i, end + 1).map((t) => (t.type === 'tab' ? { title: t.title, body: blocksHtml(t.children, tabs) } : null)).filter((t) => t !== null);
      out.push(tabSet(set, tabs));
      i = end;
    } else {
      out.push(blockHtml(b, tabs));
    }
  }
  return html`${out}`;
}

function blockHtml(b: Block, tabs: TabCounter): Html {
  switch (b.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, b.level + 1)); // the page's title is the only h1
      return raw(`<h${level}>${inline(b.text).value}</h${level}>`);
    }
    case 'paragraph':
      return html`<p>${inline(b.text)}</p>`;
    case 'code':
      return html`<pre><code>${b.text}</code></pre>`;
    case 'list': {
      const tasks = b.items.some((item) => item.checked !== null);
      const items = b.items.map((item) => html`<li${tasks ? raw(' class="task-list-item"') : ''}>${item.checked === null ? '' : raw(`<span class="task-box" aria-hidden="true">${item.checked ? '☑' : '☐'}</span> `)}${inline(item.text)}${item.children.length ? blocksHtml(item.children, tabs) : ''}</li>`);
      return b.ordered ? html`<ol>${items}</ol>` : html`<ul${tasks ? raw(' class="task-list"') : ''}>${items}</ul>`;
    }
    case 'admonition':
      return admonition(b.kind, b.title, blocksHtml(b.children, tabs), b.collapsible);
    case 'tab':
      return tabSet([{ title: b.title, body: blocksHtml(b.children, tabs) }], tabs);
  }
}

/** An admonition: a collapsible `???` is a <details> (open: a page is read, not skimmed), `!!!` an <aside>. */
export function admonition(kind: string, title: string, body: Html, collapsible: boolean): Html {
  const cls = `admonition ${/^[a-z-]+$/.test(kind) ? kind : 'note'}`;
  return collapsible
    ? html`<details class="${cls}" open><summary>${inline(title)}</summary>${body}</details>`
    : html`<aside class="${cls}"><p class="admonition-title">${inline(title)}</p>${body}</aside>`;
}

/**
 * mkdocs-material's content tabs: one radio per tab, then the labels, then the panels. Pure CSS shows the
 * checked one; without CSS every panel reads in order. The radios are real inputs: Tab reaches the set,
 * arrow keys move between tabs.
 */
export function tabSet(items: { title: string; body: Html }[], tabs: TabCounter): Html {
  const set = tabs.next++;
  const id = (i: number) => `__tabbed_${set}_${i + 1}`;
  return html`<div class="tabbed-set" data-tabs="${set}:${items.length}">${items.map((_, i) => html`<input type="radio" name="__tabbed_${set}" id="${id(i)}"${i === 0 ? raw(' checked') : ''}>`)}<div class="tabbed-labels">${items.map((t, i) => html`<label for="${id(i)}">${t.title}</label>`)}</div><div class="tabbed-content">${items.map((t) => html`<div class="tabbed-block"><h2 class="tab-heading">${t.title}</h2>${t.body}</div>`)}</div></div>`;
}

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*(?!\s)([^*]+?)\*(?![\w*])|(?<![\w_])_(?!\s)([^_]+?)_(?![\w_])/g;

/** Inline Markdown (bold, italics, code, links) as HTML; everything else is escaped text. */
export function inline(text: string): Html {
  const out: Html[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out.push(html`${text.slice(last, m.index)}`);
    const [, bold1, bold2, code, label, href, em1, em2] = m;
    if (bold1 !== undefined || bold2 !== undefined) out.push(html`<strong>${inline(bold1 ?? bold2!)}</strong>`);
    else if (code !== undefined) out.push(html`<code>${code}</code>`);
    else if (label !== undefined) out.push(/^(https?:\/\/|mailto:)/i.test(href!) ? html`<a href="${href!}" rel="noopener noreferrer">${inline(label)}</a>` : html`${label} (${href!})`);
    else out.push(html`<em>${inline(em1 ?? em2!)}</em>`);
    last = m.index + m[0].length;
  }
  out.push(html`${text.slice(last)}`);
  return html`${out}`;
}
