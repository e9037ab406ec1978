// The pages' stylesheets and the wall's one script, served as files (`/web/…`) so the Content Security
// Policy allows no inline script or style at all.

/** The wall: dark, high contrast, sized from the screen's width so a 1080p TV reads from across a room. */
const WALL_CSS = `
:root { color-scheme: dark; --bg: #0b1020; --panel: #151d35; --text: #ffffff; --muted: #d6ddef; --accent: #ffd54a; --good: #86e8a8; --line: #33406a; --alert: #ff9e94; }
* { box-sizing: border-box; }
html { font-size: clamp(16px, 1.6vw, 64px); }
body.wall { margin: 0; min-height: 100vh; display: flex; flex-direction: column; padding: 1.1rem 1.6rem .6rem;
  background: var(--bg); color: var(--text); line-height: 1.3;
  font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; }
.wall-header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; border-bottom: .2rem solid var(--accent); padding-bottom: .35rem; margin-bottom: .9rem; }
.wall-header h1 { margin: 0; font-size: 1.55rem; font-weight: 800; }
.wall-status { margin: 0; font-size: 1rem; font-weight: 700; color: var(--good); white-space: nowrap; }
.wall-status::before { content: "\\25CF\\00A0"; }
.wall-status.offline { color: var(--accent); }
#wall { flex: 1; }
.wall-grid { display: grid; grid-template-columns: minmax(0, 1.45fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
.wall section { background: var(--panel); border-radius: .5rem; padding: .9em 1.2em; }
.wall h2 { margin: 0 0 .45em; font-size: 1.3em; color: var(--accent); }
.problem { color: var(--muted); font-weight: 600; }
.scenario-title { font-size: 1.25em; font-weight: 800; margin: .1em 0 .4em; }
.question p { margin: .3em 0; }
.question ul { margin: .2em 0; }
ol.choices { margin: .7em 0 .5em; padding-left: 2.1em; }
ol.choices li { margin: .3em 0; padding: .2em .5em; border-left: .3em solid transparent; }
ol.choices li::marker { font-weight: 800; color: var(--accent); }
li.best { border-left-color: var(--good); background: #123a24; }
.best-badge { display: inline-block; color: #06130b; background: var(--good); font-weight: 800; padding: 0 .35em; border-radius: .25em; white-space: nowrap; }
.votes { color: var(--muted); font-weight: 700; white-space: nowrap; }
.votes::before { content: "\\2014\\00A0"; }
.why, .own-words { margin: .4em 0; }
.why { border-top: .1em solid var(--line); padding-top: .45em; }
.progress { display: flex; justify-content: space-between; align-items: baseline; gap: 1em; border-top: .1em solid var(--line); margin-top: .5em; padding-top: .45em; }
.answered { margin: 0; font-size: 1.8em; font-weight: 800; }
.reveal { margin: 0; color: var(--muted); text-align: right; }
.no-challenge { font-size: 1.6em; font-weight: 800; margin: .3em 0; }
.next, .board-empty { color: var(--muted); }
.board table { width: 100%; border-collapse: collapse; font-size: 1.1em; }
.board th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: .1em solid var(--line); padding: .15em .35em; }
.board td { padding: .3em .35em; border-bottom: 1px solid var(--line); }
.board td.rank { font-weight: 800; color: var(--accent); width: 2.6em; }
.board td.points, .board th:nth-child(3) { text-align: right; }
.board td.points { font-weight: 800; }
.board td.streak { color: var(--muted); white-space: nowrap; }
.board td.name { overflow-wrap: anywhere; font-weight: 600; }
.wall .incident { background: #4d1111; border: .2rem solid var(--alert); margin-bottom: 1rem; font-size: 1.05rem; }
.wall .incident h2 { color: #ffffff; }
.incident-title { font-size: 1.45em; font-weight: 800; margin: .1em 0; }
.incident-facts { margin: .2em 0; }
.wall-footer { color: var(--muted); font-size: .75rem; text-align: right; padding-top: .5rem; }
body.message-page { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: var(--bg); color: var(--text); font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
.message { max-width: 46rem; padding: 2rem; }
.message h1 { color: var(--accent); font-size: 2rem; margin: 0 0 .5rem; }
.message p { font-size: 1.2rem; line-height: 1.4; }
.message section + section { border-top: .1rem solid var(--line); margin-top: 1.5rem; padding-top: 1rem; }
`;

/**
 * The wall's live updates: server-sent events from `<wall address>/events`; where EventSource is missing
 * or the stream is refused, polling `<wall address>/state` every 4 s. A revoked wall reloads into its
 * "not found" page. The fragment comes from the server already escaped.
 */
const WALL_JS = `(function () {
  'use strict';
  var root = document.getElementById('wall');
  var status = document.getElementById('wall-status');
  if (!root || !status) return;
  var base = location.pathname.replace(/\\/+$/, '');
  var version = root.getAttribute('data-version') || '';
  var timer = null;
  // Long scenarios get smaller type until the whole wall fits the screen: nobody scrolls a TV.
  function fit() {
    var grid = root.querySelector('.wall-grid');
    if (!grid) return;
    var size = 1;
    grid.style.fontSize = '';
    while (document.documentElement.scrollHeight > window.innerHeight + 1 && size > 0.6) {
      size -= 0.04;
      grid.style.fontSize = size + 'em';
    }
  }
  function show(state) {
    if (!state || typeof state.html !== 'string' || state.version === version) return;
    version = state.version;
    root.innerHTML = state.html;
    root.setAttribute('data-version', version);
    fit();
  }
  function live(on) {
    status.textContent = on ? status.getAttribute('data-live') : status.getAttribute('data-reconnecting');
    status.className = on ? 'wall-status' : 'wall-status offline';
  }
  function gone() { location.reload(); }
  function poll() {
    var request = new XMLHttpRequest();
    request.open('GET', base + '/state');
    request.setRequestHeader('Accept', 'application/json');
    request.timeout = 8000;
    request.onload = function () {
      if (request.status === 404) return gone();
      if (request.status !== 200) return live(false);
      try { show(JSON.parse(request.responseText)); live(true); } catch (e) { live(false); }
    };
    request.onerror = request.ontimeout = function () { live(false); };
    request.send();
  }
  function startPolling() {
    if (timer) return;
    poll();
    timer = setInterval(poll, 4000);
  }
  fit();
  window.addEventListener('resize', fit);
  if (!window.EventSource) return startPolling();
  var source = new EventSource(base + '/events');
  source.addEventListener('open', function () { live(true); });
  source.addEventListener('state', function (event) {
    try { show(JSON.parse(event.data)); live(true); } catch (e) { /* the next event repairs it */ }
  });
  source.addEventListener('gone', function () { source.close(); gone(); });
  source.addEventListener('error', function () {
    live(false);
    if (source.readyState === 2) startPolling();
  });
})();
`;

/** The playbook pages: mkdocs-material's look (indigo header, side navigation, content tabs, admonitions). */
const PAGE_CSS = `
:root { --primary: #4051b5; --accent: #526cfe; --text: rgba(0, 0, 0, .87); --muted: #5f6368; --line: #e0e0e0; --example: #7c4dff; }
* { box-sizing: border-box; }
html { font-size: 125%; -webkit-text-size-adjust: none; }
body { margin: 0; background: #ffffff; color: var(--text); font-family: Roboto, system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; font-size: .8rem; line-height: 1.6; }
.skip { position: absolute; left: -100vw; top: .5rem; background: #ffffff; color: #000000; padding: .4rem .8rem; z-index: 10; }
.skip:focus { left: .5rem; }
.md-header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; height: 2.4rem; padding: 0 1rem; background: var(--primary); color: #ffffff; box-shadow: 0 0 .2rem rgba(0, 0, 0, .1), 0 .2rem .4rem rgba(0, 0, 0, .2); }
.md-header a { color: #ffffff; text-decoration: none; }
.md-header__title { font-size: .9rem; font-weight: 700; }
.md-header__lang { font-size: .7rem; border: 1px solid rgba(255, 255, 255, .8); border-radius: .1rem; padding: .1rem .45rem; }
.md-header a:focus-visible, .md-nav a:focus-visible, .md-typeset a:focus-visible, summary:focus-visible { outline: .1rem solid var(--accent); outline-offset: .1rem; }
.md-container { display: flex; gap: 1.2rem; max-width: 61rem; margin: 0 auto; padding: 0 .8rem; }
.md-nav { flex: 0 0 12rem; padding-top: 1.2rem; font-size: .7rem; }
.md-nav__title { margin: 0 0 .4rem; font-weight: 700; color: var(--muted); }
.md-nav ul { list-style: none; margin: 0; padding: 0; }
.md-nav li { margin: .5em 0; }
.md-nav a { color: var(--text); text-decoration: none; }
.md-nav a:hover { color: var(--accent); }
.md-nav a[aria-current="page"] { color: var(--primary); font-weight: 700; }
.md-content { flex: 1; min-width: 0; padding: 1.2rem 0 3rem; }
.md-typeset h1 { margin: 0 0 1.25em; color: var(--muted); font-size: 2em; font-weight: 300; line-height: 1.3; letter-spacing: -.01em; }
.md-typeset h2 { margin: 1.6em 0 .64em; font-size: 1.5625em; font-weight: 300; line-height: 1.4; letter-spacing: -.01em; }
.md-typeset h3 { margin: 1.6em 0 .8em; font-size: 1.25em; font-weight: 400; }
.md-typeset a { color: var(--primary); }
.md-typeset code { background: #f5f5f5; border-radius: .1rem; padding: 0 .3em; font-size: .85em; }
.md-typeset pre { background: #f5f5f5; padding: .8em 1em; overflow: auto; }
.md-typeset ul, .md-typeset ol { padding-left: 1.6em; margin: 1em 0; }
.md-typeset li { margin-bottom: .5em; }
.md-typeset li > ul, .md-typeset li > ol { margin: .5em 0; }
.task-list { list-style: none; padding-left: .4em; }
.task-box { font-size: 1.1em; }
.playbook-list li { margin-bottom: 1em; }
.playbook-list a { font-weight: 700; }
.tabbed-set { position: relative; display: flex; flex-flow: column wrap; margin: 1em 0; border-radius: .1rem; }
.tabbed-set > input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.tabbed-labels { display: flex; overflow: auto; box-shadow: 0 -.05rem 0 var(--line) inset; }
.tabbed-labels > label { flex-shrink: 0; cursor: pointer; padding: .78125em 1.25em .625em; border-bottom: .1rem solid transparent; color: var(--muted); font-size: .8em; font-weight: 700; white-space: nowrap; }
.tabbed-labels > label:hover { color: var(--accent); }
.tabbed-content { width: 100%; }
.tabbed-block { display: none; }
.tab-heading { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `.tabbed-set > input:nth-child(${n}):checked ~ .tabbed-content > :nth-child(${n}) { display: block; }
.tabbed-set > input:nth-child(${n}):checked ~ .tabbed-labels > :nth-child(${n}) { color: var(--primary); border-color: var(--primary); }
.tabbed-set > input:nth-child(${n}):focus-visible ~ .tabbed-labels > :nth-child(${n}) { outline: .1rem solid var(--accent); outline-offset: -.1rem; }`).join('\n')}
.admonition { margin: 1.5625em 0; padding: 0 .6rem; border: .05rem solid var(--example); border-left-width: .2rem; border-radius: .2rem; font-size: .82rem; box-shadow: 0 .2rem .5rem rgba(0, 0, 0, .05), 0 0 .05rem rgba(0, 0, 0, .1); }
.admonition > summary, .admonition > .admonition-title { margin: 0 -.6rem; padding: .4rem .6rem; background: rgba(124, 77, 255, .1); font-weight: 700; cursor: pointer; }
.admonition > .admonition-title { cursor: default; }
@media (max-width: 50rem) {
  .md-container { flex-direction: column; gap: 0; }
  .md-nav { flex: none; padding-top: .8rem; }
}
@media print {
  .md-header, .md-nav, .skip, .tabbed-labels { display: none; }
  .tabbed-block { display: block !important; }
  .tab-heading { position: static; width: auto; height: auto; clip: auto; }
}
body.message-page { display: flex; align-items: center; justify-content: center; min-height: 100vh; }
.message { max-width: 36rem; padding: 1.5rem; }
.message h1 { color: var(--primary); font-size: 1.4rem; font-weight: 400; }
.message section + section { border-top: .05rem solid var(--line); margin-top: 1rem; }
`;

/** The tab icon: a check mark in the course's indigo (no request to anywhere else, no 404 in the console). */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#4051b5"/><path d="M17 33l10 10 20-22" fill="none" stroke="#ffd54a" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export interface Asset {
  type: string;
  body: Buffer;
}

/** The files under `/web/`, by name. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['wall.css', { type: 'text/css; charset=utf-8', body: Buffer.from(WALL_CSS) }],
  ['wall.js', { type: 'text/javascript; charset=utf-8', body: Buffer.from(WALL_JS) }],
  ['page.css', { type: 'text/css; charset=utf-8', body: Buffer.from(PAGE_CSS) }],
  ['icon.svg', { type: 'image/svg+xml', body: Buffer.from(ICON_SVG) }],
]);
