// Matching evidence in answers: stems, gaps, typos, and negation (a negated phrase is no evidence of a
// key point, and a negated red-flag phrase does not fire).
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { gradeFreeText } from '../../src/grading/grade.js';
import { compilePhrase, Matcher } from '../../src/grading/evidence.js';
import { tokenize } from '../../src/grading/text.js';
import { root } from '../helpers.js';

const library = loadLibrary(join(root, 'content'));
const grade = (id: string, answer: string) => gradeFreeText(library.scenarios.find((s) => s.id === id)!, answer);
const shows = (id: string, answer: string, key: string) => {
  const r = grade(id, answer);
  return r.covered.includes(key) || r.flags.includes(key);
};

describe('illegal MP3s: the download red flag', () => {
  test.each([
    'je ne vais pas les télécharger illégalement',
    'je ne les téléchargerais pas',
    'je vais pas les télécharger',
    'je les télécharge pas, voyons',
    'je ferais pas ça, je les télécharge pas',
    'jamais je les télécharge',
    'je refuse de les télécharger',
    "I won't download them",
    'I will not download them',
    "I'd never download them",
    'I refuse to download them',
  ])('does not fire on "%s"', (answer) => {
    expect(shows('illegal-mp3', answer, 'downloads-anyway')).toBe(false);
  });

  test.each([
    'ok je vais les télécharger',
    'Je ne refuserais pas, je les téléchargerais.',
    "ok I'll download them",
    "sure, I'll download them for her",
  ])('fires on "%s"', (answer) => {
    const r = grade('illegal-mp3', answer);
    expect(r.flags).toContain('downloads-anyway');
    expect(r.score).toBeLessThanOrEqual(1);
  });

  test('the negated phrase is kept for debugging', () => {
    const r = grade('illegal-mp3', 'je ne vais pas les télécharger illégalement');
    expect(r.flags).toEqual([]);
    expect(r.negated['downloads-anyway']).toEqual(['je ne vais pas les télécharger']);
  });
});

describe('a refusal that is negated is not a refusal', () => {
  test.each([
    ['illegal-mp3', 'je ne refuserais pas', false],
    ['illegal-mp3', 'je refuserais poliment', true],
    ['illegal-mp3', 'je refuse', true],
    ['illegal-mp3', "I wouldn't decline", false],
    ['illegal-mp3', "I'd decline politely", true],
    ['illegal-mp3', "I don't think it's illegal", false],
    ['illegal-mp3', "ce n'est pas illégal", false],
    ['illegal-mp3', "c'est pas illégal", false],
    ['illegal-mp3', "c'est illégal", true],
  ] as const)('%s: "%s" covers refuse-illegal: %s', (id, answer, covered) => {
    expect(shows(id, answer, 'refuse-illegal')).toBe(covered);
  });

  test.each([
    ['je ne refuserais pas, je proposerais un installateur', false],
    ["I wouldn't refuse, I'd recommend an installer", false],
    ["I wouldn't just refuse, I'd recommend an installer", false],
    ['I just refuse', true],
    ['je refuse point final', true],
    // A polite refusal that offers alternatives is not a flat refusal.
    ['je refuserais poliment, mais je leur recommande un installateur', false],
  ] as const)('cottage camera: "%s" fires flat-refusal: %s', (answer, fired) => {
    expect(shows('cottage-camera', answer, 'flat-refusal')).toBe(fired);
  });
});

describe('key points and red flags in FR and EN', () => {
  test.each([
    ['lost-mouse', "sans rire d'elle, je lui demande ce qu'elle voit", 'stay-respectful', true],
    ['lost-mouse', "sans rire d'elle, je lui demande ce qu'elle voit", 'mocks-user', false],
    ['lost-mouse', "je vais rire d'elle", 'mocks-user', true],
    ['lost-mouse', 'je ne vérifierais pas les piles', 'check-causes', false],
    ['lost-mouse', 'je vérifierais les piles', 'check-causes', true],
    ['lost-mouse', "je vérifierais d'abord ses piles", 'check-causes', true],
    ['lost-mouse', "je ne rirais pas d'elle mais je lui montrerais le truc", 'fix-and-explain', true],
    ['lost-mouse', "je ne rirais pas d'elle mais je lui montrerais le truc", 'mocks-user', false],
    ['lost-mouse', 'je ne ferais rien sans vérifier les piles', 'check-causes', true],
    ['lost-mouse', 'je ne fais que vérifier les piles', 'check-causes', true],
    ['lost-mouse', 'pas de problème, je vérifie les piles', 'check-causes', true],
    ['lost-mouse', "no problem, I'll check the batteries", 'check-causes', true],
    ['lost-mouse', "I wouldn't check the batteries", 'check-causes', false],
    ['lost-mouse', "without laughing at her, I'd ask what she sees", 'stay-respectful', true],
    ['lost-mouse', "without laughing at her, I'd ask what she sees", 'mocks-user', false],
    ['lost-mouse', "I'd laugh at her", 'mocks-user', true],
    ['lost-mouse', 'I would never laugh at her or tell the team', 'mocks-user', false],
    ['lost-mouse', 'I would never laugh at her or tell the team', 'gossips', false],
    ['lost-mouse', "je ne raconterais pas l'histoire aux collègues", 'gossips', false],
    ['lost-mouse', "je raconterais l'histoire aux collègues", 'gossips', true],
    ['lost-mouse', "pas question de se moquer d'elle", 'mocks-user', false],
    ['lost-mouse', "au lieu de rire d'elle, je l'aide", 'mocks-user', false],
    ['lost-mouse', 'instead of making fun of her I help', 'mocks-user', false],
    ['lost-mouse', 'not only would I check the batteries', 'check-causes', true],
    ['monday-password', 'je ne lui ferais pas la morale', 'mocks-user', false],
    ['monday-password', 'je lui fais pas la morale', 'mocks-user', false],
    ['monday-password', 'je lui ferais la morale', 'mocks-user', true],
    ['monday-password', 'surtout pas de post-it sous le clavier', 'weak-or-written-password', false],
    ['monday-password', 'no sticky notes, ever', 'weak-or-written-password', false],
    ['monday-password', "I don't read the password over the phone", 'unverified-reset', false],
    ['monday-password', 'je ne réinitialise jamais sur simple appel', 'unverified-reset', false],
    ['monday-password', 'I read the password over the phone', 'unverified-reset', true],
    ['browsing-report', "c'est sa vie privée", 'ignores-it', false],
    ['browsing-report', "c'est sa vie privée", 'privacy', true],
    ['browsing-report', 'je fais rien', 'ignores-it', true],
    ['browsing-report', 'je ne ferais aucun commentaire', 'ignores-it', false],
    ['evening-calls', "I'd figure out why it fails", 'cold-refusal', false],
    ['evening-calls', 'he can figure it out', 'cold-refusal', true],
    ['touchscreen', 'le problème, on le règle ensemble', 'flat-refusal', false],
  ] as const)('%s: "%s" shows %s: %s', (id, answer, key, shown) => {
    expect(shows(id, answer, key)).toBe(shown);
  });
});

describe('negation scopes', () => {
  /** The words a negation covers, negators aside. */
  const scoped = (text: string) => tokenize(text).filter((t) => !t.negator && t.scopes.length % 2 === 1).map((t) => t.word);

  test('FR: ne … pas, Quebec "pas" alone, sans + infinitive; scopes stop at punctuation and conjunctions', () => {
    expect(scoped('je ne les téléchargerais pas')).toEqual(['les', 'telechargerais']);
    expect(scoped('je ferais pas ça')).toEqual(['ferais', 'ca']);
    expect(scoped('sans la juger, je lui explique')).toEqual(['la', 'juger']);
    expect(scoped('je ne rirais pas mais je lui montrerais')).toEqual(['rirais']);
  });

  test('EN: not, n\'t, never, without, refuse to; a negation inside a negation cancels out', () => {
    expect(scoped("I won't download them")).toEqual(['download', 'them']);
    expect(scoped('I would never laugh at her, I would help')).toEqual(['laugh', 'at', 'her']);
    expect(scoped('I refuse to download them')).toEqual(['download', 'them']);
    expect(scoped('I would not refuse to help')).toEqual(['refuse']);
  });

  test('idioms are not negations: "pas de problème", "no worries", "not only", "ne … que"', () => {
    expect(scoped('pas de problème je vérifie')).toEqual([]);
    expect(scoped('no worries I will check')).toEqual([]);
    expect(scoped('not only will I check')).toEqual([]);
    expect(scoped('je ne fais que vérifier')).toEqual([]);
    expect(scoped("n'importe qui peut appeler")).toEqual([]);
    expect(tokenize("je ne réinitialise pas pour n'importe qui").filter((t) => t.negator).map((t) => t.word)).toEqual(['ne', 'pas']);
  });
});

describe('phrases, stems and typos', () => {
  test.each([
    ['lost-mouse', "je vérifierais d'abord ses piles", 'check-causes', true],
    ['lost-mouse', 'les piles, je les vérifierais en premier', 'check-causes', true],
    ['lost-mouse', 'je regarde le bluetoth', 'check-causes', true],
    ['lost-mouse', 'je vais checker si le curseur est rendu sur l’autre écran', 'clarify-need', true],
    ['monday-password', 'je vérifierais son identitée', 'verify-identity', true],
    ['monday-password', 'je lui conseille un gestionaire de mots de passe', 'lasting-fix', true],
    ['illegal-mp3', 'Télécharger des MP3, c’est illégal.', 'downloads-anyway', false],
    ['illegal-mp3', 'Downloading them would be illegal.', 'downloads-anyway', false],
    ['lost-mouse', 'la souris est dans sa main', 'mocks-user', false],
    ['lost-mouse', "c'est dans ta main!", 'mocks-user', true],
    ['touchscreen', 'her problem, not mine', 'flat-refusal', true],
    ['touchscreen', 'we will solve the problem together', 'flat-refusal', false],
  ] as const)('%s: "%s" shows %s: %s', (id, answer, key, shown) => {
    expect(shows(id, answer, key)).toBe(shown);
  });

  test('a phrase matches as a stem sequence with small gaps; stop words in it are optional', () => {
    const phrase = compilePhrase('vérifier les piles')!;
    const find = (text: string) => new Matcher(new Set()).find(phrase, tokenize(text)).map((m) => ({ at: m.at.length, negated: m.negated }));
    expect(find("je vérifierais d'abord ses piles")).toEqual([{ at: 2, negated: false }]);
    expect(find('je ne vérifierais pas ses piles')).toEqual([{ at: 2, negated: true }]);
    expect(find('vérifier. Les piles')).toEqual([]);
    expect(find('vérifier si le client a vraiment bien changé les piles')).toEqual([]);
  });

  test('evidence reports the words of the answer that matched', () => {
    const r = grade('lost-mouse', 'Je regarderais le deuxième grand écran.');
    expect(r.evidence['check-causes']).toEqual(['deuxième grand écran']);
  });

  test('a point and a flag reading the same words: the longer reading wins', () => {
    const r = grade('illegal-mp3', 'Je refuse et je ferme le ticket.');
    expect(r.flags).toEqual(['cold-refusal']);
    expect(r.covered).not.toContain('refuse-illegal');
  });
});
