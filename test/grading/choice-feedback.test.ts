// Choices score the option's points; the feedback is a private neutral Message in the answerer's language.
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { MAX_POINTS } from '../../src/content/model.js';
import { feedbackMessage, gradeChoice, gradeFreeText } from '../../src/grading/grade.js';
import { plain, root } from '../helpers.js';

const library = loadLibrary(join(root, 'content'));
const scenario = (id: string) => library.scenarios.find((s) => s.id === id)!;

describe('gradeChoice', () => {
  test('every option of every scenario scores its points; the best one is worth 10', () => {
    for (const pair of library.scenarios) {
      for (const lang of ['fr', 'en'] as const) {
        const choices = pair[lang].choices;
        const best = choices.findIndex((c) => c.best);
        choices.forEach((choice, i) => {
          const r = gradeChoice(pair, i, lang);
          expect(r).toMatchObject({ kind: 'choice', scenario: pair.id, index: i, score: choice.points, max: MAX_POINTS, explanation: choice.explanation, best, bestText: choices[best]!.text, correct: i === best });
        });
        expect(gradeChoice(pair, best, lang).score).toBe(10);
      }
    }
  });

  test('an option that does not exist is refused', () => {
    expect(() => gradeChoice(scenario('lost-mouse'), 4, 'fr')).toThrow(RangeError);
    expect(() => gradeChoice(scenario('lost-mouse'), -1, 'fr')).toThrow(RangeError);
    expect(() => gradeChoice(scenario('lost-mouse'), 1.5, 'fr')).toThrow(RangeError);
  });
});

describe('feedbackMessage', () => {
  test('free text, in French: the score, points covered and missed, the playbook', () => {
    const s = scenario('lost-mouse');
    const r = gradeFreeText(s, "Je lui demande calmement ce qu'elle voit à l'écran, je vérifie les piles et le deuxième écran.", 'fr');
    const m = feedbackMessage(s, r, 'fr', library);
    expect(m).toMatchObject({ visibility: 'private', lang: 'fr' });
    expect(m.heading).toBe(`Scénario 1 · La souris dans la main : ${r.score}/10`);
    const text = plain(m);
    const titles = m.sections.map((x) => x.title);
    expect(titles).toEqual(['Points couverts', 'Points manqués', 'Pour revoir la situation']);
    for (const id of r.covered) expect(text).toContain(s.fr.rubric.find((p) => p.id === id)!.point);
    for (const id of r.missed) expect(text).toContain(s.fr.rubric.find((p) => p.id === id)!.point);
    expect(text).toContain('/playbook angry-user : Utilisateur fâché');
  });

  test('free text, in English, with a red flag: the flag sentence and its cap', () => {
    const s = scenario('illegal-mp3');
    const r = gradeFreeText(s, "No problem, I'll download them tonight with a YouTube to MP3 converter.", 'en');
    const m = feedbackMessage(s, r, 'en', library);
    const text = plain(m);
    expect(m.heading).toBe('Scenario 4 · The pirate playlist: 0/10');
    expect(m.sections.map((x) => x.title)).toEqual(['Points covered', 'Points missed', 'To avoid', 'To review the situation']);
    expect(text).toContain('I found none of the key points in your answer.');
    expect(text).toContain(`${s.en.redFlags.find((f) => f.id === 'downloads-anyway')!.flag} (score capped at 1/10)`);
    expect(text).toContain("/playbook change-refused: A user asks for a change that won't be made");
  });

  test('a choice that is not the best: its points and explanation, never the best option (that waits for the debrief)', () => {
    for (const pair of library.scenarios) {
      for (const lang of ['fr', 'en'] as const) {
        const choices = pair[lang].choices;
        const best = choices.findIndex((c) => c.best);
        choices.forEach((choice, i) => {
          const m = feedbackMessage(pair, gradeChoice(pair, i, lang), lang, library);
          const text = plain(m);
          expect(text).toContain(choice.explanation);
          if (i !== best) {
            expect(text).not.toContain(choices[best]!.text);
            expect(text).not.toContain(choices[best]!.explanation);
          }
          expect(text).not.toMatch(/meilleure réponse|best answer/i);
        });
      }
    }
    const s = scenario('lost-mouse');
    const m = feedbackMessage(s, gradeChoice(s, 0, 'en'), 'en', library);
    expect(m.heading).toBe('Scenario 1 · The mouse in her hand: 3/10');
    expect(m.sections.map((x) => x.title)).toEqual(['Your choice: 3 points out of 10', 'To review the situation']);
    expect(m.footnote).toBe('Private feedback: only you can see it. The best choice and a model answer come with the debrief.');
    expect(plain(feedbackMessage(s, gradeChoice(s, 2, 'fr'), 'fr', library))).toContain('Votre choix : 2 points sur 10');
  });

  test('French agrees "point" with 0 and 1, English only with 1', () => {
    const s = scenario('monday-password'); // its second option is worth 0 points
    expect(feedbackMessage(s, gradeChoice(s, 1, 'fr'), 'fr', library).sections[0]!.title).toBe('Votre choix : 0 point sur 10');
    expect(feedbackMessage(s, gradeChoice(s, 1, 'en'), 'en', library).sections[0]!.title).toBe('Your choice: 0 points out of 10');
    const r = scenario('remote-no-internet'); // its first option is worth 1 point
    expect(feedbackMessage(r, gradeChoice(r, 0, 'fr'), 'fr', library).sections[0]!.title).toBe('Votre choix : 1 point sur 10');
    expect(feedbackMessage(r, gradeChoice(r, 0, 'en'), 'en', library).sections[0]!.title).toBe('Your choice: 1 point out of 10');
  });

  test('the best choice: no "best answer" section; titles can be passed without the library', () => {
    const s = scenario('monday-password');
    const best = s.fr.choices.findIndex((c) => c.best);
    const m = feedbackMessage(s, gradeChoice(s, best, 'fr'), 'fr', { 'angry-user': { fr: 'Utilisateur fâché' } });
    expect(m.sections.map((x) => x.title)).toEqual(['Votre choix : 10 points sur 10', 'Pour revoir la situation']);
    expect(plain(m)).toContain('/playbook angry-user : Utilisateur fâché');
    expect(plain(m)).toContain('/playbook ticket-flood : ticket-flood');
  });
});
