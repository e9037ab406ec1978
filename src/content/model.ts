// The typed coaching content, as the rest of the bot sees it. Text stays in Markdown blocks so each
// renderer (terminal, Block Kit, Adaptive Cards) decides how to show it.
import type { Block } from './markdown.js';
import type { LabelledDraft, ReviewGrid } from './review-model.js';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (value: unknown): value is Lang => (LANGS as readonly unknown[]).includes(value);

export interface SourceRef {
  file: string;
  line: number;
  /** Line of each front-matter field, so cross-file problems can point at the field. */
  fields?: Record<string, number>;
}

/** What a tab is about, whatever its title says: the course's three recurring tabs, or another one. */
export type SectionKind = 'dont' | 'do' | 'how' | 'other';

export interface PlaybookSection { kind: SectionKind; title: string; blocks: Block[]; source: SourceRef }

export interface ContentExtra { kind: string; title: string; blocks: Block[]; source: SourceRef }

export interface Playbook {
  id: string;
  lang: Lang;
  order: number;
  title: string;
  summary: string;
  aliases: string[];
  keywords: string[];
  examples: string[];
  intro: Block[];
  sections: PlaybookSection[];
  /** Ready-to-use texts (status update template, report outline…) from `??? example` blocks. */
  extras: ContentExtra[];
  source: SourceRef;
}

export interface Choice { text: string; best: boolean; points: number; explanation: string; source: SourceRef }

export interface RubricPoint { id: string; point: string; weight: number; evidence: string[]; source: SourceRef }

export interface RedFlag {
  id: string;
  flag: string;
  cap: number;
  /** Words and phrasings that reveal it anywhere in an answer. */
  evidence: string[];
  /**
   * The harmful decision written as actions the answerer takes ("je formate son PC ce soir", "I'll burn
   * copies"): recognised as a decision (first person, or an instruction opening a sentence), not negated,
   * whatever principles the answer recites around it. Empty when the flag is not a decision.
   */
  decisions: string[];
  /** Conditions that make the decision the right one ("permission écrite", "written permission"). */
  unless: string[];
  source: SourceRef;
}

export interface Scenario {
  id: string;
  lang: Lang;
  number: number;
  title: string;
  playbooks: string[];
  question: Block[];
  choices: Choice[];
  debrief: Block[];
  rubric: RubricPoint[];
  redFlags: RedFlag[];
  /** Graded answers to this scenario, both languages (the same list on both sides); absent: none. */
  graded?: GradedAnswer[];
  source: SourceRef;
}

/** Scores are out of this many points, whether from a choice or from a free-text answer. */
export const MAX_POINTS = 10;

export type Localized<T> = { id: string } & Record<Lang, T>;

/** A labelled text of `routing/*.jsonl`: what a person typed and which playbook it calls for (null: none). */
export interface RoutingExample {
  text: string;
  lang: Lang;
  /** `query`: after `/playbook` or free text to the coach; `chat`: an ordinary channel message. */
  kind: 'query' | 'chat';
  expect: string | null;
  source: SourceRef;
}

/** An answer of `grading/*.jsonl` with its quality: 0 harmful, 1 poor, 2 partial, 3 good, 4 excellent. */
export interface GradedAnswer {
  scenario: string;
  lang: Lang;
  quality: 0 | 1 | 2 | 3 | 4;
  answer: string;
  source: SourceRef;
}

/** One scripted event of a drill: posted `minute` minutes after the drill starts. */
export interface DrillEvent { minute: number; text: string; source: SourceRef }

/** A practice outage (content/drills, issue 11): the situation, then events the coach posts at their times. */
export interface Drill {
  id: string;
  lang: Lang;
  title: string;
  /** What is down, as users name it: the practice incident's title. */
  service: string;
  /** The situation and the trainee's role, shown when the drill starts. */
  intro: Block[];
  /** In time order; the first at minute 0, the last one the service's return. */
  events: DrillEvent[];
  source: SourceRef;
}

export interface Library {
  playbooks: Localized<Playbook>[];
  scenarios: Localized<Scenario>[];
  /** Labelled routing texts; absent or empty: the router learns from the playbooks' own words only. */
  routing?: RoutingExample[];
  /** Graded answers; absent or empty: free text is graded by the rubric alone. */
  graded?: GradedAnswer[];
  /** Outage drills (content/drills); empty when the folder has none. */
  drills: Localized<Drill>[];
  /** Review grids, one per reviewed playbook (content/reviews/); absent or empty: no reviews. */
  reviews?: Localized<ReviewGrid>[];
  /** Labelled drafts the review's classifier learns from (content/reviews/*.jsonl); absent: none. */
  drafts?: LabelledDraft[];
}
