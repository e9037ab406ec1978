// What the coach says about a challenge dated in the future (see Challenges.futureOpen), in both languages.
import { stringTable } from './i18n.js';

/** The string table (exported for the test that renders every message). */
export const STRINGS = {
  fr: {
    futureOpen: 'Le dernier défi de ce canal, « {title} », est daté du {when}, dans le futur (laissé par une répétition avec /clock?). D’ici là, rien n’est publié ni révélé automatiquement; un admin peut le fermer avec /coach reveal.',
    postRefused: 'Rien n’a été publié.',
  },
  en: {
    futureOpen: 'This channel’s latest challenge, “{title}”, is dated {when}, in the future (left by a rehearsal with /clock?). Until then nothing is posted or revealed automatically; an admin can close it with /coach reveal.',
    postRefused: 'Nothing was posted.',
  },
} as const;

/** A schedule string, its `{name}` placeholders filled. */
export const st = stringTable(STRINGS);
