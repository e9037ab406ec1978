// The coach's checks on a status update, in French and English, with the phrasings techs really write.
import { announcedNextUpdate, jargonIn, restorationPromise, reviewUpdate } from '../../src/domain/incidents/text-checks.js';

const TZ = 'America/Toronto';
// Saturday 2100-03-06, 09:05 in Toronto.
const now = new Date('2100-03-06T14:05:00Z');
const local = (hhmm: string, day = '06') => new Date(`2100-03-${day}T${hhmm}:00-05:00`).toISOString();
const next = (text: string) => announcedNextUpdate(text, now, TZ)?.toISOString() ?? null;

test.each([
  ['Prochaine mise à jour : 9 h 35, ou avant si la situation change.', local('09:35')],
  ['Prochaine mise à jour à 10h', local('10:00')],
  ['prochaine mise a jour 10h15', local('10:15')],
  ['Prochaine mise à jour dans 30 minutes.', local('09:35')],
  ['On vous redonne des nouvelles vers 11 h 30.', local('11:30')],
  ['Next update: 9:35 a.m., or sooner if anything changes.', local('09:35')],
  ['Next update at 10:15', local('10:15')],
  ['Next update in an hour.', local('10:05')],
  ['We will update you by 2 pm', local('14:00')],
  ['Next update by 11 am', local('11:00')],
  ['Next update at 10.', local('10:00')],
  ['next update 2:30', local('14:30')], // said in the morning without a.m./p.m.: the next 2:30 ahead
])('announced next update: %s', (text, expected) => {
  expect(next(text)).toBe(expected);
});

test.each([
  'Nous travaillons sur le problème.',
  'The service should be back at 10:30.', // a time, but not the next update's
  'Prochaine mise à jour bientôt.', // no time
  'Next update: soon',
])('no next update time: %s', (text) => {
  expect(next(text)).toBeNull();
  expect(reviewUpdate(text, { first: false, now, timeZone: TZ }).tips.map((t) => t.id)).toContain('next-update');
});

test('a time already past is read as tomorrow only within a day; a typo far ahead is refused', () => {
  const late = new Date('2100-03-07T03:30:00Z'); // 22:30
  expect(announcedNextUpdate('Prochaine mise à jour : 8 h', late, TZ)?.toISOString()).toBe(local('08:00', '07'));
  expect(announcedNextUpdate('Next update in 3000 minutes', now, TZ)).toBeNull();
  expect(announcedNextUpdate('Prochaine mise à jour : 25 h 99', now, TZ)).toBeNull();
});

test('the first notice should apologise; later updates need not', () => {
  const ids = (text: string, first: boolean) => reviewUpdate(text, { first, now, timeZone: TZ }).tips.map((t) => t.id);
  expect(ids('Le lecteur S: est inaccessible. Prochaine mise à jour : 9 h 35.', true)).toEqual(['apology']);
  expect(ids('Le lecteur S: est inaccessible. Nous sommes désolés. Prochaine mise à jour : 9 h 35.', true)).toEqual([]);
  expect(ids('Toutes nos excuses pour les inconvénients. Prochaine mise à jour : 10 h.', true)).toEqual([]);
  expect(ids("The S: drive is down. We're sorry for the inconvenience. Next update: 9:35.", true)).toEqual([]);
  expect(ids('We apologize for the trouble. Next update at 10.', true)).toEqual([]);
  expect(ids('Still down. Next update: 9:35.', false)).toEqual([]);
});

test.each([
  'Le service sera rétabli à 10 h 30.',
  'Ce sera réglé dans 20 minutes.',
  'Le serveur va revenir d’ici 10 h.',
  'It will be back by 10:30.',
  'We will have it fixed within 30 minutes',
  "It'll be back online at 11",
])('a promised restoration time is flagged: %s', (text) => {
  expect(restorationPromise(text)).toBe(text);
  expect(reviewUpdate(text, { first: false, now, timeZone: TZ }).tips.find((t) => t.id === 'promise')?.found).toBe(text);
});

test.each([
  'Nous visons un retour vers 10 h 30, sans garantie.', // hedged
  'Le fournisseur estime un retour vers 11 h.',
  'We expect it back around 10:30, but we cannot promise it.',
  'It should be back by 11 if the part arrives.',
  'Le service a été rétabli à 10 h 05.', // past
  'Service restored since 10:05.',
  'Prochaine mise à jour à 10 h, ou avant si le service est rétabli.', // the next update, not a promise
  'Next update at 10:30 or sooner if it is back.',
  'Le service sera rétabli dès que possible.', // no time
])('not a promise: %s', (text) => {
  expect(restorationPromise(text)).toBeNull();
});

test('jargon is named as written, each word once; plain words are not jargon', () => {
  expect(jargonIn('Le DNS ne répond plus et le DHCP non plus; le DNS est sur la VM du cluster.')).toEqual(['DNS', 'DHCP', 'VM', 'cluster']);
  expect(jargonIn('A failed disk in the storage array, RAID 5 degraded, HTTP 503 errors.')).toEqual(['RAID 5', 'HTTP 503', 'storage array']);
  expect(jargonIn('La baie de stockage a un disque brisé; le pare-feu bloque tout.')).toEqual(['baie de stockage', 'pare-feu']);
  expect(jargonIn('Le lecteur S: ne s’ouvre plus. Enregistrez vos fichiers sur votre poste.')).toEqual([]);
  expect(jargonIn('Your shared files will not open; save your work on your computer.')).toEqual([]);
  // Words that only look like jargon inside other words.
  expect(jargonIn('Adresse, blogue, sandwich, Sandra, catalogue')).toEqual([]);
});

test('a template placeholder left in the text is pointed out', () => {
  const tips = reviewUpdate('Depuis 9 h, le lecteur est inaccessible pour [utilisateurs]. Nous sommes désolés. Prochaine mise à jour : 9 h 35.', { first: true, now, timeZone: TZ }).tips;
  expect(tips).toEqual([{ id: 'placeholder', found: '[utilisateurs]' }]);
});
