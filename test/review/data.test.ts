// The labelled drafts: the evaluation sets are frozen (any change shows here), none of their drafts is
// in the training drafts (every .jsonl of content/reviews), and every set covers each situation in both
// languages at every quality level.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.js';

const read = (path: string) => readFileSync(join(root, path), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; situation: string; lang: string; quality: string; draft: string });
const TRAINING = readdirSync(join(root, 'content/reviews')).filter((f) => f.endsWith('.jsonl')).map((f) => `content/reviews/${f}`);
const FROZEN = ['test/review/eval-drafts.jsonl', 'test/review/after-freeze-drafts.jsonl', 'test/review/session4-frozen-drafts.jsonl'];
const sha = (path: string) => createHash('sha256').update(readFileSync(join(root, path))).digest('hex');

test('the evaluation sets are frozen: written before tuning (split), after the final freeze, and in session 4 before any change', () => {
  expect(sha('test/review/eval-drafts.jsonl')).toBe('ed22daf17c8e8955ed89dcfb4893c41833e1273c55a92a88ce1c14487e8cc762');
  expect(sha('test/review/after-freeze-drafts.jsonl')).toBe('f14aa0708ff5c9c114f32df8068d19744635c292bcb4797916405e6b348966b0');
  expect(sha('test/review/session4-frozen-drafts.jsonl')).toBe('6167016b03b8fb824f9802eadb129533085b296f31db1daec49c9af01d547324');
});

test('no evaluation draft is among the training drafts, by id or by text', () => {
  const train = TRAINING.flatMap(read);
  expect(train.length).toBeGreaterThan(500);
  const ids = new Set(train.map((d) => d.id));
  const texts = new Set(train.map((d) => d.draft));
  for (const file of FROZEN) {
    for (const d of read(file)) {
      expect(ids.has(d.id)).toBe(false);
      expect(texts.has(d.draft)).toBe(false);
    }
  }
});

test('at least 60 drafts per situation in all, in French and English, at every quality level', () => {
  const all = [...TRAINING, ...FROZEN].flatMap(read);
  for (const situation of ['angry-user', 'outage', 'change-refused', 'ticket-flood']) {
    const mine = all.filter((d) => d.situation === situation);
    expect(mine.length).toBeGreaterThanOrEqual(60);
    for (const lang of ['fr', 'en']) {
      for (const quality of ['poor', 'fair', 'good', 'excellent']) {
        expect(mine.filter((d) => d.lang === lang && d.quality === quality).length).toBeGreaterThanOrEqual(3);
      }
    }
  }
});
