// Signs that a message happens in someone's private life rather than at work: at home, at the cottage,
// in the neighbourhood or the city, with family, in a shop or a restaurant, with a home internet provider.
// People share such news in a team channel with the very words of a playbook ("panne de courant dans
// tout le quartier", "my home internet drops every 5 minutes", "la caissière a crié après un client"),
// and none of it is a help-desk situation.
//
// This is one feature of the learned router (features.ts), not a rule: a request to do private work
// ("le boss veut que je répare son routeur chez eux") is the change-refused situation, and the model
// learns per playbook what the setting means. Phrases are folded word sequences.
const PRIVATE_LIFE = [
  // Home and holidays.
  'a la maison', 'chez nous', 'chez moi', 'chez eux', 'chez ma', 'chez mon', 'chez mes', 'chalet', 'appart', 'appartement', 'condo',
  'at home', 'my home', 'our home', 'home internet', 'home wifi', 'cottage', 'cabin', 'my place', 'my apartment', 'my house', 'our house',
  'camping', 'vacances', 'vacation', 'en voyage', 'on holiday',
  // Neighbourhood and city.
  'quartier', 'voisin', 'voisins', 'voisine', 'feux de circulation', 'la ville', 'la rue', 'hydro quebec',
  'neighbourhood', 'neighborhood', 'neighbour', 'neighbor', 'neighbours', 'neighbors', 'traffic lights', 'the city', 'my street', 'downtown',
  // Family.
  'ma mere', 'mon pere', 'mes parents', 'ma blonde', 'mon chum', 'ma femme', 'mon mari', 'mes enfants', 'mon fils', 'ma fille', 'ma soeur', 'mon frere',
  'ma grand mere', 'mon grand pere', 'ma belle mere', 'mon beau pere', 'ma tante', 'mon oncle',
  'my mom', 'my mum', 'my mother', 'my dad', 'my father', 'my parents', 'my wife', 'my husband', 'my girlfriend', 'my boyfriend', 'my kids',
  'my son', 'my daughter', 'my sister', 'my brother', 'my grandma', 'my grandmother', 'my grandpa', 'my in laws', 'my aunt', 'my uncle',
  // Shops, restaurants, services.
  'epicerie', 'caissiere', 'caissier', 'depanneur', 'restaurant', 'resto', 'serveuse', 'garagiste', 'pharmacie', 'centre d achats',
  'grocery', 'cashier', 'waiter', 'waitress', 'the mall', 'drive thru', 'my mechanic', 'the dealership',
  // A home internet or phone provider.
  'videotron', 'fournisseur internet', 'my isp', 'our isp', 'isp',
];

/** Phrases by their first word, so a message is read once whatever the number of phrases. */
const BY_FIRST = new Map<string, string[][]>();
for (const p of PRIVATE_LIFE) {
  const parts = p.split(' ');
  BY_FIRST.set(parts[0]!, [...(BY_FIRST.get(parts[0]!) ?? []), parts]);
}

/** The first phrase of a message (folded words) that places it in private life, or null. */
export function privateLifeSign(foldedWords: readonly string[]): string | null {
  for (let i = 0; i < foldedWords.length; i++) {
    for (const phrase of BY_FIRST.get(foldedWords[i]!) ?? []) {
      if (phrase.every((p, k) => foldedWords[i + k] === p)) return phrase.join(' ');
    }
  }
  return null;
}
