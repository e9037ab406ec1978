// Several schedulers (replicas) on one store post each slot once: the claim before posting (issue 13,
// item 3), a replica that dies holding a claim does not block the slot, and the guarantee written in
// src/app/scheduler.ts (exactly once while replicas live, at least once when one dies mid-post).
import { Scheduler, SLOT_LEASE_MS, slotKey } from '../../src/app/scheduler.js';
import type { Outgoing } from '../../src/app/scheduler.js';
import { CH, Harness, WS, at } from '../support/schedule-harness.js';

const PLATFORMS = new Set(['terminal']);
const posts = (out: Outgoing[]) => out.filter((o) => o.message.ref?.kind === 'challenge');

let h: Harness;
afterEach(async () => {
  await h.close();
});

function replicas(n: number): Scheduler[] {
  const { port, challenges, commands } = h.coach;
  return Array.from({ length: n }, (_, i) => new Scheduler(port, challenges, commands, 'fr', [], `replica-${i}`));
}

test('five replicas ticking together at each slot of a week: each slot posted once, each debrief once', async () => {
  h = await Harness.open(at('2026-12-07', 8));
  const five = replicas(5);
  const seen: string[] = [];
  let debriefs = 0;
  for (const day of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) {
    for (const time of [at(day, 8, 0), at(day, 9, 0), at(day, 9, 1)]) {
      h.clock.set(time);
      const outs = await Promise.all(five.map((s) => s.tick(time, PLATFORMS)));
      for (const out of outs) {
        for (const p of posts(out)) seen.push(`${day} ${p.message.ref?.kind === 'challenge' ? p.message.ref.challengeId : ''}`);
        debriefs += out.filter((o) => o.message.ref?.kind === 'debrief').length;
      }
    }
  }
  expect(seen).toHaveLength(5);
  expect(new Set(seen.map((s) => s.slice(0, 10)))).toEqual(new Set(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']));
  expect(debriefs).toBe(4); // Tuesday to Friday 08:00 reveal the day before's
  expect(h.challenges()).toHaveLength(5);
});

test('a replica that dies after claiming, before creating: the slot is posted by another once the lease ran out', async () => {
  h = await Harness.open(at('2026-12-07', 8));
  const [a, b] = replicas(2);
  const slot = at('2026-12-07', 9);
  // Replica A claimed the slot and died before doing anything else.
  expect(await h.coach.port.claim(slotKey(WS, CH, '2026-12-07'), a!.replica, SLOT_LEASE_MS, slot)).toMatchObject({ kind: 'claimed' });
  expect(posts(await b!.tick(slot, PLATFORMS))).toHaveLength(0); // held
  const later = new Date(slot.getTime() + SLOT_LEASE_MS + 1000);
  h.clock.set(later);
  expect(posts(await b!.tick(later, PLATFORMS))).toHaveLength(1);
  expect(posts(await a!.tick(later, PLATFORMS))).toHaveLength(0);
  expect(h.challenges()).toHaveLength(1);
});

test('a replica that dies after creating, before delivering: posted again by the replica that takes over (at least once)', async () => {
  h = await Harness.open(at('2026-12-07', 8));
  const [a, b] = replicas(2);
  const slot = at('2026-12-07', 9);
  // A server tick leaves the claim for after the delivery; A dies before delivering.
  const fromA = posts(await a!.tick(slot, PLATFORMS, { settleAfterDelivery: true }));
  expect(fromA).toHaveLength(1);
  expect(fromA[0]!.claim).toBe(slotKey(WS, CH, '2026-12-07'));
  expect(posts(await b!.tick(new Date(slot.getTime() + 60_000), PLATFORMS))).toHaveLength(0); // A's lease still runs
  const later = new Date(slot.getTime() + SLOT_LEASE_MS + 60_000);
  const recovered = posts(await b!.tick(later, PLATFORMS));
  expect(recovered.map((o) => o.message.ref)).toEqual([fromA[0]!.message.ref]);
  // Settled by B's tick: nobody posts it a third time.
  expect(posts(await a!.tick(new Date(later.getTime() + SLOT_LEASE_MS * 2), PLATFORMS))).toHaveLength(0);
  expect(h.challenges()).toHaveLength(1);
});

test('a delivered post is settled: no replica posts it again, and an admin’s /coach post is never re-posted', async () => {
  h = await Harness.open(at('2026-12-07', 8));
  const [a, b] = replicas(2);
  const slot = at('2026-12-07', 9);
  const out = await a!.tick(slot, PLATFORMS, { settleAfterDelivery: true });
  for (const o of out) await a!.settle(o);
  expect(posts(await b!.tick(new Date(slot.getTime() + SLOT_LEASE_MS * 3), PLATFORMS))).toHaveLength(0);
  // Tuesday: the admin posts at 08:30, before the slot; the slot then posts nothing, now or later.
  h.clock.set(at('2026-12-08', 8, 30));
  await h.say('/coach post');
  expect(h.challenges().at(-1)!.day).toBe('2026-12-08');
  for (const t of [at('2026-12-08', 9), at('2026-12-08', 10), at('2026-12-08', 12)]) {
    expect(posts(await b!.tick(t, PLATFORMS))).toHaveLength(0);
    expect(posts(await a!.tick(t, PLATFORMS))).toHaveLength(0);
  }
  expect(h.challenges().map((c) => c.day)).toEqual(['2026-12-07', '2026-12-08']);
});
