// What `/answer …` means: every way of writing a choice number is that choice; numbers that are no option
// are never graded as text; words too short to grade wait for a confirmation.
import { parseAnswer, tooShortToGrade } from '../../src/core/answer-input.js';

test('a choice number however it is written', () => {
  const two = [
    '2', ' 2 ', '2.', '2)', '(2)', '[2]', '#2', '# 2', '#2.', 'n°2', 'n° 2', 'nº 2', 'no 2', 'no. 2', 'num 2', 'numéro 2', 'number 2',
    'option 2', 'Option 2', 'option #2', 'option: 2', 'option2', "l'option 2", 'l’option 2', 'la 2', 'la deuxième', 'la 2e', '2e', '2ème', '2nd',
    'choix 2', 'Choix 2', 'choice 2', 'réponse 2', 'answer 2', 'je choisis la 2', 'je prends la 2', 'I pick 2', 'I choose option 2', 'go with 2',
    'c’est la 2', '2 svp', 'option 2 please', 'the second one', 'second', 'deux', 'two', 'option deux', '２', '2️⃣', '« 2 »', '"2"', '**2**', '2!',
  ];
  for (const text of two) expect([text, parseAnswer(text)]).toEqual([text, { kind: 'choice', number: 2 }]);
  expect(parseAnswer('1')).toEqual({ kind: 'choice', number: 1 });
  expect(parseAnswer('un')).toEqual({ kind: 'choice', number: 1 });
  expect(parseAnswer('1re')).toEqual({ kind: 'choice', number: 1 });
  expect(parseAnswer('first')).toEqual({ kind: 'choice', number: 1 });
  expect(parseAnswer('option 4')).toEqual({ kind: 'choice', number: 4 });
  expect(parseAnswer('9')).toEqual({ kind: 'choice', number: 9 }); // out of range for a scenario: the domain says so
  expect(parseAnswer('12')).toEqual({ kind: 'choice', number: 12 });
});

test('numbers that are no option are never free text', () => {
  for (const text of ['0', '-1', '−2', '2.5', '123', 'option 0', '#0', '1000']) {
    expect([text, parseAnswer(text).kind]).toEqual([text, 'not-a-choice']);
  }
});

test('words stay words, even with a number in them', () => {
  for (const text of [
    'je vais appeler le 2', '2 je l’écoute calmement', 'Je reste calme et je vérifie avec elle.', 'ok', 'je sais pas', 'mp3', 'option',
    '2 3', 'je choisis', 'the second option is best because it listens',
  ]) {
    expect([text, parseAnswer(text).kind]).toEqual([text, 'text']);
  }
});

test('a leading ! confirms words as they are, and never reads them as a choice', () => {
  expect(parseAnswer('! ok')).toEqual({ kind: 'text', text: 'ok', confirmed: true });
  expect(parseAnswer('!ok')).toEqual({ kind: 'text', text: 'ok', confirmed: true });
  expect(parseAnswer('! 2')).toEqual({ kind: 'text', text: '2', confirmed: true });
  expect(parseAnswer('ok')).toEqual({ kind: 'text', text: 'ok', confirmed: false });
});

test('too short to grade: one or two words, or very few letters', () => {
  for (const text of ['ok', 'OK!', 'oui', 'je sais pas', 'idk lol', 'rester calme', 'Je l’écoute', '2 3', '…', 'a b c d']) expect([text, tooShortToGrade(text)]).toEqual([text, true]);
  for (const text of ['Je reste calme et je l’écoute.', 'Appeler le fournisseur', 'I stay calm and listen to her.', 'Vérifier les piles, le récepteur USB et le deuxième écran.']) {
    expect([text, tooShortToGrade(text)]).toEqual([text, false]);
  }
});
