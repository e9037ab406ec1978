// Issue 9, item 1: early and catch-up posts must not break the day's schedule. Every input of the issue
// with its right values, and the neighbours the same fault would break (Saturday 00:01, a holiday, a
// paused date, an admin post on a weekend, after the slot, twice in a day, restarts, daylight saving).
import { Harness, at } from '../support/schedule-harness.js';

let h: Harness;
afterEach(async () => h?.close());

const iso = (d: Date) => d.toISOString();
// Week of Monday 2026-12-07 (EST, UTC-5): 09:00 local = 14:00Z, 08:00 local = 13:00Z.
const MON = '2026-12-07', TUE = '2026-12-08', WED = '2026-12-09', THU = '2026-12-10', FRI = '2026-12-11', SAT = '2026-12-12', MON2 = '2026-12-14';

test('the issue\'s input: an 08:30 admin post takes Tuesday\'s slot and stays open until Wednesday 08:00', async () => {
  h = await Harness.open(at('2026-12-06', 12), { holidays: 'none' }); // /coach schedule on, Sunday
  await h.play(at(MON, 9)); //                  /clock monday 09:00
  await h.play(at(TUE, 8, 30)); //              /clock tuesday 08:30
  const early = await h.adminPost(); //         /coach post
  expect(early.created).toBe(true);
  expect(early.revealed).toBeNull(); // Monday's was revealed at 08:00 already
  await h.play(at(TUE, 9)); //                  /clock tuesday 09:00
  await h.play(at(WED, 0, 1)); //               /clock wednesday 00:01
  expect(h.challenges()).toHaveLength(2); // nothing at Tuesday 09:00, nothing at midnight
  await h.play(at(WED, 9)); //                  /clock wednesday 09:00
  expect(h.timeline()).toEqual([
    [MON, iso(at(MON, 9)), iso(at(TUE, 8)), iso(at(TUE, 8))],
    [TUE, iso(at(TUE, 8, 30)), iso(at(WED, 8)), iso(at(WED, 8))],
    [WED, iso(at(WED, 9)), iso(at(THU, 8)), null],
  ]);
});

test('the same path on a Friday: nothing at Saturday 00:01, nor all weekend, even across restarts', async () => {
  h = await Harness.open(at(THU, 12), { holidays: 'none' });
  await h.play(at(FRI, 8, 30));
  expect((await h.adminPost()).challenge.revealAt).toBe(iso(at(MON2, 8)));
  await h.play(at(SAT, 0, 1));
  expect(await h.restartAt(at(SAT, 0, 2))).toEqual([]);
  expect(await h.restartAt(at('2026-12-13', 9, 0))).toEqual([]);
  await h.play(at(MON2, 9));
  expect(h.timeline()).toEqual([
    [FRI, iso(at(FRI, 8, 30)), iso(at(MON2, 8)), iso(at(MON2, 8))],
    [MON2, iso(at(MON2, 9)), iso(at('2026-12-15', 8)), null],
  ]);
});

test('admin post on a weekend: dated that day, open until Monday 08:00; Monday\'s slot still posts', async () => {
  h = await Harness.open(at(FRI, 10), { holidays: 'none' });
  await h.play(at(SAT, 10));
  const weekend = await h.adminPost();
  expect(weekend).toMatchObject({ created: true, challenge: { day: SAT, revealAt: iso(at(MON2, 8)) } });
  await h.play(at(MON2, 10));
  expect(h.timeline()).toEqual([
    [SAT, iso(at(SAT, 10)), iso(at(MON2, 8)), iso(at(MON2, 8))],
    [MON2, iso(at(MON2, 9)), iso(at('2026-12-15', 8)), null],
  ]);
});

test('admin post after the day\'s slot, and twice in a day: the day keeps its one challenge', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none' });
  await h.play(at(MON, 10));
  const late = await h.adminPost();
  expect(late.created).toBe(false);
  expect(late.challenge.postedAt).toBe(iso(at(MON, 9)));
  // Tuesday: two admin posts before the slot; the second shows the first, the slot posts nothing.
  await h.play(at(TUE, 7));
  expect((await h.adminPost()).created).toBe(true);
  await h.play(at(TUE, 7, 45));
  expect((await h.adminPost())).toMatchObject({ created: false, challenge: { postedAt: iso(at(TUE, 7)) } });
  await h.play(at(TUE, 23, 59));
  expect(h.challenges().map((c) => c.day)).toEqual([MON, TUE]);
  // Monday's challenge was revealed by Tuesday's early post (an admin's choice), not left open.
  expect(h.challenges()[0]!.revealedAt).toBe(iso(at(TUE, 7)));
});

test('a restart after a missed slot posts it once, late the same working day only', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none' });
  await h.play(at(MON, 9, 30));
  // Down from Monday 09:30 to Tuesday 11:00: Monday's debrief comes late, Tuesday's post at 11:00, once.
  const restart = await h.restartAt(at(TUE, 11));
  expect(restart.map((o) => o.message.heading?.split(' · ')[0])).toEqual(['Corrigé', 'Défi du jour']);
  expect(await h.restartAt(at(TUE, 12))).toEqual([]);
  await h.play(at(TUE, 23, 59));
  // Down from Tuesday 23:59 to Thursday 00:01: Wednesday is missed for good, nothing at 00:01.
  const thursday = await h.restartAt(at(THU, 0, 1));
  expect(thursday.map((o) => o.message.heading?.split(' · ')[0])).toEqual(['Corrigé']); // Tuesday's debrief, due Wednesday 08:00
  await h.play(at(THU, 9));
  // Down from Thursday 09:00 to Friday 23:30: Friday's slot is still served, at 23:30.
  await h.restartAt(at(FRI, 23, 30));
  expect(h.timeline()).toEqual([
    [MON, iso(at(MON, 9)), iso(at(TUE, 8)), iso(at(TUE, 11))],
    [TUE, iso(at(TUE, 11)), iso(at(WED, 8)), iso(at(THU, 0, 1))],
    [THU, iso(at(THU, 9)), iso(at(FRI, 8)), iso(at(FRI, 23, 30))],
    [FRI, iso(at(FRI, 23, 30)), iso(at(MON2, 8)), null],
  ]);
});

test('a catch-up post with a long reveal lead: the debrief never comes before the post', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none', leadMinutes: 24 * 60 });
  await h.play(at(MON, 9));
  await h.restartAt(at(TUE, 10)); // Tuesday 09:00 minus 24 h would be before Tuesday's 10:00 post
  await h.play(at(WED, 9, 30));
  expect(h.timeline()).toEqual([
    [MON, iso(at(MON, 9)), iso(at(TUE, 9)), iso(at(TUE, 10))],
    [TUE, iso(at(TUE, 10)), iso(at(WED, 9)), iso(at(WED, 9))],
    [WED, iso(at(WED, 9)), iso(at(THU, 9)), null],
  ]);
});

test('holidays and paused dates: no post, not even from a restart or a jump landing on them; admin posts stay possible', async () => {
  // Christmas 2026 is a Friday (Quebec holiday). Wednesday 2026-12-23 is paused by an admin.
  h = await Harness.open(at('2026-12-21', 8));
  await h.setPaused('2026-12-23', true);
  await h.play(at('2026-12-25', 9)); // a jump that lands on the holiday's slot time
  expect(await h.restartAt(at('2026-12-25', 10))).toEqual([]);
  const holiday = await h.adminPost(); // an admin may still post on a holiday, explicitly
  expect(holiday).toMatchObject({ created: true, challenge: { day: '2026-12-25', revealAt: iso(at('2026-12-28', 8)) } });
  await h.play(at('2026-12-28', 9));
  expect(h.timeline()).toEqual([
    ['2026-12-21', iso(at('2026-12-21', 9)), iso(at('2026-12-22', 8)), iso(at('2026-12-22', 8))],
    ['2026-12-22', iso(at('2026-12-22', 9)), iso(at('2026-12-24', 8)), iso(at('2026-12-24', 8))], // open over the paused Wednesday
    ['2026-12-24', iso(at('2026-12-24', 9)), iso(at('2026-12-28', 8)), iso(at('2026-12-25', 10))], // the admin's holiday post revealed it
    ['2026-12-25', iso(at('2026-12-25', 10)), iso(at('2026-12-28', 8)), iso(at('2026-12-28', 8))],
    ['2026-12-28', iso(at('2026-12-28', 9)), iso(at('2026-12-29', 8)), null],
  ]);
});

test('daylight saving: slots and reveals keep their local times on both sides of each change', async () => {
  // DST starts Sunday 2027-03-14 (EST→EDT) and ends Sunday 2026-11-01 (EDT→EST).
  h = await Harness.open(at('2026-10-29', 8));
  await h.play(at('2026-10-30', 8, 30));
  expect((await h.adminPost()).challenge.revealAt).toBe('2026-11-02T13:00:00.000Z'); // Monday 08:00 EST
  await h.play(at('2026-11-02', 9));
  expect(h.challenges().at(-1)!.postedAt).toBe('2026-11-02T14:00:00.000Z');
  await h.close();
  h = await Harness.open(at('2027-03-11', 8));
  await h.play(at('2027-03-12', 8, 30));
  expect((await h.adminPost()).challenge.revealAt).toBe('2027-03-15T12:00:00.000Z'); // Monday 08:00 EDT
  await h.play(at('2027-03-15', 9));
  expect(h.challenges().at(-1)!.postedAt).toBe('2027-03-15T13:00:00.000Z');
});

test('a cron with several runs a day serves its first run only; a midnight schedule works', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none', cron: '0 9,15 * * 1-5' });
  await h.play(at(TUE, 16));
  expect(h.challenges().map((c) => c.postedAt)).toEqual([iso(at(MON, 9)), iso(at(TUE, 9))]);
  await h.close();
  h = await Harness.open(at(MON, 8), { holidays: 'none', cron: '0 0 * * 1-5' });
  await h.play(at(WED, 12));
  // Slots at 00:00 Tuesday and Wednesday (Monday's was before the schedule started); debriefs at 23:00.
  expect(h.timeline()).toEqual([
    [TUE, iso(at(TUE, 0)), iso(at(TUE, 23)), iso(at(TUE, 23))],
    [WED, iso(at(WED, 0)), iso(at(WED, 23)), null],
  ]);
});

test('after an early post, /coach schedule and /scenario name the next real slot', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none' });
  await h.play(at(TUE, 8, 30));
  await h.say('/coach post');
  expect(await h.say('/coach schedule')).toBe('Horaire ici : « 0 9 * * 1-5 » (America/Toronto), actif. Prochain : mercredi 9 décembre à 09 h 00.');
  expect(await h.say('/scenario')).toMatch(/Corrigé le mercredi 9 décembre à 08 h 00/);
});

test('a challenge dated in the future (left by an old rehearsal) is never revealed silently', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none' });
  const scenario = h.coach.library.scenarios[0]!;
  await h.coach.stores('T1').update((ws) => {
    ws.channels.C1!.challenges.push({ id: `2100-03-01-${scenario.id}`, scenarioId: scenario.id, day: '2100-03-01', postedAt: '2100-03-01T14:00:00.000Z', revealAt: '2100-03-02T13:00:00.000Z', revealedAt: null, answers: {} });
  });
  const notice = `Le dernier défi de ce canal, « ${scenario.fr.title} », est daté du lundi 1 mars à 09 h 00, dans le futur (laissé par une répétition avec /clock?). D’ici là, rien n’est publié ni révélé automatiquement; un admin peut le fermer avec /coach reveal.`;
  await h.play(at(WED, 10));
  await h.restartAt(at(WED, 10, 5));
  expect(h.challenges()).toHaveLength(1);
  expect(await h.say('/scenario', 'U1')).toBe(`Aucun défi dans ce canal pour l’instant. ${notice}`);
  expect(await h.say('/coach schedule')).toBe(`Horaire ici : « 0 9 * * 1-5 » (America/Toronto), actif. Prochain : —. ${notice}`);
  expect(await h.say('/coach post')).toBe(`Rien n’a été publié. ${notice}`);
  expect(await h.say('/answer 1', 'U1')).toBe(`Aucun défi dans ce canal pour l’instant. ${notice}`);
  expect(h.timeline()).toEqual([['2100-03-01', '2100-03-01T14:00:00.000Z', '2100-03-02T13:00:00.000Z', null]]);
  await h.say('/coach lang en');
  expect(await h.say('/coach post')).toBe(`Nothing was posted. This channel’s latest challenge, “${scenario.en.title}”, is dated Monday, March 1 at 09:00 a.m., in the future (left by a rehearsal with /clock?). Until then nothing is posted or revealed automatically; an admin can close it with /coach reveal.`);
  await h.say('/coach lang fr');
  // An admin closes it explicitly; today's slot (09:00, missed) is then caught up, the same day.
  expect((await h.say('/coach reveal')).startsWith(`Corrigé · ${scenario.fr.title}`)).toBe(true);
  expect((await h.tick()).map((o) => o.message.heading?.split(' · ')[0])).toEqual(['Défi du jour']);
  expect(h.challenges().map((c) => c.day)).toEqual(['2100-03-01', WED]);
});

test('a played jump is bounded: it stops after its event budget and says where', async () => {
  h = await Harness.open(at(MON, 8), { holidays: 'none' });
  const { played, stoppedAt } = await h.coach.scheduler.advance(at(MON, 8), at('2027-12-31', 9), new Set(['terminal']), 5);
  expect(stoppedAt!.toISOString()).toBe(iso(at(WED, 9)));
  expect(played.map((p) => p.at.toISOString())).toEqual([at(MON, 9), at(TUE, 8), at(TUE, 9), at(WED, 8), at(WED, 9)].map(iso));
});
