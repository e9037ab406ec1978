// Slash commands as Slack sends them (entities and control sequences), over signed HTTP: the text is
// decoded once at the edge, stored and exported decoded, and escaped once when shown. And /answer, which
// the help tells Slack users to type, works as a slash command.
import { exportScores } from '../../src/cli/export.js';
import { decodeEntities } from '../../src/adapters/slack/slack-text.js';
import { blocksText, startSlackCoach, type SlackHarness } from './slack-harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackCoach();
});
afterAll(() => h.stop());

/** The mrkdwn of a reply, and what a Slack client shows for it (entities decoded, word joiners invisible). */
async function reply(id: number): Promise<{ mrkdwn: string; shown: string }> {
  const body = (await h.fake.response(id)).body;
  const mrkdwn = (body.blocks as { text?: { text?: string } }[]).map((b) => b.text?.text ?? '').join('\n');
  return { mrkdwn, shown: decodeEntities(mrkdwn).replace(/\u2060/g, '') };
}

async function award(text: string, channel = 'CESC') {
  const sent = await h.slash('/coach', `award ${text}`, { user: 'UADMIN', channel });
  expect(sent.status).toBe(200);
  return reply(sent.id);
}

const lastReason = async () => (await h.coach.stores('T1').readLog()).at(-1)?.reason;

test('the issue’s award: stored, shown and exported as “merci & bravo <3 #general”', async () => {
  const shown = await award('<@U0B|bob> 2 merci &amp; bravo &lt;3 <#C123|general>');
  expect(shown.shown).toContain('à bob : merci & bravo <3 #general.');
  expect(shown.mrkdwn).toContain('merci &amp; bravo &lt;3 #general'); // escaped once, when rendered
  expect(shown.mrkdwn).not.toMatch(/&amp;(amp|lt|gt);|<#C123/);
  expect(await lastReason()).toBe('merci & bravo <3 #general');
  expect(h.coach.stores('T1').read((ws) => [ws.channels.CESC?.totals.U0B?.points, ws.members.U0B?.name])).toEqual([2, 'bob']);

  let csv = '';
  expect(await exportScores(['--file', h.dataFile], { out: (s) => void (csv += s), err: () => undefined, env: {} })).toBe(0);
  expect(csv).toContain('merci & bravo <3 #general');
  expect(csv).not.toMatch(/&lt;|&amp;|<#C/);
});

test.each([
  ['double-encoded entities: the person typed “&lt;b&gt;”', 'code &amp;lt;b&amp;gt; ok', 'code &lt;b&gt; ok'],
  ['a link with its label, one without, entities in a query', 'voir <https://wiki.example.org|le wiki> et <https://x.example.org/a?x=1&amp;y=2>', 'voir le wiki et https://x.example.org/a?x=1&y=2'],
  ['a typed address Slack linked', 'doc sur <http://wiki.example.org|wiki.example.org>', 'doc sur wiki.example.org'],
  ['special mentions become words', 'bravo <!here> <!channel> <!subteam^S1|@soutien>', 'bravo @here @channel @soutien'],
  ['a channel without its name', 'aide dans <#C777>', 'aide dans #C777'],
  ['typed angle brackets stay text', 'il a écrit &lt;@U0B&gt; &lt;!here&gt;', 'il a écrit <@U0B> <!here>'],
])('%s', async (_, reason, stored) => {
  const shown = await award(`<@U0B|bob> 1 ${reason}`);
  expect(await lastReason()).toBe(stored);
  expect(shown.shown).toContain(stored);
  // Echoed back, nothing is a live sequence or a ping.
  expect(shown.mrkdwn).not.toMatch(/<[@#!]|@(here|channel|everyone)\b/);
});

test('a mention without a name is still the person (the id; the name is looked up elsewhere)', async () => {
  await award('<@U0C> 3 belle reprise', 'CNONAME');
  expect(h.coach.stores('T1').read((ws) => ws.channels.CNONAME?.totals.U0C?.points)).toBe(3);
});

test('/answer is a slash command in Slack: it answers the open challenge', async () => {
  await h.slash('/coach', 'post', { user: 'UADMIN', channel: 'CANS' });
  await h.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CANS');
  const sent = await h.slash('/answer', '2', { user: 'U9', channel: 'CANS' });
  expect(sent.status).toBe(200);
  expect(blocksText((await h.fake.response(sent.id)).body)).toMatch(/\d+\/10/);
  expect(h.coach.stores('T1').read((ws) => ws.channels.CANS?.totals.U9?.answers)).toBe(1);
});
