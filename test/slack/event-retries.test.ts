// Slack retries an event it thinks was not received (late acknowledgement, a replica restarting): the
// retry carries the same event_id, and the coach handles each event id once, remembered in the store
// (StorePort.firstDelivery) so that any replica receiving the retry ignores it.
import { postSigned } from './fake-slack.js';
import { JSON_TYPE, startSlackCoach, type SlackHarness } from './slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackCoach();
});
afterAll(() => h.stop());

const homeOpened = (eventId: string, user: string) => JSON.stringify({
  type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1,
  event: { type: 'app_home_opened', user, tab: 'home', channel: 'D1' },
});

test('a retried event (same event_id) is handled once; another event id is handled', async () => {
  const events = `http://127.0.0.1:${h.server.address.port}/slack/events`;
  const publishesFor = (user: string) => h.fake.of('views.publish').filter((c) => c.body.user_id === user).length;
  expect((await postSigned(events, homeOpened('EvRetry1', 'URETRY'), JSON_TYPE)).status).toBe(200);
  await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'URETRY');
  // The retries: acknowledged (200, so Slack stops), not handled again.
  expect((await postSigned(events, homeOpened('EvRetry1', 'URETRY'), JSON_TYPE)).status).toBe(200);
  expect((await postSigned(events, homeOpened('EvRetry1', 'URETRY'), JSON_TYPE)).status).toBe(200);
  // A new event of the same person is handled; once its publish is seen, the retries' would have been too.
  expect((await postSigned(events, homeOpened('EvRetry2', 'URETRY'), JSON_TYPE)).status).toBe(200);
  for (let i = 0; i < 200 && publishesFor('URETRY') < 2; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 100));
  expect(publishesFor('URETRY')).toBe(2);
  expect(await h.coach.port.firstDelivery('slack:EvRetry1', 60_000, h.coach.clock.now())).toBe(false);
});
