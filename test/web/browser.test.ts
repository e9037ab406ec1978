// The pages in a real headless Chromium (Debian's package, driven by playwright-core): the wall as a
// screen shows it, updating itself after answers and the reveal, turning to "not found" when revoked;
// a 1920×1080 screenshot kept in test-artifacts/; the playbook pages holding every seed bullet; and an
// accessibility pass with axe-core. Every wait is bounded; the browser and the server are closed.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="dom.asynciterable" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPlaybooks } from '../../src/content/course.js';
import { blocksToLines, parseBlocks, toLines } from '../../src/content/markdown.js';
import { launchBrowser, axeViolations, artifactPath, type Browser } from './browser.js';
import { openWebFixture, type WebFixture } from './web-fixture.js';

jest.setTimeout(60_000);

let browser: Browser;
let f: WebFixture;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await f?.close();
});

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Answers today's challenge with its best choice (points on the board whatever the scenario). */
async function answerBest(user: string, userName: string, channel = 'C1'): Promise<void> {
  const current = f.coach.challenges.current(f.coach.stores('T1').read((ws) => ws), channel)!;
  const best = f.coach.challenges.scenario(current.scenarioId)!.fr.choices.findIndex((c) => c.best) + 1;
  await f.say(`/answer ${best}`, { user, userName, channel });
}

function serious(violations: Awaited<ReturnType<typeof axeViolations>>) {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('the wall shows the board, updates itself after an answer and the reveal, and is saved as a 1920×1080 screenshot', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall('C1', { channelName: 'soutien-n1' });
  await f.say('/coach schedule on');
  await f.say('/coach post');
  await answerBest('U2', 'Alice Tremblay');
  await answerBest('U3', 'Bruno Côté');
  await f.say('/answer 1', { user: 'U4', userName: 'Chloé Gagnon' });
  const { page, errors } = await browser.page();
  const response = await page.goto(wall);
  expect(response?.status()).toBe(200);
  expect(await page.title()).toBe('Mur de l’équipe · soutien-n1');

  // The board as the domain ranks it, with display names and points only.
  const rows = await page.$$eval('.board tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  const totals = f.coach.stores('T1').read((ws) => ws.channels.C1!.totals);
  const expected = [['U2', 'Alice Tremblay'], ['U3', 'Bruno Côté'], ['U4', 'Chloé Gagnon']]
    .map(([id, name]) => ({ name, points: totals[id!]!.weekPoints }))
    .sort((a, b) => b.points - a.points); // everyone who answered is on the board, 0 points included
  expect(rows.map((r) => [r[1], Number(r[2])])).toEqual(expected.map((e) => [e.name, e.points]));
  expect(rows[0]![0]).toBe('1');
  expect(await page.textContent('.answered')).toBe('3 réponses');
  expect(await page.$('.best-badge')).toBeNull();
  expect(await page.$('.votes')).toBeNull();
  await page.waitForFunction(() => document.getElementById('wall-status')?.textContent === 'En direct');

  // An answer shows up without a reload: a mark left in the page survives.
  await page.evaluate(() => { (window as unknown as { loadedOnce: boolean }).loadedOnce = true; });
  await answerBest('U5', 'Dany Roy');
  await page.waitForFunction(() => document.querySelector('.answered')?.getAttribute('data-answers') === '4', undefined, { timeout: 5000 });
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  expect(await page.textContent('.board')).toContain('Dany Roy');
  expect(serious(await axeViolations(page))).toEqual([]);

  // The reveal: the best choice and the spread appear, still without a reload.
  await f.say('/coach reveal');
  await page.waitForSelector('.best-badge', { timeout: 5000 });
  expect(await page.textContent('.best-badge')).toBe('✓ Meilleur choix');
  const votes = await page.$$eval('.votes', (els) => els.map((e) => Number(e.getAttribute('data-votes'))));
  expect(votes.reduce((a, b) => a + b, 0)).toBe(4);
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
  expect(serious(await axeViolations(page))).toEqual([]);

  // What the team's TV shows, kept for people to look at.
  const shot = await page.screenshot({ path: artifactPath('wall-1920x1080.png') });
  expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([1920, 1080]); // PNG IHDR width, height
  // Everything fits the screen: nobody scrolls a TV.
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
  expect(errors).toEqual([]); // no script error, no refusal by the Content Security Policy
});

test('a revoked wall turns into the "not found" page by itself, and its address stays 404', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  const { page, errors } = await browser.page();
  await page.goto(wall);
  await page.waitForFunction(() => document.getElementById('wall-status')?.textContent === 'En direct');
  await f.say('/coach wall revoke');
  await page.waitForSelector('h1:text("Page introuvable")', { timeout: 5000 });
  expect(await page.textContent('body')).toContain('Page not found');
  expect(await page.$('#wall')).toBeNull();
  expect(serious(await axeViolations(page))).toEqual([]);
  const again = await page.goto(wall);
  expect(again?.status()).toBe(404);
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});

test('without EventSource the wall polls and still updates within 5 s', async () => {
  f = await openWebFixture();
  const wall = await f.makeWall();
  await f.say('/coach post');
  const { page, errors } = await browser.page();
  await page.addInitScript(() => { delete (window as unknown as { EventSource?: unknown }).EventSource; });
  await page.goto(wall);
  expect(await page.evaluate(() => 'EventSource' in window)).toBe(false);
  await answerBest('U2', 'Alice');
  await page.waitForFunction(() => document.querySelector('.answered')?.getAttribute('data-answers') === '1', undefined, { timeout: 6000 });
  expect(errors).toEqual([]);
});

test('every seed bullet is on its playbook page, tab by tab; the pages pass axe; tabs work from the keyboard', async () => {
  f = await openWebFixture();
  const seed = extractPlaybooks(parseBlocks(toLines(readFileSync(join(__dirname, '../fixtures/seed-course.md'), 'utf8'))));
  const { page, errors } = await browser.page();
  for (const [i, seedPlaybook] of seed.entries()) {
    const pair = f.coach.library.playbooks[i]!;
    expect((await page.goto(`${f.origin}/playbooks/${pair.id}?lang=fr`))?.status()).toBe(200);
    // What a reader can see: the visible text with each tab opened in turn.
    const seen: string[] = [norm(await page.innerText('article'))];
    for (const label of await page.$$('.tabbed-labels label')) {
      await label.click();
      seen.push(norm(await page.innerText('article')));
    }
    const visible = seen.join('\n');
    const bullets = [...blocksToLines(seedPlaybook.intro), ...seedPlaybook.sections.flatMap((s) => blocksToLines(s.blocks))].map(norm).filter(Boolean);
    expect(bullets.length).toBeGreaterThan(3);
    expect([pair.id, bullets.filter((b) => !visible.includes(b))]).toEqual([pair.id, []]);
    expect(serious(await axeViolations(page))).toEqual([]);
    // The English page has every line of the English content.
    await page.goto(`${f.origin}/playbooks/${pair.id}?lang=en`);
    const english = norm(await page.textContent('article') ?? '');
    const lines = [...blocksToLines(pair.en.intro), ...pair.en.sections.flatMap((s) => blocksToLines(s.blocks))]
      .map((l) => norm(l.replace(/\*\*|`/g, '')).replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1')).filter(Boolean);
    expect([pair.id, lines.filter((l) => !english.includes(l))]).toEqual([pair.id, []]);
  }
  // Keyboard: focus the first tab's radio, the arrow key shows the next panel.
  await page.goto(`${f.origin}/playbooks/outage?lang=fr`);
  await page.focus('#__tabbed_1_1');
  await page.keyboard.press('ArrowRight');
  expect(await page.isVisible('.tabbed-block:nth-child(2)')).toBe(true);
  expect(await page.isVisible('.tabbed-block:nth-child(1)')).toBe(false);
  await page.goto(`${f.origin}/playbooks/?lang=en`);
  expect(serious(await axeViolations(page))).toEqual([]);
  expect(errors).toEqual([]);
});
