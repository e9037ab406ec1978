// The review queue over Slack (issue 14, item 3), over signed HTTP with the fake Web API: "Contest this
// score" on the private feedback opens a modal for the reason; `/coach queue` shows the item with
// "Confirm" and "Adjust" (a modal with the new score and the reason); the adjustment reaches the member by
// direct message, the board and the score log once; non-admins are refused, by command and by button.
import type { Call } from './fake-slack.js';
import { blocksText, startSlackCoach, type SlackHarness } from './slack-harness.js';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackCoach(); });
afterAll(() => h.stop());

interface Button { action_id: string; value: string }
let ids = 9000;
const buttonsOf = (c: Call) => ((c.body.blocks ?? []) as { type: string; elements?: Button[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

async function click(user: string, channel: string, button: Button, trigger = `trig-${++ids}`): Promise<{ responseId: number; trigger: string }> {
  const responseId = ++ids;
  const status = await h.interact({
    type: 'block_actions', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, channel: { id: channel },
    trigger_id: trigger, response_url: `${h.fake.url}/respond/${responseId}`, api_app_id: 'A1', token: 'x',
    actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: 'coach:lang:fr:0', action_ts: '1' }],
  });
  expect(status).toBe(200);
  return { responseId, trigger };
}

async function submit(user: string, view: { callback_id: string; private_metadata: string }, values: Record<string, unknown>): Promise<void> {
  expect(await h.interact({
    type: 'view_submission', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, api_app_id: 'A1', token: 'x',
    view: { id: `V${++ids}`, callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values } },
  })).toBe(200);
}

test('contest from the feedback, review in /coach queue, adjust once: the member is told by DM; board and log move once; non-admins refused', async () => {
  await h.slash('/coach', 'post', { user: 'UADMIN', channel: 'CQ' });
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CQ' && !c.body.thread_ts);
  const choice = buttonsOf(post)[0]!;
  const answered = await click('U1', 'CQ', choice);
  const feedback = await h.fake.response(answered.responseId);
  const contest = buttonsOf(feedback).find((b) => b.value.startsWith('/coach contest '))!;
  expect(contest).toBeDefined();
  expect(blocksText(feedback.body)).toContain('Contester cette note');

  // The contest button opens a modal asking for the reason; its submission queues the answer.
  const opened = await click('U1', 'CQ', contest);
  const modal = await h.fake.waitFor('views.open', (c) => c.body.trigger_id === opened.trigger);
  const view = modal.body.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
  expect(view.callback_id).toBe('coach:queue');
  expect(view.blocks.map((b) => b.block_id)).toEqual(['reason']);
  await submit('U1', view, { reason: { value: { type: 'plain_text_input', value: 'Le choix 1 respecte la politique, relisez svp' } } });
  const queued = await h.fake.waitFor('response_url', (c) => c.path === `/respond/${opened.responseId}`);
  expect(blocksText(queued.body)).toContain('Votre contestation est dans la file de révision');
  expect(queued.body.response_type).toBe('ephemeral');

  // A member is refused the queue, by command and by its buttons.
  const refused = await h.slash('/coach', 'queue', { user: 'U2', channel: 'CQ' });
  expect(blocksText((await h.fake.response(refused.id)).body)).toContain('Seul un admin peut consulter');
  const byButton = await click('U2', 'CQ', { action_id: 'coach:action:0', value: '/coach queue confirm 1' });
  expect(blocksText((await h.fake.response(byButton.responseId)).body)).toContain('Seul un admin peut consulter');

  // The admin sees the item with Confirm and Adjust.
  const list = await h.slash('/coach', 'queue', { user: 'UADMIN', channel: 'CQ' });
  const item = await h.fake.response(list.id);
  expect(blocksText(item.body)).toContain('À revoir · n° 1');
  expect(blocksText(item.body)).toContain('relisez svp');
  const [confirm, adjust] = buttonsOf(item);
  expect(confirm!.value).toBe('/coach queue confirm 1');
  expect(adjust!.value).toBe('/coach queue adjust 1 ');

  const given = h.coach.stores('T1').read((ws) => ws.channels.CQ!.challenges.at(-1)!.answers.U1!.score);
  const newScore = given >= 9 ? 2 : 9;
  const adjusting = await click('UADMIN', 'CQ', adjust!);
  const adjustModal = await h.fake.waitFor('views.open', (c) => c.body.trigger_id === adjusting.trigger);
  const adjustView = adjustModal.body.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
  expect(adjustView.blocks.map((b) => b.block_id)).toEqual(['score', 'reason']);
  await submit('UADMIN', adjustView, {
    score: { value: { type: 'static_select', selected_option: { value: String(newScore), text: { type: 'plain_text', text: String(newScore) } } } },
    reason: { value: { type: 'plain_text_input', value: 'Bon raisonnement sur la politique' } },
  });
  const done = await h.fake.waitFor('response_url', (c) => c.path === `/respond/${adjusting.responseId}`);
  expect(blocksText(done.body)).toContain(`${given}/10 → ${newScore}/10`);
  // The member is told privately: a direct message from the coach.
  const dm = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'D-U1' && blocksText(c.body).includes('Votre note a été revue'));
  expect(blocksText(dm.body)).toContain('Bon raisonnement sur la politique');

  // A second click on Confirm changes nothing.
  const again = await click('UADMIN', 'CQ', confirm!);
  expect(blocksText((await h.fake.response(again.responseId)).body)).toContain('L’élément n° 1 a déjà été revu');
  const log = (await h.coach.store.readLog('T1')).filter((e) => e.kind === 'adjust');
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ user: 'U1', by: 'UADMIN', delta: newScore - given, reason: 'Bon raisonnement sur la politique', channel: 'CQ' });
  expect(h.coach.stores('T1').read((ws) => ws.channels.CQ!.totals.U1!.points)).toBe(newScore);
  expect(h.fake.of('chat.postMessage').filter((c) => c.body.channel === 'D-U1' && blocksText(c.body).includes('Votre note a été revue'))).toHaveLength(1);
});

test('a reminder an hour before the debrief reaches an active member by direct message, once, and never one who opted out', async () => {
  const clock = h.coach.clock as unknown as { set(at: Date): void };
  // Monday 2100-03-08, 10:00 in Toronto: a challenge in CREM; U5 and U6 answer it, U6 turns reminders off.
  clock.set(new Date('2100-03-08T10:00:00-05:00'));
  await h.slash('/coach', 'post', { user: 'UADMIN', channel: 'CREM' });
  const monday = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CREM' && !c.body.thread_ts);
  for (const user of ['U5', 'U6']) await h.fake.response((await click(user, 'CREM', buttonsOf(monday)[0]!)).responseId);
  const off = await h.slash('/coach', 'reminders off', { user: 'U6', channel: 'CREM' });
  expect(blocksText((await h.fake.response(off.id)).body)).toContain('plus aucun rappel');
  // Tuesday 10:00: the next challenge (Monday's debrief first); its debrief is Wednesday 08:00.
  clock.set(new Date('2100-03-09T10:00:00-05:00'));
  await h.slash('/coach', 'post', { user: 'UADMIN', channel: 'CREM' });
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CREM' && !c.body.thread_ts && c !== monday);
  const reminders = () => h.fake.of('chat.postMessage').filter((c) => /^D-U[56]$/.test(String(c.body.channel)) && blocksText(c.body).includes('Rappel'));
  clock.set(new Date('2100-03-10T06:59:00-05:00'));
  await h.server.tick();
  clock.set(new Date('2100-03-10T07:00:00-05:00'));
  await h.server.tick();
  const dm = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'D-U5' && blocksText(c.body).includes('Rappel'));
  expect(blocksText(dm.body)).toContain('Le corrigé sera publié');
  expect(buttonsOf(dm).map((b) => b.value)).toEqual(['/coach reminders off']);
  clock.set(new Date('2100-03-10T07:30:00-05:00'));
  await h.server.tick();
  // Something observable after the second tick, then count: one reminder, to U5 only.
  const later = await h.slash('/coach', 'reminders', { user: 'U5', channel: 'CREM' });
  await h.fake.response(later.id);
  expect(reminders().map((c) => c.body.channel)).toEqual(['D-U5']);
});
