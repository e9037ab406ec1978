// The pages over real HTTP on 127.0.0.1: strict headers everywhere, a 404 that tells nothing, the live
// stream, what shows before and after the reveal, escaping, and logs without tokens.
import { createLogger } from '../../src/app/logger.js';
import { Writable } from 'node:stream';
import { openStream, openWebFixture, type WebFixture } from './web-fixture.js';

let f: WebFixture;
afterEach(async () => f?.close());

const STRICT = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function expectStrict(res: Response): void {
  for (const [name, value] of Object.entries(STRICT)) expect([name, res.headers.get(name)]).toEqual([name, value]);
}

const stateOf = async (wall: string) => (await (await fetch(`${wall}/state`)).json()) as { version: string; html: string };

test('every page, file and error carries the strict headers', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  const urls = [wall, `${wall}/state`, `${f.origin}/wall/${'x'.repeat(43)}`, `${f.origin}/wall/nope/state`, `${f.origin}/playbooks/outage?lang=en`,
    `${f.origin}/playbooks/`, `${f.origin}/playbooks/nope`, `${f.origin}/playbooks/outage?lang=de`, `${f.origin}/web/wall.js`, `${f.origin}/web/page.css`, `${f.origin}/web/nope.js`];
  const statuses: number[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    expectStrict(res);
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  expect(statuses).toEqual([200, 200, 404, 404, 200, 200, 404, 400, 200, 200, 404]);
  const post = await fetch(wall, { method: 'POST', body: 'x' });
  expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  expectStrict(post);
  const head = await fetch(wall, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
  // No inline script or style anywhere in the pages: the CSP would refuse it.
  for (const url of [wall, `${f.origin}/playbooks/outage`]) {
    const text = await (await fetch(url)).text();
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son\w+=/i);
  }
});

test('an unknown, malformed or revoked address gets the same 404, which tells nothing about any wall', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall('C1', { channelName: 'soutien-secret' });
  await f.say('/coach post');
  await f.say('/answer 1', { user: 'U2', userName: 'Alice' });
  const revoked = await f.makeWall('C2');
  await f.say('/coach wall revoke', { channel: 'C2' });
  const bodies = new Set<string>();
  for (const url of [`${f.origin}/wall/${'A'.repeat(43)}`, `${f.origin}/wall/short`, `${f.origin}/wall/`, revoked, `${wall}/other`, `${wall}/`, `${f.origin}/wall/${wall.split('/').at(-1)!.toLowerCase()}`]) {
    const res = await fetch(url);
    expect([url, res.status]).toEqual([url, 404]);
    // Only the relative way to the stylesheet depends on the path's depth.
    bodies.add((await res.text()).replace(/href="(\.\.\/)+web\//g, 'href="web/'));
  }
  expect(bodies.size).toBe(1);
  const [body] = bodies;
  expect(body).toContain('Page introuvable');
  expect(body).toContain('Page not found');
  expect(body).not.toMatch(/Alice|soutien|C1|C2|T1/);
  for (const view of ['state', 'events']) {
    const res = await fetch(`${revoked}/${view}`);
    expect([res.status, await res.text()]).toEqual([404, '{"error":"not found"}']);
  }
});

test('before the reveal: the question, the choices and the count, no best choice and no spread; after: both', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  expect((await stateOf(wall)).html).toContain('Pas de défi aujourd’hui.');
  await f.say('/coach schedule on');
  await f.say('/coach post');
  const scenario = f.coach.challenges.scenario(f.coach.challenges.current(f.coach.stores('T1').read((ws) => ws), 'C1')!.scenarioId)!.fr;
  const before = (await stateOf(wall)).html;
  expect(before).toContain(`data-answers="0"`);
  expect(before).toContain('Aucune réponse pour l’instant');
  expect(before).toContain(`Problème ${scenario.number}`);
  expect((before.match(/<li class="choice">/g) ?? []).length).toBe(scenario.choices.length);
  expect(before).not.toMatch(/best|data-votes|Meilleur choix|own-words/);
  const best = scenario.choices.findIndex((c) => c.best);
  await f.say(`/answer ${best + 1}`, { user: 'U2', userName: 'Alice' });
  await f.say('/answer 1', { user: 'U3', userName: 'Bruno' });
  await f.say('/answer je vais la voir calmement et je vérifie avec elle', { user: 'U4', userName: 'Chloé' });
  const during = (await stateOf(wall)).html;
  expect(during).toContain('3 réponses');
  expect(during).not.toMatch(/best|data-votes|Meilleur choix/);
  await f.say('/coach reveal');
  const after = (await stateOf(wall)).html;
  expect(after).toContain('class="choice best"');
  expect(after).toContain('✓ Meilleur choix');
  expect(after).toContain(`data-own-words="1"`);
  const votes = [...after.matchAll(/data-votes="(\d+)"/g)].map((m) => Number(m[1]));
  expect(votes.reduce((a, b) => a + b, 0)).toBe(2);
  expect(votes[best]).toBe(best === 0 ? 2 : 1);
  expect(after).toContain('Corrigé');
});

test('the board: this week’s points and streaks, display names only, escaped; opted-out and unnamed members handled', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall('C1', { channelName: '<script>alert(1)</script>' });
  await f.say('/coach post');
  // The best choice scores, whichever scenario the rotation drew.
  const best = () => {
    const current = f.coach.challenges.current(f.coach.stores('T1').read((ws) => ws), 'C1')!;
    return f.coach.challenges.scenario(current.scenarioId)!.fr.choices.findIndex((c) => c.best) + 1;
  };
  await f.say(`/answer ${best()}`, { user: 'U2', userName: '<img src=x onerror=alert(1)>' });
  await f.say(`/answer ${best()}`, { user: 'U999SECRET' }); // never told its name
  await f.say(`/answer ${best()}`, { user: 'U4', userName: 'Hidden Person' });
  await f.say('/coach optout', { user: 'U4', userName: 'Hidden Person' });
  const page = await (await fetch(wall)).text();
  expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(page).toContain('Mur de l’équipe · &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(page).not.toMatch(/<img src=x|<script>alert/);
  expect(page).toContain('<em>Membre sans nom</em>');
  expect(page).not.toContain('U999SECRET');
  expect(page).not.toContain('Hidden Person');
  const rows = [...page.matchAll(/<tr><td class="rank">(\d+)<\/td><td class="name">(.*?)<\/td><td class="points">(\d+)<\/td><td class="streak">(.*?)<\/td><\/tr>/g)].map((m) => m.slice(1));
  expect(rows).toHaveLength(2);
  const board = f.coach.stores('T1').read((ws) => ws.channels.C1!.totals);
  expect(rows.map((r) => Number(r[2])).sort()).toEqual([board.U2!.weekPoints, board.U999SECRET!.weekPoints].sort());
  // A streak shows in days once it is longer than one.
  f.clock.set(new Date('2100-03-02T14:30:00Z'));
  await f.say('/coach post');
  await f.say(`/answer ${best()}`, { user: 'U2', userName: 'Alice' });
  expect((await stateOf(wall)).html).toMatch(/<td class="name">Alice<\/td><td class="points">\d+<\/td><td class="streak">2 jours<\/td>/);
});

test('the live stream: the state at once, each change within moments, and "gone" when revoked', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  await f.say('/coach post');
  const stream = await openStream(`${wall}/events`);
  const state = (test: (html: string) => boolean) => stream.waitFor((e) => e.event === 'state' && test((JSON.parse(e.data) as { html: string }).html));
  try {
    await state((html) => html.includes('data-answers="0"'));
    await f.say('/answer 1', { user: 'U2', userName: 'Alice' });
    await state((html) => html.includes('data-answers="1"') && !html.includes('Meilleur choix'));
    await f.say('/coach reveal');
    await state((html) => html.includes('Meilleur choix'));
    await f.say('/coach wall revoke');
    await stream.waitFor((e) => e.event === 'gone');
    await stream.ended();
  } finally {
    stream.close();
  }
  const events = stream.events;
  const states = events.filter((e) => e.event === 'state').map((e) => JSON.parse(e.data) as { html: string });
  expect(events.at(-1)!.event).toBe('gone');
  // Identical renders are not sent again.
  expect(new Set(states.map((s) => s.html)).size).toBe(states.length);
  expect(f.web.pages.hub.stats()).toEqual({ walls: 0, streams: 0 });
});

test('beyond the stream limit a screen is told to poll (503), and polling still works', async () => {
  f = await openWebFixture({}, { hub: { maxStreams: 1, coalesceMs: 10 } });
  const wall = await f.makeWall();
  const controller = new AbortController();
  const first = await fetch(`${wall}/events`, { signal: controller.signal });
  expect(first.status).toBe(200);
  const second = await fetch(`${wall}/events`);
  expect([second.status, second.headers.get('retry-after')]).toEqual([503, '30']);
  await second.text();
  expect((await fetch(`${wall}/state`)).status).toBe(200);
  controller.abort();
});

test('an open incident from the outage coach shows on the wall, escaped', async () => {
  f = await openWebFixture({}, {
    sources: {
      openIncident: (_ws, channel, lang) => (channel === 'C1'
        ? { title: 'VPN <down>', state: lang === 'fr' ? 'Enquête' : 'Investigating', since: '2100-03-01T12:30:00Z', lastUpdateAt: null }
        : null),
    },
  });
  const wall = await f.makeWall();
  const html = (await stateOf(wall)).html;
  expect(html).toContain('Incident en cours');
  expect(html).toContain('VPN &lt;down&gt;');
  expect(html).toContain('État : Enquête');
  expect(html).toContain('Depuis 7 h 30');
  expect(html).toContain('Aucune mise à jour encore');
  expect((await stateOf(await f.makeWall('C2'))).html).not.toContain('Incident');
});

test('the real outage coach: an incident started in the channel shows on its wall, then leaves it at resolution', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  expect((await stateOf(wall)).html).not.toContain('Incident en cours');
  await f.say('/incident start Courriel <Exchange> en panne');
  let html = (await stateOf(wall)).html;
  expect(html).toContain('Incident en cours');
  expect(html).toContain('Courriel &lt;Exchange&gt; en panne');
  expect(html).toContain('Aucune mise à jour encore');
  await f.say('/incident post');
  html = (await stateOf(wall)).html;
  expect(html).not.toContain('Aucune mise à jour encore');
  await f.say('/incident resolve');
  expect((await stateOf(wall)).html).not.toContain('Incident en cours');
});

test('playbook pages: list, each playbook in both languages, a clear 404 and 400, /playbooks redirects', async () => {
  f = await openWebFixture();
  const index = await fetch(`${f.origin}/playbooks/?lang=en`);
  const text = await index.text();
  for (const p of f.coach.library.playbooks) expect(text).toContain(`href="${p.id}?lang=en"`);
  const redirect = await fetch(`${f.origin}/playbooks?lang=fr`, { redirect: 'manual' });
  expect([redirect.status, redirect.headers.get('location')]).toEqual([301, 'playbooks/?lang=fr']);
  for (const p of f.coach.library.playbooks) {
    for (const lang of ['fr', 'en'] as const) {
      const res = await fetch(`${f.origin}/playbooks/${p.id}?lang=${lang}`);
      const page = await res.text();
      expect(res.status).toBe(200);
      expect(page).toContain(`<html lang="${lang}">`);
      for (const s of p[lang].sections) expect(page).toContain(`<label for="__tabbed_1_${p[lang].sections.indexOf(s) + 1}">${s.title.replace(/’/g, '’')}</label>`);
      for (const e of p[lang].extras) expect(page).toContain(e.title);
    }
  }
  expect(await (await fetch(`${f.origin}/playbooks/outage`)).text()).toContain('<html lang="fr">'); // COACH_LANG
  const missing = await fetch(`${f.origin}/playbooks/nope?lang=en`);
  expect([missing.status, (await missing.text()).includes('There is no such playbook.')]).toEqual([404, true]);
  const badLang = await fetch(`${f.origin}/playbooks/outage?lang=de`);
  expect([badLang.status, (await badLang.text()).includes('?lang=fr')]).toEqual([400, true]);
});

test('logs never hold a wall token, not even when a reply giving it out is logged', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  const token = wall.split('/').at(-1)!;
  await fetch(wall);
  await fetch(`${wall}/state`);
  const stream = await openStream(`${wall}/events`);
  await stream.waitFor((e) => e.event === 'state');
  stream.close();
  await fetch(`${wall}/nope`);
  await fetch(`${wall}?x=1`);
  expect(f.logs()).toContain('"path":"/wall/[redacted]"');
  expect(f.logs()).toContain('"path":"/wall/[redacted]/state"');
  expect(f.logs()).not.toContain(token);
  // A Web API client at debug level logs the request body: the address in it is hidden.
  let out = '';
  const logger = createLogger({ level: 'debug', destination: new Writable({ write(c, _e, done) { out += String(c); done(); } }) });
  logger.debug(`http request body: {"text":"Voici l’adresse : https://coach.example.org/wall/${token}"}`);
  expect(out).toContain('/wall/[redacted]');
  expect(out).not.toContain(token);
});

test('an English channel’s wall is in English, with English plurals and punctuation', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall('C1', { locale: 'en-US' });
  await f.say('/coach post', { locale: 'en-US' });
  expect((await stateOf(wall)).html).toContain('No answers yet');
  await f.say('/answer 1', { user: 'U2', userName: 'Alice' });
  expect((await stateOf(wall)).html).toContain('>1 answer<');
  await f.say('/answer I will go and see her, listen to her and fix it with her', { user: 'U3', userName: 'Bruno' });
  await f.say('/coach reveal', { locale: 'en-US' });
  const html = (await stateOf(wall)).html;
  expect(html).toContain('>2 answers<');
  expect(html).toContain('<strong>Best choice:</strong>');
  expect(html).toContain('In their own words: <span data-own-words="1">1</span>');
  expect(html).toContain('✓ Best choice');
  expect(html).toContain('This week’s leaderboard');
  expect(html).not.toMatch(/Meilleur|réponse|Classement/);
});
