// Private replies Slack refuses to show in the channel, over signed HTTP with a fake Web API that refuses:
// the person still learns that their answer is recorded and gets its feedback (the response_url of the
// button that opened the modal, else an ephemeral message, else a direct message from the coach).
import { Writable } from 'node:stream';
import { createLogger } from '../../src/app/logger.js';
import type { Call } from './fake-slack.js';
import { blocksText, startSlackCoach, type SlackHarness } from './slack-harness.js';

let h: SlackHarness;
const logs: string[] = [];
beforeAll(async () => {
  const destination = new Writable({ write(chunk, _encoding, done) { logs.push(String(chunk)); done(); } });
  h = await startSlackCoach({}, { logger: createLogger({ level: 'warn', destination }) });
});
afterAll(() => h.stop());
beforeEach(() => h.fake.failures.clear());

interface Button { action_id: string; value: string }
let ids = 7000;

/** Posts a challenge in `channel` and returns its buttons (choices, then "in my own words"). */
async function challengeIn(channel: string): Promise<Button[]> {
  await h.slash('/coach', 'post', { user: 'UADMIN', channel });
  const post = await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel && !c.body.thread_ts);
  return (post.body.blocks as { type: string; elements?: Button[] }[]).find((b) => b.type === 'actions')!.elements!;
}

function click(user: string, channel: string, button: Button, options: { responseUrl?: boolean; trigger?: string; lang?: 'fr' | 'en' } = {}) {
  return {
    type: 'block_actions', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, channel: { id: channel },
    trigger_id: options.trigger ?? `trig-${++ids}`, api_app_id: 'A1', token: 'x',
    ...(options.responseUrl === false ? {} : { response_url: `${h.fake.url}/respond/${++ids}` }),
    actions: [{ type: 'button', action_id: button.action_id, value: button.value, block_id: `coach:lang:${options.lang ?? 'fr'}:0`, action_ts: '1' }],
  };
}

/** Opens the "own words" modal from the challenge in `channel` and submits `answer`. */
async function answerInModal(user: string, channel: string, answer: string, options: { responseUrl?: boolean; lang?: 'fr' | 'en' } = {}) {
  const buttons = await challengeIn(channel);
  const trigger = `trig-modal-${++ids}`;
  await h.interact(click(user, channel, buttons.at(-1)!, { ...options, trigger }));
  const opened = await h.fake.waitFor('views.open', (c) => c.body.trigger_id === trigger);
  const view = opened.body.view as { callback_id: string; private_metadata: string };
  const status = await h.interact({
    type: 'view_submission', team: { id: 'T1' }, user: { id: user, name: user.toLowerCase(), team_id: 'T1' }, api_app_id: 'A1', token: 'x',
    view: { id: `V${ids}`, callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: { answer: { text: { type: 'plain_text_input', value: answer } } } } },
  });
  expect(status).toBe(200);
  return view;
}

const ANSWER = 'Je reste calme, je l’écoute, je reformule et je vérifie avec elle avant de partir.';
const answered = (channel: string, user: string) => h.coach.stores('T1').read((ws) => Boolean(ws.channels[channel]?.challenges.at(-1)?.answers[user]));
const dmTo = (user: string) => (c: Call) => c.body.channel === `D-${user}`;

test('the issue’s case: Slack refuses the ephemeral feedback (not_in_channel) after a modal answer → a direct message says it is recorded, with the feedback', async () => {
  h.fake.failures.set('response_url', [404]); // the opening button's response_url has expired
  h.fake.failures.set('chat.postEphemeral', ['not_in_channel']);
  await answerInModal('U21', 'CPRIV1', ANSWER);
  const open = await h.fake.waitFor('conversations.open', (c) => c.body.users === 'U21');
  expect(open).toBeDefined();
  const notice = await h.fake.waitFor('chat.postMessage', dmTo('U21'));
  expect(blocksText(notice.body)).toContain('Votre réponse au défi est bien enregistrée');
  expect(blocksText(notice.body)).toContain('<#CPRIV1>');
  const feedback = await h.fake.waitFor('chat.postMessage', (c) => dmTo('U21')(c) && c !== notice);
  expect(blocksText(feedback.body)).toMatch(/\d+\/10/);
  expect(answered('CPRIV1', 'U21')).toBe(true);
  // The refusals were tried in order and logged by their Slack error only.
  const methods = h.fake.calls.map((c) => c.method);
  expect(methods.indexOf('response_url:404')).toBeLessThan(methods.indexOf('chat.postEphemeral:not_in_channel'));
  expect(logs.join('')).toContain('not_in_channel');
  expect(logs.join('')).not.toContain(ANSWER);
  // The challenge post still shows the new answer count.
  await h.fake.waitFor('chat.update', (c) => JSON.stringify(c.body).includes('1 réponse'));
});

test.each(['channel_not_found', 'user_not_in_channel', 'is_archived'])('a modal without a response_url, ephemeral refused (%s) → a direct message', async (error) => {
  const user = `U3${error.length}`;
  h.fake.failures.set('chat.postEphemeral', [error]);
  await answerInModal(user, `CPRIV${error.replace(/_/g, '').toUpperCase()}`, ANSWER, { responseUrl: false });
  await h.fake.waitFor(`chat.postEphemeral:${error}`);
  const notice = await h.fake.waitFor('chat.postMessage', dmTo(user));
  expect(blocksText(notice.body)).toContain('bien enregistrée');
  expect(answered(`CPRIV${error.replace(/_/g, '').toUpperCase()}`, user)).toBe(true);
});

test('in English when the challenge was in English', async () => {
  h.fake.failures.set('response_url', [404]);
  h.fake.failures.set('chat.postEphemeral', ['not_in_channel']);
  await answerInModal('UEN', 'CPRIVEN', 'I stay calm, I listen to her, I check with her before leaving.', { lang: 'en' });
  const notice = await h.fake.waitFor('chat.postMessage', dmTo('UEN'));
  expect(blocksText(notice.body)).toContain('Your answer to the challenge is recorded');
});

test('the modal’s own response_url works where the coach is not a member: no ephemeral, no direct message', async () => {
  const before = h.fake.calls.length;
  await answerInModal('U41', 'CPRIVOK', ANSWER);
  const reply = await h.fake.waitFor('response_url', (c) => blocksText(c.body).includes('/10') && h.fake.calls.indexOf(c) >= before);
  expect(reply.body.response_type).toBe('ephemeral');
  expect(h.fake.calls.slice(before).some((c) => c.method.startsWith('chat.postEphemeral') || c.method === 'conversations.open')).toBe(false);
});

test('an expired response_url alone: the ephemeral message takes over', async () => {
  h.fake.failures.set('response_url', [404]);
  await answerInModal('U51', 'CPRIVEPH', ANSWER);
  const eph = await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U51');
  expect(blocksText(eph.body)).toMatch(/\d+\/10/);
  expect(h.fake.of('conversations.open').some((c) => c.body.users === 'U51')).toBe(false);
});

test('a choice button, both in-channel ways refused → a direct message with the feedback', async () => {
  const buttons = await challengeIn('CPRIVBTN');
  h.fake.failures.set('response_url', [410]);
  h.fake.failures.set('chat.postEphemeral', ['not_in_channel']);
  await h.interact(click('U61', 'CPRIVBTN', buttons[0]!));
  const notice = await h.fake.waitFor('chat.postMessage', dmTo('U61'));
  expect(blocksText(notice.body)).toContain('bien enregistrée');
  await h.fake.waitFor('chat.postMessage', (c) => dmTo('U61')(c) && /\d+\/10/.test(blocksText(c.body)));
});

test('a slash command whose reply cannot be shown: the same fallbacks, with a plain notice', async () => {
  h.fake.failures.set('response_url', [404]);
  h.fake.failures.set('chat.postEphemeral', ['channel_not_found']);
  await h.slash('/playbook', 'outage', { user: 'U71', channel: 'CPRIVCMD' });
  const notice = await h.fake.waitFor('chat.postMessage', dmTo('U71'));
  expect(blocksText(notice.body)).toContain('Je n’ai pas pu vous répondre dans <#CPRIVCMD>');
  await h.fake.waitFor('chat.postMessage', (c) => dmTo('U71')(c) && blocksText(c.body).includes('Panne'));
});

test('everything refused (no im:write): the answer is still recorded, one error is logged, the coach goes on', async () => {
  h.fake.failures.set('response_url', [404]);
  h.fake.failures.set('chat.postEphemeral', ['not_in_channel']);
  h.fake.failures.set('conversations.open', ['missing_scope']);
  await answerInModal('U81', 'CPRIVALL', ANSWER);
  await h.fake.waitFor('conversations.open:missing_scope');
  const end = Date.now() + 5000;
  while (!logs.join('').includes('could not be delivered at all') && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(logs.join('')).toContain('could not be delivered at all');
  expect(logs.join('')).toContain('im:write');
  expect(answered('CPRIVALL', 'U81')).toBe(true);
  expect((await fetch(`http://127.0.0.1:${h.server.address.port}/healthz`)).status).toBe(200);
});
