// A modal's private_metadata comes back from Slack as text: whatever it holds, the handler gets an object.
import { readModalMeta } from '../../src/adapters/slack/modal-meta.js';

test('our own metadata comes back as it was put', () => {
  expect(readModalMeta(JSON.stringify({ channel: 'C1', prefix: '/answer ', lang: 'fr' }))).toEqual({ channel: 'C1', prefix: '/answer ', lang: 'fr' });
});

test.each([undefined, '', '{', 'null', '42', '"C1"', '[1,2]', 'true'])('%p gives an empty object, never a throw', (text) => {
  expect(readModalMeta(text)).toEqual({});
});
