// Slack's text format read once at the edge: control sequences first, then the entities of the rest, once;
// escaped again only when rendered (and then shown by Slack as the plain text).
import { decodeEntities, decodeSlackText } from '../../src/adapters/slack/slack-text.js';
import { escapeSlack } from '../../src/render/block-kit.js';

/** What a Slack client shows for a mrkdwn text without sequences: its entities decoded, word joiners invisible. */
const shown = (mrkdwn: string) => decodeEntities(mrkdwn).replace(/\u2060/g, '');

test('the issue’s award: people, entities and channels become plain text', () => {
  const decoded = decodeSlackText('award <@U0B|bob> 2 merci &amp; bravo &lt;3 <#C123|general>');
  expect(decoded).toEqual({ text: 'award @U0B 2 merci & bravo <3 #general', mentions: [{ id: 'U0B', name: 'bob' }] });
});

test.each([
  ['double-encoded entities are decoded once', 'a &amp;lt; b &amp;amp; c', 'a &lt; b &amp; c'],
  ['a typed sequence stays text, never a mention', '&lt;@U1&gt; &lt;!here&gt;', '<@U1> <!here>'],
  ['channel without a name keeps its id', 'voir <#C42>', 'voir #C42'],
  ['channel with an empty name keeps its id', 'voir <#C42|>', 'voir #C42'],
  ['private channel', '<#G9|équipe-n2>', '#équipe-n2'],
  ['special mentions', '<!here> <!channel> <!everyone> <!here|here>', '@here @channel @everyone @here'],
  ['user group with its handle', 'merci <!subteam^S12|@soutien>', 'merci @soutien'],
  ['user group whose label lacks the @', '<!subteam^S12|soutien>', '@soutien'],
  ['user group without a label', '<!subteam^S12>', '@S12'],
  ['date with its fallback', 'le <!date^1392734382^{date_num} {time_secs}|Posted 2014-02-18 6:39:42 AM PST>', 'le Posted 2014-02-18 6:39:42 AM PST'],
  ['date without a fallback', '<!date^1392734382^{date_num}>', '2014-02-18T14:39:42Z'],
  ['link with a label', 'voir <https://wiki.example.org/panne|le wiki>', 'voir le wiki'],
  ['link without a label, entities in its query decoded', '<https://x.example.org/?a=1&amp;b=2>', 'https://x.example.org/?a=1&b=2'],
  ['a typed address Slack linked', '<http://x.example.org|x.example.org>', 'x.example.org'],
  ['mail address', '<mailto:ana@example.org|ana@example.org> <mailto:bo@example.org>', 'ana@example.org bo@example.org'],
  ['label with entities', '<https://x.example.org|a &amp; b>', 'a & b'],
  ['nothing to decode', 'le serveur est tombé', 'le serveur est tombé'],
  ['a lone ampersand and unknown entities stay', 'R&D &nbsp; &quot;', 'R&D &nbsp; &quot;'],
  ['an unknown sequence is kept as typed', '<weird thing>', '<weird thing>'],
])('%s', (_, raw, text) => {
  expect(decodeSlackText(raw).text).toBe(text);
});

test('mentions: without a name, each person once, names decoded', () => {
  expect(decodeSlackText('<@U0C> et <@U0C|carol> et <@W12|a &amp; b> <@U0C>')).toEqual({
    text: '@U0C et @U0C et @W12 @U0C',
    mentions: [{ id: 'U0C', name: 'carol' }, { id: 'W12', name: 'a & b' }],
  });
  expect(decodeSlackText('<@U0C>').mentions).toEqual([{ id: 'U0C' }]);
});

test('escaped again when rendered: the round trip shows the decoded text, and never pings', () => {
  for (const raw of ['merci &amp; bravo &lt;3 <#C123|general>', 'a &amp;lt; b', '<!channel> urgent <!here>', '&lt;!everyone&gt;']) {
    const { text } = decodeSlackText(raw);
    const mrkdwn = escapeSlack(text);
    expect(shown(mrkdwn)).toBe(text);
    expect(mrkdwn).not.toMatch(/<|>|@(here|channel|everyone)\b/);
  }
});
