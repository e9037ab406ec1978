// Flags the grader raises on any scenario, beyond the content's red flags, with the most points (out of 10)
// an answer showing them may get: a disrespectful tone towards the person (tone.ts) and a bare list of words
// that decides nothing (answer-shape.ts). Their wording is in strings.ts, under the same ids.
export const BUILT_IN_FLAGS = { 'disrespectful-tone': 1, 'not-an-answer': 2 } as const;
export type BuiltInFlag = keyof typeof BUILT_IN_FLAGS;
