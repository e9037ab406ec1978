// The wall as HTML: the page around it, and the fragment that the page replaces on each update (the same
// markup on first load, over server-sent events and from polling). Made to be read across a room on a
// 1080p screen: large type, high contrast, nothing that needs a click.
import { createHash } from 'node:crypto';
import type { Lang } from '../content/model.js';
import { formatWhen } from '../core/challenge-i18n.js';
import { dayInZone } from '../domain/time.js';
import { html, raw, type Html } from './html.js';
import { pageShell } from './page-shell.js';
import { blocksHtml, inline } from './markdown-html.js';
import { tw, twCount } from './strings.js';
import type { OpenIncident, WallChallenge, WallView } from './wall-view.js';

/** The fragment's markup and a short fingerprint of it: clients skip an update they already show. */
export interface WallFragment {
  version: string;
  html: string;
}

export function wallFragment(view: WallView): WallFragment {
  const markup = wallBody(view).value;
  return { version: createHash('sha256').update(markup).digest('base64url').slice(0, 16), html: markup };
}

/** The whole page, with the first fragment in it. `root` leads from the page's path to the server's root. */
export function wallPage(view: WallView, fragment: WallFragment, root: string): Html {
  const { lang } = view;
  const title = view.channelName ? tw(lang, 'wallTitleNamed', { channel: view.channelName }) : tw(lang, 'wallTitle');
  return pageShell({
    lang, title, stylesheet: `${root}web/wall.css`, bodyClass: 'wall',
    head: html`<script src="${root}web/wall.js" defer></script>
<noscript><meta http-equiv="refresh" content="5"></noscript>
`,
    body: html`<header class="wall-header"><h1>${title}</h1><p id="wall-status" class="wall-status" role="status" data-live="${tw(lang, 'live')}" data-reconnecting="${tw(lang, 'reconnecting')}">${tw(lang, 'live')}</p></header>
<main id="wall" data-version="${fragment.version}">${raw(fragment.html)}</main>
<footer class="wall-footer">${tw(lang, 'footer')}</footer>`,
  });
}

function wallBody(view: WallView): Html {
  const { lang } = view;
  return html`${view.incident ? incident(view.incident, lang, view.timeZone, view.today) : ''}<div class="wall-grid">${challenge(view)}${board(view)}</div>`;
}

function challenge(view: WallView): Html {
  const { lang } = view;
  const c = view.challenge;
  if (!c) {
    const next = view.nextPost ? tw(lang, 'nextChallenge', { when: formatWhen(new Date(view.nextPost), lang, view.timeZone) }) : view.scheduled ? '' : tw(lang, 'notScheduled');
    return html`<section class="challenge empty" aria-labelledby="challenge-heading"><h2 id="challenge-heading">${tw(lang, 'challengeHeading')}</h2><p class="no-challenge">${tw(lang, 'noChallenge')}</p>${next ? html`<p class="next">${next}</p>` : ''}</section>`;
  }
  return html`<section class="challenge${c.revealed ? ' revealed' : ''}" aria-labelledby="challenge-heading">
<h2 id="challenge-heading">${tw(lang, 'challengeHeading')} <span class="problem">· ${tw(lang, 'problem', { number: c.number })}</span></h2>
<p class="scenario-title">${c.title}</p>
<div class="question">${blocksHtml(c.question)}</div>
${choices(c, lang)}
<div class="progress"><p class="answered" data-answers="${c.answers}">${twCount(lang, 'answered', c.answers)}</p><p class="reveal">${revealLine(c, lang, view.timeZone)}</p></div>
</section>`;
}

function choices(c: WallChallenge, lang: Lang): Html {
  const items = c.choices.map((choice) => html`<li class="choice${choice.best ? ' best' : ''}"><span class="choice-text">${inline(choice.text)}</span>${
    choice.votes === undefined ? '' : html` <span class="votes" data-votes="${choice.votes}">${twCount(lang, 'choiceVotes', choice.votes)}</span>`}${
    choice.best ? html` <span class="best-badge">✓ ${tw(lang, 'bestChoice')}</span>` : ''}</li>`);
  return html`<ol class="choices" aria-label="${tw(lang, 'choicesLabel')}">${items}</ol>${c.revealed ? html`${
    c.revealed.why ? html`<p class="why"><strong>${tw(lang, 'bestChoiceLabel')}</strong> ${inline(c.revealed.why)}</p>` : ''}<p class="own-words">${tw(lang, 'ownWords')} <span data-own-words="${c.revealed.ownWords}">${c.revealed.ownWords}</span></p>` : ''}`;
}

function revealLine(c: WallChallenge, lang: Lang, timeZone: string): string {
  if (c.revealed) return tw(lang, 'revealed');
  return c.revealAt ? tw(lang, 'revealAt', { when: formatWhen(new Date(c.revealAt), lang, timeZone) }) : tw(lang, 'revealManual');
}

function board(view: WallView): Html {
  const { lang } = view;
  const rows = view.board.map((e) => html`<tr><td class="rank">${e.rank}</td><td class="name">${e.name ?? html`<em>${tw(lang, 'unnamed')}</em>`}</td><td class="points">${e.points.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA')}</td><td class="streak">${e.streak > 1 ? twCount(lang, 'streakDays', e.streak) : tw(lang, 'noStreak')}</td></tr>`);
  return html`<section class="board" aria-labelledby="board-heading"><h2 id="board-heading">${tw(lang, 'boardHeading')}</h2>${
    rows.length
      ? html`<table><thead><tr><th scope="col">${tw(lang, 'rank')}</th><th scope="col">${tw(lang, 'name')}</th><th scope="col">${tw(lang, 'points')}</th><th scope="col">${tw(lang, 'streak')}</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p class="board-empty">${tw(lang, 'boardEmpty')}</p>`}</section>`;
}

function incident(i: OpenIncident, lang: Lang, timeZone: string, today: string): Html {
  const when = (iso: string) => shortWhen(new Date(iso), lang, timeZone, today);
  return html`<section class="incident" aria-labelledby="incident-heading"><h2 id="incident-heading">${tw(lang, 'incidentHeading')}</h2><p class="incident-title">${i.title}</p><p class="incident-facts"><span class="incident-state">${tw(lang, 'incidentState', { state: i.state })}</span> · <span>${tw(lang, 'incidentSince', { when: when(i.since) })}</span> · <span>${i.lastUpdateAt ? tw(lang, 'incidentUpdated', { when: when(i.lastUpdateAt) }) : tw(lang, 'incidentNoUpdate')}</span></p></section>`;
}

/** A time of day ("9 h 12", "9:12 a.m."), with the weekday when it is not `today` (YYYY-MM-DD). */
function shortWhen(at: Date, lang: Lang, timeZone: string, today: string): string {
  if (Number.isNaN(at.getTime())) return '—';
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  const sameDay = dayInZone(at, timeZone) === today;
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', ...(sameDay ? {} : { weekday: 'long' }) }).format(at);
}
