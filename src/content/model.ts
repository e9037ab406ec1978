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

export interface RedFlag { id: string; flag: string; cap: number; evidence: string[]; source: SourceRef }

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
  source: SourceRef;
}

/** Scores are out of this many points, whether from a choice or from a free-text answer. */
export const MAX_POINTS = 10;

export type Localized<T> = { id: string } & Record<Lang, T>;

export interface Library {
  playbooks: Localized<Playbook>[];
  scenarios: Localized<Scenario>[];
  /** Review grids, one per reviewed playbook (content/reviews/); absent or empty: no reviews. */
  reviews?: Localized<ReviewGrid>[];
  /** Labelled drafts the review's classifier learns from (content/reviews/*.jsonl); absent: none. */
  drafts?: LabelledDraft[];
}
