// A playbook as a web page in the course site's look (mkdocs-material): header, the playbooks in a side
// navigation, the title, the introduction, the tabs ("what not to do", "what to do", "how") and the
// ready-to-copy templates. Built from the parsed content; no personal data.
import type { Lang, Library, Localized, Playbook } from '../content/model.js';
import { html, type Html } from './html.js';
import { pageShell } from './page-shell.js';
import { admonition, blocksHtml, inline, tabSet, type TabCounter } from './markdown-html.js';
import { tw } from './strings.js';

/** How a page links to its neighbours: its language and, when pages need it, the signed access it came with. */
export interface PageLinks {
  lang: Lang;
  access?: string;
}

/** `?lang=…[&a=…]` for a link from a playbook page. */
export function pageQuery(lang: Lang, access?: string): string {
  return `?lang=${lang}${access ? `&a=${encodeURIComponent(access)}` : ''}`;
}

export function playbookPage(library: Library, pair: Localized<Playbook>, links: PageLinks): Html {
  const { lang } = links;
  const playbook = pair[lang];
  const tabs: TabCounter = { next: 1 };
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const content = html`
<h1>${playbook.title}</h1>
${blocksHtml(playbook.intro, tabs)}
${playbook.sections.length ? tabSet(playbook.sections.map((s) => ({ title: s.title, body: blocksHtml(s.blocks, tabs) })), tabs) : ''}
${playbook.extras.length ? html`<h2>${tw(lang, 'templates')}</h2>${playbook.extras.map((e) => admonition(e.kind, e.title, blocksHtml(e.blocks, tabs), true))}` : ''}`;
  return layout({
    lang,
    title: `${playbook.title} · ${tw(lang, 'site')}`,
    home: `./${pageQuery(lang, links.access)}`,
    switchTo: { href: `${encodeURIComponent(pair.id)}${pageQuery(other, links.access)}`, label: tw(lang, 'otherLang'), lang: other },
    nav: nav(library, pair.id, links),
    content,
  });
}

/** The list of playbooks (`/playbooks/`). */
export function playbookIndexPage(library: Library, links: PageLinks): Html {
  const { lang } = links;
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const content = html`
<h1>${tw(lang, 'playbooks')}</h1>
<p>${tw(lang, 'listIntro')}</p>
<ul class="playbook-list">${library.playbooks.map((p) => html`<li><a href="${encodeURIComponent(p.id)}${pageQuery(lang, links.access)}">${p[lang].title}</a><br>${inline(p[lang].summary)}</li>`)}</ul>`;
  return layout({
    lang,
    title: `${tw(lang, 'playbooks')} · ${tw(lang, 'site')}`,
    home: `./${pageQuery(lang, links.access)}`,
    switchTo: { href: `./${pageQuery(other, links.access)}`, label: tw(lang, 'otherLang'), lang: other },
    nav: nav(library, null, links),
    content,
  });
}

function nav(library: Library, current: string | null, links: PageLinks): Html {
  return html`<nav class="md-nav" aria-label="${tw(links.lang, 'playbooks')}"><p class="md-nav__title">${tw(links.lang, 'playbooks')}</p><ul>${library.playbooks.map((p) =>
    html`<li><a href="${encodeURIComponent(p.id)}${pageQuery(links.lang, links.access)}"${p.id === current ? html` aria-current="page"` : ''}>${p[links.lang].title}</a></li>`)}</ul></nav>`;
}

interface Layout {
  lang: Lang;
  title: string;
  home: string;
  switchTo: { href: string; label: string; lang: Lang };
  nav: Html;
  content: Html;
}

function layout(page: Layout): Html {
  return pageShell({
    lang: page.lang, title: page.title, stylesheet: '../web/page.css',
    body: html`<a class="skip" href="#content">${tw(page.lang, 'skip')}</a>
<header class="md-header"><a class="md-header__title" href="${page.home}">${tw(page.lang, 'site')}</a><a class="md-header__lang" href="${page.switchTo.href}" hreflang="${page.switchTo.lang}" lang="${page.switchTo.lang}">${page.switchTo.label}</a></header>
<div class="md-container">
${page.nav}
<main id="content" class="md-content"><article class="md-typeset">${page.content}</article></main>
</div>`,
  });
}

/** A page that says what went wrong, in one language or both (when the page's language is unknown). */
export function messagePage(langs: readonly Lang[], title: (lang: Lang) => string, body: (lang: Lang) => string, stylesheet: string): Html {
  return pageShell({
    lang: langs[0]!, title: langs.map((l) => title(l)).join(' · '), stylesheet, bodyClass: 'message-page',
    body: html`<main class="message">${langs.map((l) => html`<section lang="${l}"><h1>${title(l)}</h1><p>${body(l)}</p></section>`)}</main>`,
  });
}
