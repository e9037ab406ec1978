// How incident messages reach each surface: the owner's mention, and the edit box that starts from the draft.
import { renderAdaptiveCards } from '../../src/render/adaptive-cards.js';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import type { Message } from '../../src/core/message.js';

const reminder = (notify: Message['notify']): Message => ({
  sections: [{ parts: [{ kind: 'text', text: 'Une mise à jour est attendue.' }] }],
  actions: [{ label: 'Publier une mise à jour', value: '/incident update #1 ', input: { hint: 'h', placeholder: 'Ce que les utilisateurs doivent savoir', initial: 'Dernier avis\n- point' } }],
  visibility: 'public', lang: 'fr', notify,
});

test('Slack: a real mention for a member id, never for anything else', () => {
  expect(JSON.stringify(renderBlockKit(reminder([{ id: 'U012ABC', name: 'Alice' }]))[0]!.blocks)).toContain('"text":"<@U012ABC>"');
  for (const id of ['!channel', 'U1> <!here', 'alice', 'u1']) {
    const text = JSON.stringify(renderBlockKit(reminder([{ id }]))[0]!.blocks);
    expect(text).not.toMatch(/<@|<!/);
  }
});

test('Teams: a mention entity named in its own TextBlock; names cannot forge markup; the input starts from the draft', () => {
  const [card] = renderAdaptiveCards(reminder([{ id: 'aad-1', name: 'Alice <b>[x](http://evil)' }]));
  const entities = (card!.msteams as unknown as { entities: { text: string; mentioned: { id: string } }[] }).entities;
  expect(entities).toHaveLength(1);
  expect(entities[0]!.mentioned.id).toBe('aad-1');
  expect(entities[0]!.text).not.toContain('<b>');
  expect(entities[0]!.text).not.toContain('](');
  expect(card!.body.some((e) => e.type === 'TextBlock' && e.text === entities[0]!.text)).toBe(true);
  const input = card!.body.find((e) => e.type === 'Input.Text')!;
  expect(input).toMatchObject({ value: 'Dernier avis\n- point', placeholder: 'Ce que les utilisateurs doivent savoir' });
  expect(renderAdaptiveCards(reminder(undefined))[0]!.msteams).toEqual({ width: 'Full' });
});

test('terminal: control characters from user text never reach the screen', () => {
  const out = renderTerminal({ sections: [{ parts: [{ kind: 'text', text: 'Panne \u001b[2J\u0007grave' }] }], visibility: 'public' }, { color: false, width: 0 });
  expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
});
