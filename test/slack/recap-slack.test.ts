// The weekly recap in Slack (issue 14), over real signed HTTP with the fake Web API: posted by the scheduler
// at 16:00 on the week's last working day, once, with its chart uploaded through files.uploadV2's three
// steps (files.getUploadURLExternal, the bytes, files.completeUploadExternal) and its alt text; `/coach
// recap` posts it now for admins only; `/coach recap off|CRON` change when it goes out.
import { ManualClock } from '../../src/domain/time.js';
import { CHART_PNG_HEIGHT, CHART_PNG_WIDTH } from '../../src/render/recap-chart.js';
import { blocksText, startSlackCoach, type SlackHarness } from './slack-harness.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Monday 1 March 2100, 08:00 in Toronto (EST, UTC−5 until 14 March).
const clock = new ManualClock(new Date('2100-03-01T13:00:00Z'));
let slack: SlackHarness;

beforeAll(async () => {
  slack = await startSlackCoach({ COACH_HOLIDAYS: 'none' }, { clock });
  slack.fake.users.set('UADMIN', { name: 'ada', profile: { display_name: 'Ada Admin' } });
  slack.fake.users.set('U1', { name: 'alice', profile: { display_name: 'Alice Roy' } });
  slack.fake.users.set('U2', { name: 'bruno', profile: { display_name: 'Bruno Côté' } });
});
afterAll(() => slack.stop());

const recapPosts = () => slack.fake.of('chat.postMessage').filter((c) => /Bilan de la semaine/.test(blocksText(c.body)));

test('the recap goes out at 16:00 on Friday with its chart uploaded, once; admins post it on demand', async () => {
  const on = await slack.slash('/coach', 'schedule on', { user: 'UADMIN' });
  expect(on.status).toBe(200);
  await slack.fake.response(on.id);
  clock.set(new Date('2100-03-01T14:00:00Z')); // Monday 09:00: the first challenge
  await slack.server.tick();
  for (const [user, answer] of [['U1', '2'], ['U2', '1']] as const) {
    const r = await slack.slash('/answer', answer, { user });
    await slack.fake.response(r.id);
  }
  const scores = slack.coach.stores('T1').read((ws) => Object.values(ws.channels.C1!.challenges[0]!.answers).map((a) => a.score));

  clock.set(new Date('2100-03-05T20:59:00Z')); // Friday 15:59: not yet
  await slack.server.tick();
  expect(recapPosts()).toHaveLength(0);
  clock.set(new Date('2100-03-05T21:00:00Z')); // Friday 16:00
  await slack.server.tick();
  const [recap] = recapPosts();
  expect(recap).toBeDefined();
  const shown = blocksText(recap!.body);
  expect(recap!.body.channel).toBe('C1');
  // Names, never ids; each answered 1 of the week's 2 challenges (Monday's and Friday's).
  expect(shown).toContain('1 sur 2 : Alice Roy, Bruno Côté');
  expect(shown).not.toMatch(/\bU[12]\b/);
  const average = (scores[0]! + scores[1]!) / 2;
  expect(shown).toContain(`Score moyen de la semaine : ${String(Math.round(average * 10) / 10).replace('.', ',')} sur 10.`);

  // The chart: the three steps of files.uploadV2, after the text, with the alt text.
  const calls = slack.fake.calls.map((c) => c.method);
  const start = calls.indexOf('files.getUploadURLExternal');
  expect(start).toBeGreaterThan(calls.indexOf('chat.postMessage'));
  expect(calls.slice(start, start + 3)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
  const [upload] = [...slack.fake.uploads.values()];
  expect(upload!.filename).toMatch(/^recap-2100-W09\.png$/);
  expect(upload!.altText).toMatch(/^Graphique de la participation et du score moyen par jour de défi/);
  expect(upload!.altText!.length).toBeLessThanOrEqual(1000);
  expect(upload!.bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect([upload!.bytes!.readUInt32BE(16), upload!.bytes!.readUInt32BE(20)]).toEqual([CHART_PNG_WIDTH, CHART_PNG_HEIGHT]);
  expect(upload!.completed).toMatchObject({ channel_id: 'C1', files: [{ id: upload!.id, title: expect.stringContaining('Participation') }] });

  // Once a week: a later tick the same day posts nothing more.
  clock.set(new Date('2100-03-05T22:00:00Z'));
  await slack.server.tick();
  expect(recapPosts()).toHaveLength(1);
  expect(slack.fake.uploads.size).toBe(1);

  // `/coach recap`: refused to a member, posted now for an admin (text and chart).
  const refused = await slack.slash('/coach', 'recap', { user: 'U1' });
  expect(blocksText((await slack.fake.response(refused.id)).body)).toMatch(/admin/i);
  expect(recapPosts()).toHaveLength(1);
  await slack.slash('/coach', 'recap', { user: 'UADMIN' });
  await slack.fake.waitFor('files.completeUploadExternal', (c) => c.body.channel_id === 'C1' && slack.fake.uploads.size === 2);
  expect(recapPosts()).toHaveLength(2);
});

test('/coach recap off stops it, a CRON moves it, a bad CRON is refused with the reason', async () => {
  const bad = await slack.slash('/coach', 'recap 0 99 * * 5', { user: 'UADMIN' });
  expect(blocksText((await slack.fake.response(bad.id)).body)).toMatch(/expression cron ne convient pas/);
  const moved = await slack.slash('/coach', 'recap 30 11 * * 1-5', { user: 'UADMIN' });
  expect(blocksText((await slack.fake.response(moved.id)).body)).toMatch(/« 30 11 \* \* 1-5 » \(America\/Toronto\) : prochain bilan le vendredi 12 mars à 11 h 30/);
  const off = await slack.slash('/coach', 'recap off', { user: 'UADMIN' });
  expect(blocksText((await slack.fake.response(off.id)).body)).toMatch(/désactivé/);
  const before = recapPosts().length;
  clock.set(new Date('2100-03-12T16:30:00Z')); // the next Friday, 11:30
  await slack.server.tick();
  expect(recapPosts()).toHaveLength(before);
  expect(slack.coach.stores('T1').read((ws) => ws.channels.C1!.recap)).toEqual({ off: true, cron: '30 11 * * 1-5', lastWeek: '2100-W09' });
});
