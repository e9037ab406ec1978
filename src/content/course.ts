// Turns parsed Markdown into the course's parts: playbooks (a heading whose section holds content tabs)
// and problems (`??? example "Problème N"`). The seed page and our per-topic content files share this.
import type { Admonition, Block, Tab } from './markdown.js';
import type { SectionKind } from './model.js';
import { foldKey } from '../text/fold.js';

export interface CourseSection { kind: SectionKind; title: string; line: number; blocks: Block[] }
export interface CourseExtra { kind: string; title: string; line: number; blocks: Block[] }
export interface CoursePlaybook { title: string; line: number; intro: Block[]; sections: CourseSection[]; extras: CourseExtra[] }
export interface CourseProblem { number: number; title: string; line: number; question: Block[] }

const SECTION_TITLES: Record<Exclude<SectionKind, 'other'>, string[]> = {
  dont: ['quoi ne pas faire', 'a eviter', 'ce qu il ne faut pas faire', 'what not to do', 'what to avoid', 'don t'],
  do: ['quoi faire', 'que faire', 'what to do', 'do'],
  how: ['comment le faire', 'comment faire', 'how to do it', 'how'],
};

/** The tab titles a playbook is expected to use, as written, for "did you mean" in lint messages. */
export const PLAYBOOK_TAB_TITLES = ['Quoi ne pas faire', 'Quoi faire', 'Comment le faire', 'What not to do', 'What to do', 'How to do it'];
/** The tab titles a scenario is expected to use, as written. */
export const SCENARIO_TAB_NAMES = ['Choix de réponse', 'Corrigé', 'Choices', 'Debrief'];

export function sectionKind(title: string): SectionKind {
  const key = foldKey(title);
  for (const [kind, titles] of Object.entries(SECTION_TITLES)) {
    if (titles.includes(key)) return kind as SectionKind;
  }
  return 'other';
}

export type ScenarioTabKind = 'choices' | 'debrief';
const SCENARIO_TAB_TITLES: Record<ScenarioTabKind, string[]> = {
  choices: ['choix de reponse', 'choix de reponses', 'choix', 'choices', 'answer choices', 'options'],
  debrief: ['corrige', 'debrief', 'debriefing', 'retour', 'model answer', 'reponse modele'],
};

export function scenarioTabKind(title: string): ScenarioTabKind | null {
  const key = foldKey(title);
  for (const [kind, titles] of Object.entries(SCENARIO_TAB_TITLES)) {
    if (titles.includes(key)) return kind as ScenarioTabKind;
  }
  return null;
}

const PROBLEM_TITLE = /^(?:probl[eè]me|problem|situation|sc[eé]nario)\s+(\d+)$/i;

export function problemNumber(admonition: Admonition): number | null {
  const m = admonition.title.normalize('NFC').match(PROBLEM_TITLE);
  return m ? Number(m[1]) : null;
}

export function extractPlaybooks(blocks: Block[]): CoursePlaybook[] {
  const playbooks: CoursePlaybook[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const heading = blocks[i]!;
    if (heading.type !== 'heading') continue;
    let end = i + 1;
    while (end < blocks.length && blocks[end]!.type !== 'heading') end++;
    const body = blocks.slice(i + 1, end);
    const firstTab = body.findIndex((b) => b.type === 'tab');
    if (firstTab < 0) continue;
    const tabs = body.filter((b): b is Tab => b.type === 'tab');
    playbooks.push({
      title: heading.text,
      line: heading.line,
      intro: body.slice(0, firstTab).filter((b) => b.type !== 'tab' && b.type !== 'admonition'),
      sections: tabs.map((t) => ({ kind: sectionKind(t.title), title: t.title, line: t.line, blocks: t.children })),
      extras: body
        .filter((b): b is Admonition => b.type === 'admonition')
        .map((a) => ({ kind: a.kind, title: a.title, line: a.line, blocks: a.children })),
    });
  }
  return playbooks;
}

export function extractProblems(blocks: Block[]): CourseProblem[] {
  const problems: CourseProblem[] = [];
  for (const b of blocks) {
    if (b.type !== 'admonition') continue;
    const number = problemNumber(b);
    if (number !== null) problems.push({ number, title: b.title, line: b.line, question: b.children });
  }
  return problems;
}
