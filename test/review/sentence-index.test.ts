// Matching a grid's signals only in the sentences the index names finds exactly what matching the whole
// draft finds: phrases never cross a sentence, and the index only skips sentences missing a slot's word.
import { compileGrid } from '../../src/review/review.js';
import { layoutOf } from '../../src/review/layout.js';
import { SentenceIndex } from '../../src/review/sentence-index.js';
import { coach } from '../helpers.js';

const { library } = coach();

test('signals matched sentence by sentence, where the index allows, equal signals matched on the whole draft', () => {
  let compared = 0;
  for (const pair of library.reviews ?? []) {
    const grid = compileGrid({ fr: pair.fr, en: pair.en });
    const drafts = (library.drafts ?? []).filter((d) => d.situation === pair.id).slice(0, 20);
    for (const d of drafts) {
      const layout = layoutOf(d.draft);
      const index = new SentenceIndex(layout);
      for (const label of grid.labels) {
        for (const signal of [...label.signals, ...label.notSignals]) {
          if (!signal.phrase) continue;
          const whole = grid.matcher.find(signal.phrase, layout.tokens).map((m) => `${m.at.join(',')}:${m.negated}`).sort();
          const bySentence = index.candidates(signal.slotNeeds).flatMap((k) => {
            const from = layout.sentences[k]!.from;
            return grid.matcher.find(signal.phrase!, index.tokensOf[k]!).map((m) => `${m.at.map((i) => i + from).join(',')}:${m.negated}`);
          }).sort();
          expect(bySentence).toEqual(whole);
          compared += whole.length;
        }
      }
    }
  }
  expect(compared).toBeGreaterThan(100);
});
