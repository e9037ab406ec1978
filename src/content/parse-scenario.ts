// One scenario file → a Scenario: its situation, choices, debrief and grading rubric.
import { SCENARIO_TAB_NAMES, extractProblems, scenarioTabKind } from './course.js';
import type { FieldReader } from './fields.js';
import type { FrontMatter } from './front-matter.js';
import { blocksToLines, type Tab } from './markdown.js';
import { readBody, tabList } from './body.js';
import { closest } from './did-you-mean.js';
import { MAX_POINTS, type Choice, type Lang, type RedFlag, type RubricPoint, type Scenario } from './model.js';
import type { ProblemList } from './problems.js';

const POINTS = /^(\d+(?:[.,]\d+)?)\s*(?:points?|pts?)\s*[:.,;—–-]?\s*(.*)$/i;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseScenario(file: string, fm: FrontMatter, fields: FieldReader, id: string, lang: Lang, problems: ProblemList): Scenario | null {
  const number = fields.integer('number', 1, 999, 'the scenario’s number (people can ask for it by number).');
  const title = fields.string('title', 'a short title for the scenario.');
  const playbooks = fields.stringList('playbooks', 1, 'the ids of the playbooks this scenario practises.');
  const rubric = readRubric(file, fields, problems);
  const redFlags = readRedFlags(file, fields, problems);

  const blocks = readBody(file, fm, problems);
  const problemsFound = extractProblems(blocks);
  if (problemsFound.length === 0) {
    problems.error(file, fm.bodyLine, 'no situation: write it in a `??? example "Problème N"` block (`"Problem N"` in English), its text indented by 4 spaces.');
  }
  const question = problemsFound[0]?.question ?? [];
  if (problemsFound[0] && question.length === 0) {
    problems.error(file, problemsFound[0].line, 'the situation block is empty: indent its text by 4 spaces under the `???` line.');
  }

  const tabs = blocks.filter((b): b is Tab => b.type === 'tab');
  const choicesTab = tabs.find((t) => scenarioTabKind(t.title) === 'choices');
  const debriefTab = tabs.find((t) => scenarioTabKind(t.title) === 'debrief');
  for (const tab of tabs) {
    if (!scenarioTabKind(tab.title)) {
      const guess = closest(tab.title, SCENARIO_TAB_NAMES);
      const message = `unknown tab "${tab.title}": the tab was ignored. A scenario has a choices tab ("Choix de réponse" / "Choices") and a debrief tab ("Corrigé" / "Debrief").`;
      // A near miss is a typo that loses the choices or the debrief: an error; another title, a warning.
      if (guess) problems.error(file, tab.line, `${message} Did you mean "${guess}"?`);
      else problems.warning(file, tab.line, message);
    }
  }
  const choices = choicesTab ? readChoices(file, choicesTab, problems) : [];
  if (!choicesTab) problems.error(file, fm.bodyLine, 'no choices: add a `=== "Choix de réponse"` tab (`=== "Choices"` in English) with 3 or 4 options as a task list.');
  if (!debriefTab || debriefTab.children.length === 0) {
    problems.error(file, debriefTab?.line ?? fm.bodyLine, 'no debrief: add a `=== "Corrigé"` tab (`=== "Debrief"` in English) saying what a strong answer does and why.');
  }
  return {
    id, lang, number, title, playbooks, question, choices, rubric, redFlags,
    debrief: debriefTab?.children ?? [],
    source: { file, line: 1 },
  };
}

function readChoices(file: string, tab: Tab, problems: ProblemList): Choice[] {
  const list = tabList(file, tab, 'choices', 'write each option as `- [ ] text`, the best one as `- [x] text`, indented by 4 spaces.', problems);
  if (!list) return [];
  const choices: Choice[] = [];
  for (const item of list.items) {
    if (item.checked === null) {
      problems.error(file, item.line, 'this option is not a task item: start it with `- [ ]`, or `- [x]` for the best option.');
    }
    const detail = blocksToLines(item.children).map((l) => l.trim());
    const m = detail[0]?.match(POINTS);
    if (!m) {
      problems.error(file, item.line, 'this option has no points: add a nested bullet such as `- 10 points : why` (`- 0 points: why` in English).');
    }
    const points = m ? Number(m[1]!.replace(',', '.')) : 0;
    if (m && (!Number.isInteger(points) || points < 0 || points > MAX_POINTS)) {
      problems.error(file, item.line, `an option is worth a whole number of points from 0 to ${MAX_POINTS}, not ${m[1]}.`);
    }
    const explanation = [m?.[2] ?? detail[0] ?? '', ...detail.slice(1)].join(' ').trim();
    if (m && !explanation) problems.error(file, item.line, 'this option has no explanation: say after its points why it scores so.');
    choices.push({ text: item.text, best: item.checked === true, points, explanation, source: { file, line: item.line } });
  }
  if (choices.length < 3 || choices.length > 4) {
    problems.error(file, list.line, `a scenario has 3 or 4 options, not ${choices.length}.`);
  }
  const best = choices.filter((c) => c.best);
  if (best.length !== 1) {
    problems.error(file, list.line, `not exactly one best option (${best.length} ticked): tick exactly one with \`- [x]\`, leave the others \`- [ ]\`.`);
  } else if (choices.some((c) => !c.best && c.points >= best[0]!.points)) {
    problems.error(file, best[0]!.source.line, 'the best option must be worth more points than every other option.');
  }
  return choices;
}

function readRubric(file: string, fields: FieldReader, problems: ProblemList): RubricPoint[] {
  const hint = 'the key points of a strong answer, each with id, point, weight and evidence.';
  if (!fields.has('rubric')) {
    problems.error(file, fields.line(), `missing \`rubric\`: ${hint}`);
    return [];
  }
  const entries = fields.objects('rubric', hint);
  if (entries.length < 3 || entries.length > 6) {
    problems.error(file, fields.line('rubric'), `the rubric has 3 to 6 key points, not ${entries.length}.`);
  }
  return entries.map((e) => {
    const id = readId(file, e, problems);
    const point: RubricPoint = {
      id,
      point: e.string('point', 'the key point in one sentence.'),
      weight: e.integer('weight', 1, 3, 'how much the point counts (1 to 3).'),
      evidence: e.stringList('evidence', 0, 'words and short phrasings that show the point in an answer.'),
      source: { file, line: e.line() },
    };
    if (point.evidence.length === 0) {
      problems.error(file, e.line(), `rubric point "${id}" has no evidence words: add under \`evidence:\` the words and short phrasings that show it in an answer.`);
    }
    return point;
  });
}

function readRedFlags(file: string, fields: FieldReader, problems: ProblemList): RedFlag[] {
  return fields.objects('red_flags', 'answers that must score low, each with id, flag, cap, and evidence and/or decisions.').map((e) => {
    const id = readId(file, e, problems);
    const list = (key: string, hint: string) => (e.has(key) ? e.stringList(key, 0, hint) : []);
    const flag: RedFlag = {
      id,
      flag: e.string('flag', 'the wrong answer in one sentence.'),
      cap: e.integer('cap', 0, MAX_POINTS, `the most points (0 to ${MAX_POINTS}) an answer showing it may get.`),
      evidence: list('evidence', 'words and phrasings that reveal it.'),
      decisions: list('decisions', 'the harmful decision as actions the answerer takes, in the first person ("je formate son PC", "I burn copies").'),
      unless: list('unless', 'conditions that make the decision right ("permission écrite", "written permission").'),
      source: { file, line: e.line() },
    };
    if (flag.evidence.length === 0 && flag.decisions.length === 0) {
      problems.error(file, e.line(), `red flag "${id}" has neither evidence nor decisions: add under \`evidence:\` the words that reveal it, or under \`decisions:\` the harmful decision as first-person actions.`);
    }
    if (flag.unless.length > 0 && flag.decisions.length === 0) {
      problems.warning(file, e.line('unless'), `red flag "${id}" has \`unless\` conditions but no \`decisions\`: conditions only apply to decisions.`);
    }
    return flag;
  });
}

function readId(file: string, e: FieldReader, problems: ProblemList): string {
  const id = e.string('id', 'a short id in lowercase letters, digits and dashes, the same in both languages.');
  if (id && !ID.test(id)) problems.error(file, e.line('id'), `the id "${id}" must be lowercase letters, digits and dashes (e.g. \`no-mockery\`).`);
  return id;
}

