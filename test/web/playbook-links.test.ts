// "Open in browser" on playbook replies: present only when pages are published under COACH_BASE_URL,
// rendered as a link on every surface, signed in token mode (and the signed link opens the page).
import { readFileSync } from 'node:fs';
import { renderAdaptiveCards } from '../../src/render/adaptive-cards.js';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { openCoach } from '../../src/app/open-coach.js';
import { openWebFixture, BASE, type WebFixture } from './web-fixture.js';

let f: WebFixture;
afterEach(async () => f?.close());

const linkOf = async (fixture: WebFixture, text: string, extra = {}) => (await fixture.say(text, extra))[0]!.actions?.find((a) => a.url);

test('a playbook reply ends with its page’s address, in the reply’s language', async () => {
  f = await openWebFixture();
  expect(await linkOf(f, '/playbook panne')).toEqual({ label: 'Ouvrir dans le navigateur', value: `${BASE}/playbooks/outage?lang=fr`, url: `${BASE}/playbooks/outage?lang=fr` });
  expect((await linkOf(f, '/playbook angry user'))?.url).toBe(`${BASE}/playbooks/angry-user?lang=en`);
  expect((await linkOf(f, '/playbook angry user'))?.label).toBe('Open in browser');
  // Free text routed to a playbook too, and the link opens the page.
  const link = await linkOf(f, 'le serveur de fichiers est tombé');
  expect(link?.url).toBe(`${BASE}/playbooks/outage?lang=fr`);
  const page = await fetch(f.local(link!.url!));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<h1>Panne d’un serveur ou d’un service</h1>');
  // Other replies get no link.
  expect((await f.say('/playbook'))[0]!.actions).toBeUndefined();
  expect((await f.say('/coach help'))[0]!.actions).toBeUndefined();
});

test('no link without COACH_BASE_URL, nor with COACH_PLAYBOOK_PAGES=off (the pages then say they are not published)', async () => {
  f = await openWebFixture({ COACH_BASE_URL: '' });
  expect(await linkOf(f, '/playbook panne')).toBeUndefined();
  await f.close();
  f = await openWebFixture({ COACH_PLAYBOOK_PAGES: 'off' });
  expect(await linkOf(f, '/playbook panne')).toBeUndefined();
  const page = await fetch(`${f.origin}/playbooks/outage?lang=fr`);
  expect(page.status).toBe(404);
  expect(await page.text()).toContain('Les pages des playbooks ne sont pas publiées sur ce serveur.');
});

test('Slack gets a URL button (acknowledged only), Teams an Action.OpenUrl, the terminal prints the address', async () => {
  f = await openWebFixture();
  const [reply] = await f.say('/playbook panne');
  const url = `${BASE}/playbooks/outage?lang=fr`;
  const blocks = renderBlockKit(reply!).flatMap((m) => m.blocks);
  const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Record<string, unknown>[]);
  // After the outage playbook's own "Start an incident" button, the link comes last.
  expect(buttons.at(-1)).toEqual({ type: 'button', action_id: 'coach-link:1', text: { type: 'plain_text', text: 'Ouvrir dans le navigateur', emoji: true }, url });
  expect(buttons.filter((b) => b.url)).toHaveLength(1);
  const actions = renderAdaptiveCards(reply!).flatMap((c) => c.actions ?? []);
  expect(actions.filter((a) => a.type === 'Action.OpenUrl')).toEqual([{ type: 'Action.OpenUrl', title: 'Ouvrir dans le navigateur', url }]);
  const text = renderTerminal(reply!, { color: false, width: 0 });
  expect(text).toContain(`  Ouvrir dans le navigateur : ${url}`);
  expect(text).not.toContain('[2]'); // a link is not a numbered choice: typing 2 must not send the address ([1] starts an incident)
});

test('token mode: the link is signed, the signature opens the pages, its absence or a forgery does not; the key survives a restart', async () => {
  f = await openWebFixture({ COACH_PLAYBOOK_PAGES: 'token' });
  const link = (await linkOf(f, '/playbook panne'))!.url!;
  expect(link).toMatch(new RegExp(`^${BASE}/playbooks/outage\\?lang=fr&a=[0-9a-z]+\\.[A-Za-z0-9_-]{22}$`));
  const ok = await fetch(f.local(link));
  expect(ok.status).toBe(200);
  const html = await ok.text();
  // The page's own links (other playbooks, the other language) carry the same access.
  const access = new URL(link).searchParams.get('a')!;
  expect(html).toContain(`href="angry-user?lang=fr&amp;a=${access}"`);
  expect(html).toContain(`href="outage?lang=en&amp;a=${access}"`);
  const refused = await fetch(`${f.origin}/playbooks/outage?lang=fr`);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('Redemandez le playbook au coach (par exemple /playbook outage)');
  expect((await fetch(f.local(link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))))).status).toBe(403);
  expect((await fetch(`${f.origin}/playbooks/?lang=en`)).status).toBe(403);
  const key = JSON.parse(readFileSync(f.config.dataFile, 'utf8')).web.linkKey;
  expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Reopened on the same data file, the coach signs with the same key: links already given keep working.
  await f.web.stop();
  await f.coach.store.close();
  const again = await openCoach(f.config, { clock: f.clock });
  const reply = await again.engine.handle({ workspace: 'T1', channel: 'C1', user: 'U1', text: '/playbook panne' });
  expect(reply[0]!.actions?.find((a) => a.url)?.url).toBe(link);
  await again.store.close();
});
