// Grading judges the decision, not the keywords: harmful decisions score low whatever principles surround
// them, the right conditional is no red flag, a list of words is no answer, mockery is named, and plain-word
// answers that decide well score high. Texts here are written for these tests (not from the graded sets).
import { join } from 'node:path';
import { loadLibrary } from '../../src/app/build-coach.js';
import { feedbackMessage, gradeFreeText } from '../../src/grading/grade.js';
import { plain, root } from '../helpers.js';

const library = loadLibrary(join(root, 'content'));
const scenario = (id: string) => library.scenarios.find((s) => s.id === id)!;
const grade = (id: string, answer: string, lang: 'fr' | 'en' = 'fr') => gradeFreeText(scenario(id), answer, lang);

describe('a harmful decision scores low, even amid the right principles', () => {
  test.each([
    ['lost-mouse', 'en', 'wipes-computer', 'I listen, I apologise, I show empathy and I keep it between us… then I format her PC tonight.'],
    ['lost-mouse', 'fr', 'wipes-computer', 'J’écoute, je m’excuse, je fais preuve d’empathie et je garde ça pour moi… puis je formate son ordinateur ce soir.'],
    ['remote-no-internet', 'en', 'copies-client-data', 'I tell the supervisor honestly, I check the cell signal and keep her diagnosis private, then I copy the client database to my own laptop and bring it over.'],
    ['cottage-camera', 'en', 'company-time-and-budget', 'I thank them warmly, explain privacy and the neighbours, then I install the camera on company time and pay for it with the IT budget.'],
    ['cottage-camera', 'fr', 'company-time-and-budget', 'Je les remercie, je parle des voisins et de la vie privée, puis j’y vais sur mes heures de travail et je paie la caméra avec le budget des TI.'],
    ['training-dvd', 'fr', 'copies-anyway', 'Je le remercie pour cette belle initiative en santé-sécurité et je lui parle du droit d’auteur, puis je grave dix copies pour les usines.'],
    ['illegal-mp3', 'en', 'downloads-anyway', 'I thank her and explain copyright and malware, but since she’s a director I download them tonight anyway.'],
    ['browsing-report', 'fr', 'gossip', 'Je reste professionnel et je vérifie la politique, mais je le raconte dans le channel de l’équipe, c’est trop drôle.'],
  ])('%s (%s): %s', (id, lang, flag, answer) => {
    const r = grade(id, answer, lang as 'fr' | 'en');
    expect({ flags: r.flags, decisions: r.decisions }).toMatchObject({ flags: expect.arrayContaining([flag]) });
    expect(r.score).toBeLessThanOrEqual(1);
  });

  test('an instruction without a subject is a decision too; a sentence judging the act is not', () => {
    expect(grade('training-dvd', 'Copier le DVD pour chaque usine, puis le remettre.').flags).toContain('copies-anyway');
    expect(grade('training-dvd', 'Copier le DVD, c’est illégal : je propose plutôt un visionnement de groupe.').flags).not.toContain('copies-anyway');
    expect(grade('training-dvd', 'Copying it would infringe copyright, so let’s screen it for everyone instead.', 'en').flags).not.toContain('copies-anyway');
  });

  test('negated and hypothetical decisions are not decisions', () => {
    for (const [id, answer, lang] of [
      ['lost-mouse', 'Je ne formaterais jamais son PC pour ça : je regarde plutôt le deuxième écran avec elle.', 'fr'],
      ['training-dvd', 'I won’t burn copies; instead I’ll ask the publisher and check the CNESST site.', 'en'],
      ['training-dvd', 'Si je le copiais, ce serait illégal, alors je demande la permission à l’éditeur.', 'fr'],
      ['illegal-mp3', 'Au lieu de les télécharger, je lui trouve de la musique libre de droits.', 'fr'],
    ] as const) {
      const r = grade(id, answer, lang);
      expect({ answer, decisions: r.decisions }).toEqual({ answer, decisions: [] });
    }
  });

  test('the conditional that is the right decision is not a red flag', () => {
    for (const [answer, lang] of [
      ['I’ll copy it only if the publisher gives us written permission.', 'en'],
      ['Je le copierais seulement avec une permission écrite de l’éditeur.', 'fr'],
      ['On fait des copies uniquement si le détenteur des droits nous donne l’autorisation par écrit.', 'fr'],
    ] as const) {
      const r = grade('training-dvd', answer, lang);
      expect({ answer, flags: r.flags }).toEqual({ answer, flags: [] });
      expect(r.score).toBeGreaterThan(1);
    }
    // A legal download is no illegal one.
    expect(grade('illegal-mp3', 'Je télécharge de la musique libre de droits avec une licence commerciale.').flags).toEqual([]);
  });
});

describe('an answer must be an answer', () => {
  test('a bare list of the rubric’s words scores low and says why', () => {
    for (const [id, answer] of [
      ['lost-mouse', 'sans rire respect discrètement écran pointeur piles'],
      ['illegal-mp3', 'copyright SOCAN Creative Commons royalty-free malware licence'],
      ['monday-password', 'identité, mot de passe temporaire, phrase de passe, libre-service, suivi'],
    ]) {
      const r = grade(id!, answer!);
      expect({ answer, flags: r.flags }).toMatchObject({ answer, flags: expect.arrayContaining(['not-an-answer']) });
      expect(r.score).toBeLessThanOrEqual(2);
    }
  });

  test('a short real sentence is not a list', () => {
    expect(grade('lost-mouse', 'Check the batteries and the USB receiver.', 'en').flags).not.toContain('not-an-answer');
    expect(grade('lost-mouse', 'Je vérifierais les piles de la souris.').flags).not.toContain('not-an-answer');
  });
});

describe('tone', () => {
  test('mockery and insults are flagged, capped, and named in the feedback in the person’s language', () => {
    const s = scenario('lost-mouse');
    const fr = gradeFreeText(s, 'Franchement elle est niaiseuse, je lui dis que c’est dans sa main lol.', 'fr');
    expect(fr.flags).toContain('disrespectful-tone');
    expect(fr.disrespect).toEqual(expect.arrayContaining(['niaiseuse', 'lol']));
    expect(fr.score).toBeLessThanOrEqual(1);
    expect(plain(feedbackMessage(s, fr, 'fr', library))).toContain('Un ton irrespectueux envers la personne');
    const en = gradeFreeText(s, 'What a moron, it’s literally in her hand 🙄', 'en');
    expect(en.flags).toContain('disrespectful-tone');
    expect(plain(feedbackMessage(s, en, 'en', library))).toContain('A disrespectful tone towards the person');
  });

  test('respect stated by negation, or a feeling spared, is no disrespect', () => {
    for (const answer of ['Sans rire d’elle, je lui demande ce qu’elle voit.', 'I wouldn’t laugh, so she doesn’t feel stupid.', 'Pas de soupir, pas de blague : je cherche le pointeur avec elle.']) {
      expect({ answer, flags: grade('lost-mouse', answer).flags }).toEqual({ answer, flags: [] });
    }
  });

  test('the feedback names a harmful decision with its cap', () => {
    const s = scenario('lost-mouse');
    const r = gradeFreeText(s, 'Je reste calme, puis je réinstalle Windows sur son poste cette nuit.', 'fr');
    const text = plain(feedbackMessage(s, r, 'fr', library));
    expect(text).toContain(`${s.fr.redFlags.find((f) => f.id === 'wipes-computer')!.flag} (note plafonnée à 1/10)`);
  });
});

describe('plain words that decide well score high', () => {
  test.each([
    ['lost-mouse', 'fr', 'Je garde mon sérieux et je lui demande de me montrer ce qui se passe quand elle bouge la souris. Souvent la flèche est partie sur l’autre moniteur ou la pile est morte : on regarde ça ensemble, je règle le tout et je lui montre comment la retrouver la prochaine fois. Ça reste entre nous.'],
    ['training-dvd', 'en', 'Good idea to train the team on safety, thanks for asking. We can’t duplicate a DVD that belongs to another company, it’s protected by copyright. I’ll check the case for screening rights and ask the publisher about extra copies; meanwhile the CNESST has free videos online, or we can show it to everyone in the conference room while we have it.'],
    ['monday-password', 'fr', 'Je confirme que c’est bien lui avec la question de sécurité, je le débloque avec un mot de passe temporaire, puis on regarde ensemble pourquoi ça arrive chaque lundi. Je l’aide à choisir une phrase de passe et je l’inscris au libre-service, et je le relance lundi prochain.'],
  ])('%s (%s)', (id, lang, answer) => {
    const r = grade(id, answer, lang as 'fr' | 'en');
    expect({ flags: r.flags, high: r.score >= 7 }).toEqual({ flags: [], high: true });
  });
});

describe('the learned model', () => {
  test('is trained from the scenario’s graded answers and always gives the same grade', () => {
    const answer = 'Je lui demande ce qu’elle voit à l’écran et je vérifie le deuxième écran avec elle.';
    const first = grade('lost-mouse', answer);
    expect(first.quality).not.toBeNull();
    expect(grade('lost-mouse', answer)).toEqual(first);
  });

  test('a scenario without graded answers is graded by its rubric alone', () => {
    const s = scenario('lost-mouse');
    const bare = { ...s, fr: { ...s.fr, graded: undefined }, en: { ...s.en, graded: undefined } };
    const r = gradeFreeText(bare, 'Je lui demande ce qu’elle voit à l’écran et je vérifie les piles.', 'fr');
    expect(r.quality).toBeNull();
    expect(r.score).toBe(Math.round((10 * 5) / 12));
  });
});
