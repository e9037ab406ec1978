// The HTML around every page the server renders (a playbook, the wall, a message page): one head, so a
// change to it (robots, viewport, icon) reaches them all.
import { html, type Html } from './html.js';

export interface PageShell {
  lang: string;
  /** Already text: escaped by `html`. */
  title: string;
  /** The stylesheet's URL; the icon sits next to it (`…/web/icon.svg`). */
  stylesheet: string;
  /** More of the head after the stylesheet (the wall's script). */
  head?: Html;
  bodyClass?: string;
  body: Html;
}

/** A whole HTML document: doctype, head (charset, viewport, noindex, title, icon, stylesheet) and body. */
export function pageShell(page: PageShell): Html {
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title}</title>
<link rel="icon" href="${page.stylesheet.replace(/[^/]*$/, 'icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${page.stylesheet}">
${page.head ?? ''}</head>
<body${page.bodyClass ? html` class="${page.bodyClass}"` : ''}>
${page.body}
</body>
</html>
`;
}
