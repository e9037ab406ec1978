// Every message of every string table, rendered the way the coach renders it (fill with the table's
// language), with the numbers 0, 1 and 2 and with names that start with a vowel: no "(s)", French elision
// ("qu’alice", "d’Émile"), and nouns agreed (French: 0 and 1 singular; English: only 1).
import { fill, stringTable, STRINGS as core } from '../../src/core/i18n.js';
import { STRINGS as challenge } from '../../src/core/challenge-i18n.js';
import { STRINGS as board } from '../../src/core/board-i18n.js';
import { STRINGS as schedule } from '../../src/core/schedule-strings.js';
import { STRINGS as grading } from '../../src/grading/strings.js';
import { STRINGS as debrief } from '../../src/core/debrief-i18n.js';
import { STRINGS as review } from '../../src/review/strings.js';
import { STRINGS as web, twCount, type WebPluralKey } from '../../src/web/strings.js';
import { STRINGS as answer } from '../../src/core/answer-input.js';
import { STRINGS as rehearsal } from '../../src/adapters/terminal/rehearsal-strings.js';
import { STRINGS as incident } from '../../src/core/incidents/incident-i18n.js';
import { STRINGS as privateReply } from '../../src/adapters/slack/private-reply.js';
import { STRINGS as notices } from '../../src/adapters/teams/notices.js';
import { STRINGS as picks } from '../../src/adapters/terminal/picks.js';
import { STRINGS as listener } from '../../src/core/channel-listener.js';
import { STRINGS as home } from '../../src/core/home.js';
import { STRINGS as state } from '../../src/core/state-strings.js';
import { STRINGS as practice } from '../../src/core/practice-message.js';
import { STRINGS as privacy } from '../../src/core/privacy-strings.js';
import { STRINGS as scenarioChoice } from '../../src/core/scenario-choice-strings.js';
import { STRINGS as recap } from '../../src/core/recap/recap-strings.js';
import { STRINGS as reminders } from '../../src/core/reminder-strings.js';
import { STRINGS as queue } from '../../src/core/queue-strings.js';
import { STRINGS as me } from '../../src/core/me-strings.js';
import type { Lang } from '../../src/content/model.js';

const TABLES: Record<string, Record<Lang, object>> = {
  core, challenge, board, schedule, grading, debrief, review, web, answer, rehearsal, incident, privateReply, notices, picks, listener, home, state, practice, privacy, scenarioChoice, recap, reminders, queue, me,
};

/** Every template of a table in one language: strings, lines of lists, and each form of a plural. */
function templates(table: object): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(table)) {
    if (typeof value === 'string') out.push([key, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => typeof v === 'string' && out.push([`${key}[${i}]`, v]));
  }
  return out;
}

/** Every placeholder gets the same value. */
const every = (value: string | number) => new Proxy({}, { get: () => value }) as Record<string, string | number>;

/** Nouns counted in the messages, singular → plural, per language. */
const NOUNS: Record<Lang, Record<string, string>> = {
  fr: { point: 'points', pt: 'pts', réponse: 'réponses', défi: 'défis', personne: 'personnes', membre: 'membres', jour: 'jours', minute: 'minutes', caractère: 'caractères', option: 'options', semaine: 'semaines', bouton: 'boutons', mot: 'mots' },
  en: { point: 'points', pt: 'pts', answer: 'answers', challenge: 'challenges', person: 'people', member: 'members', day: 'days', minute: 'minutes', character: 'characters', option: 'options', week: 'weeks', button: 'buttons', word: 'words', notice: 'notices' },
};

function agreementFaults(lang: Lang, text: string, n: number): string[] {
  const faults: string[] = [];
  const singular = lang === 'fr' ? n < 2 : n === 1;
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}/.,-])${n} (\\p{L}+)`, 'gu'))) {
    const word = m[1]!;
    for (const [one, many] of Object.entries(NOUNS[lang])) {
      if (singular && word === many) faults.push(`"${n} ${word}" should be "${n} ${one}"`);
      if (!singular && word === one) faults.push(`"${n} ${word}" should be "${n} ${many}"`);
    }
  }
  return faults;
}

const ALL = Object.entries(TABLES).flatMap(([name, table]) =>
  (['fr', 'en'] as const).flatMap((lang) => templates(table[lang]).map(([key, template]) => ({ where: `${name}.${lang}.${key}`, lang, template }))),
);

test('the tables are all there and in both languages', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    expect([name, Object.keys(table.en).sort()]).toEqual([name, Object.keys(table.fr).sort()]);
  }
  expect(ALL.length).toBeGreaterThan(300);
});

test('no message says "(s)": counts are agreed', () => {
  const faults = ALL.flatMap(({ where, lang, template }) =>
    [0, 1, 2].filter((n) => /\(s\)/.test(fill(template, every(n), lang))).map((n) => `${where} with ${n}`));
  expect(faults).toEqual([]);
});

test('0, 1 and 2 agree with their noun (French: 0 and 1 singular; English: 1 singular)', () => {
  const faults = ALL.flatMap(({ where, lang, template }) =>
    [0, 1, 2].flatMap((n) => agreementFaults(lang, fill(template, every(n), lang), n).map((f) => `${where}: ${f}`)));
  expect(faults).toEqual([]);
});

test('the web page\'s counts agree with 0, 1 and 2', () => {
  const plurals = Object.keys(web.fr).filter((k) => typeof (web.fr as Record<string, unknown>)[k] === 'object') as WebPluralKey[];
  expect(plurals.length).toBeGreaterThan(0);
  const faults = plurals.flatMap((key) => (['fr', 'en'] as const).flatMap((lang) =>
    [0, 1, 2].flatMap((n) => agreementFaults(lang, twCount(lang, key, n), n).map((f) => `web.${lang}.${key}: ${f}`))));
  expect(faults).toEqual([]);
});

test('French elides before a name that starts with a vowel', () => {
  const faults: string[] = [];
  for (const { where, lang, template } of ALL) {
    for (const name of ['alice', 'Émile', 'Isabelle', 'Olivier', 'Ursule']) {
      const text = fill(template, every(name), lang);
      const unelided = text.match(new RegExp(`(?<!\\p{L})(que|de|le|la|jusque|lorsque|puisque) ${name}`, 'iu'));
      if (unelided) faults.push(`${where}: "${unelided[0]}"`);
    }
  }
  expect(faults).toEqual([]);
});

test('fill: elision, agreement, and what it leaves alone', () => {
  expect(fill('Vous parlez maintenant en tant que {name}.', { name: 'alice' }, 'fr')).toBe('Vous parlez maintenant en tant qu’alice.');
  expect(fill('Réponse de {name}', { name: 'Émile' }, 'fr')).toBe('Réponse d’Émile');
  expect(fill('Que {name} réponde', { name: 'Olivier' }, 'fr')).toBe('Qu’Olivier réponde');
  expect(fill('Réponse de {name}', { name: 'bob' }, 'fr')).toBe('Réponse de bob');
  expect(fill('Réponse de {name}', { name: 'Hélène' }, 'fr')).toBe('Réponse de Hélène'); // h: left as written
  expect(fill('quelque {name}', { name: 'alice' }, 'fr')).toBe('quelque alice'); // only whole words elide
  expect(fill('{n#point|points} sur 10', { n: 0 }, 'fr')).toBe('0 point sur 10');
  expect(fill('{n#point|points} sur 10', { n: 1 }, 'fr')).toBe('1 point sur 10');
  expect(fill('{n#point|points} sur 10', { n: 2 }, 'fr')).toBe('2 points sur 10');
  expect(fill('{n#point|points} out of 10', { n: 0 }, 'en')).toBe('0 points out of 10');
  expect(fill('{n#point|points} out of 10', { n: 1 }, 'en')).toBe('1 point out of 10');
  expect(fill('{missing} de {gone}', {}, 'fr')).toBe('{missing} de {gone}');
});

test('a string table’s lookup fills in the language asked for (plurals, elision)', () => {
  const lookup = stringTable({ fr: { won: '{n#point|points} pour {name}; le défi de {name}' }, en: { won: '{n#point|points} for {name}' } });
  expect(lookup('fr', 'won', { n: 0, name: 'Émile' })).toBe('0 point pour Émile; le défi d’Émile');
  expect(lookup('en', 'won', { n: 0, name: 'Émile' })).toBe('0 points for Émile');
  expect(lookup('fr', 'won', { n: 2 })).toBe('2 points pour {name}; le défi de {name}');
});

test('every message that ends on a time ends with one full stop, even when the time ends with "a.m."', () => {
  const doubled: string[] = [];
  for (const [table, langs] of Object.entries(TABLES)) {
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, template] of Object.entries(langs[lang] as Record<string, unknown>)) {
        if (typeof template !== 'string' || !/\}\./.test(template)) continue;
        const names = [...template.matchAll(/\{(\w+)/g)].map((m) => m[1]!);
        const text = fill(template, Object.fromEntries(names.map((n) => [n, 'Tuesday, December 1 at 08:00 a.m.'])), lang);
        if (/\.\./.test(text.replace(/\.\.\./g, ''))) doubled.push(`${table}.${lang}.${key}: ${text}`);
      }
    }
  }
  expect(doubled).toEqual([]);
  expect(fill('Debrief on {when}.', { when: 'Tuesday at 08:00 a.m.' })).toBe('Debrief on Tuesday at 08:00 a.m.');
  expect(fill('Debrief on {when}.', { when: 'Tuesday at 08:00' })).toBe('Debrief on Tuesday at 08:00.');
});
