// natural is imported by sub-module: the whole package costs ~650 ms and ~160 MB at start (it pulls in
// database drivers and reads ./.env); these few files cost ~15 ms. The package types only its root.
declare module 'natural/lib/natural/stemmers/porter_stemmer_fr.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(token: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/stopwords_fr.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function JaroWinklerDistance(a: string, b: string, options?: { ignoreCase?: boolean }): number;
}
