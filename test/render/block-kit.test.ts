import { join } from 'node:path';
import { buildCoach } from '../../src/app/build-coach.js';
import { playbookMessage } from '../../src/core/playbook-message.js';
import { LIMITS, escapeSlack, renderBlockKit } from '../../src/render/block-kit.js';
import { splitText } from '../../src/render/split-text.js';
import { root } from '../helpers.js';

const { library } = buildCoach({ contentDir: join(root, 'content'), defaultLang: 'fr' });

test('user text is escaped: no @channel ping, no forged link, no mention', () => {
  const [out] = renderBlockKit({
    heading: '<!channel> hi',
    sections: [{ title: '<@U123>', parts: [{ kind: 'text', text: 'see <http://evil.example|your bank> & <!here>' }, { kind: 'bullets', items: [{ text: '<!everyone>' }] }] }],
    actions: [{ label: '<b>', value: '/answer x 1' }],
    footnote: '<@U999|boss>',
    visibility: 'private',
  });
  // mrkdwn (and the notification text) is where Slack parses mentions and links: all escaped there.
  const mrkdwnTexts: string[] = [out!.text];
  JSON.stringify(out, (key, value) => {
    if (value && typeof value === 'object' && value.type === 'mrkdwn') mrkdwnTexts.push(value.text);
    return value;
  });
  expect(mrkdwnTexts.length).toBeGreaterThan(2);
  for (const t of mrkdwnTexts) expect(t).not.toMatch(/<|>/);
  expect(mrkdwnTexts.join('\n')).toContain('&lt;http://evil.example|your bank&gt; &amp; &lt;!here&gt;');
  // Headers and button labels are plain_text, which Slack never parses for mentions.
  expect(out!.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
  expect(escapeSlack('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
});

test('every playbook renders within Slack limits in both languages', () => {
  for (const pair of library.playbooks) {
    for (const lang of ['fr', 'en'] as const) {
      for (const msg of renderBlockKit(playbookMessage(pair[lang]))) {
        expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
        for (const b of msg.blocks) {
          const text = (b.text as { text?: string } | undefined)?.text ?? '';
          expect(text.length).toBeLessThanOrEqual(b.type === 'header' ? LIMITS.header : LIMITS.text);
        }
        expect(msg.blocks[0]!.type).toBe('header');
      }
    }
  }
});

test('long text is split at line breaks under 3,000 characters, never inside an entity', () => {
  const long = Array.from({ length: 400 }, (_, i) => `ligne ${i} avec & et < et >`).join('\n');
  const pieces = splitText(escapeSlack(long), LIMITS.text);
  expect(pieces.length).toBeGreaterThan(3);
  for (const p of pieces) {
    expect(p.length).toBeLessThanOrEqual(3000);
    expect(p).not.toMatch(/&[a-z]*$/);
  }
  expect(pieces.join('\n')).toBe(escapeSlack(long));
});

test('more than 50 blocks become several messages; more than 25 buttons several action blocks', () => {
  const sections = Array.from({ length: 70 }, (_, i) => ({ title: `S${i}`, parts: [{ kind: 'text' as const, text: 'x' }] }));
  const actions = Array.from({ length: 30 }, (_, i) => ({ label: `Option ${i}`, value: `/answer c ${i}` }));
  const out = renderBlockKit({ heading: 'H', sections, actions, visibility: 'public' });
  expect(out.length).toBe(2);
  expect(out.flatMap((m) => m.blocks).filter((b) => b.type === 'actions').map((b) => (b.elements as unknown[]).length)).toEqual([25, 5]);
});

test('long choice labels are listed in the text and numbered on their buttons', () => {
  const label = 'x'.repeat(120);
  const [out] = renderBlockKit({ sections: [], actions: [{ label, value: '/answer c 1' }, { label: 'own words', value: '/answer c ', input: { hint: 'h' } }], visibility: 'public' });
  const buttons = out!.blocks.find((b) => b.type === 'actions')!.elements as { text: { text: string }; action_id: string }[];
  expect(buttons[0]!.text.text.length).toBeLessThanOrEqual(75);
  expect(buttons[0]!.text.text.startsWith('1. ')).toBe(true);
  expect(buttons[1]!.action_id).toBe('coach:input');
  expect(JSON.stringify(out)).toContain(`*1.* ${label}`);
});
