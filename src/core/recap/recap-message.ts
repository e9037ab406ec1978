// The weekly recap as a neutral message (issue 14): figures from src/domain/recap/recap-figures.ts in
// words, in the channel's language(s), and its chart with an alt text that says the same figures.
import type { Lang, Library } from '../../content/model.js';
import type { DayFigure, RecapFigures } from '../../domain/recap/recap-figures.js';
import type { ChartLabels } from '../../render/recap-chart.js';
import { displayName } from '../challenge-messages.js';
import { inPublicLangs } from '../channel-lang.js';
import type { Bullet, ChartImage, Message, MessageSection } from '../message.js';
import { decimal, longDay, shortDay, tr } from './recap-strings.js';

/** The recap's text in one language (no chart: see recapMessage). */
export function recapText(figures: RecapFigures, library: Pick<Library, 'scenarios' | 'playbooks'>, channelName: string, lang: Lang): Message {
  const sections: MessageSection[] = [];
  const challenges = figures.days.length;
  // Participation: who answered how many of the week's challenges.
  // One line per number of challenges answered, most first, names in alphabetical order (compact for a big team).
  const groups = new Map<number, string[]>();
  for (const p of figures.participants) groups.set(p.answered, [...(groups.get(p.answered) ?? []), displayName(p.name, lang)]);
  const who: Bullet[] = [...groups.entries()].sort(([a], [b]) => b - a).map(([answered, names]) => ({
    text: tr(lang, 'participant', { answered, challenges, names: names.sort((x, y) => x.localeCompare(y, lang)).join(', ') }),
  }));
  if (figures.unnamed > 0) who.push({ text: figures.unnamed === 1 ? tr(lang, 'unnamedOne') : tr(lang, 'unnamedMany', { count: figures.unnamed }) });
  const summary = challenges === 0
    ? tr(lang, 'noChallenge')
    : figures.participantCount === 0
      ? tr(lang, challenges === 1 ? 'participationNoneSingle' : 'participationNone', { challenges })
      : challenges === 1
        ? tr(lang, figures.participantCount === 1 ? 'participationOneSingle' : 'participationManySingle', { people: figures.participantCount })
        : tr(lang, figures.participantCount === 1 ? 'participationOne' : 'participationMany', { people: figures.participantCount, challenges, answers: figures.answers });
  sections.push({ title: tr(lang, 'participation'), parts: [{ kind: 'text', text: summary }, ...(who.length ? [{ kind: 'bullets' as const, items: who }] : [])] });

  // Average score and its trend over four weeks.
  const score: string[] = [figures.average === null ? tr(lang, 'averageNone') : tr(lang, 'average', { average: decimal(lang, figures.average) })];
  const previous = figures.trend.at(-2)?.average ?? null;
  if (figures.average !== null && previous !== null) {
    const delta = Math.round((figures.average - previous) * 10) / 10;
    const change = delta > 0 ? tr(lang, 'up', { delta: decimal(lang, delta) }) : delta < 0 ? tr(lang, 'down', { delta: decimal(lang, -delta) }) : tr(lang, 'flat');
    score.push(tr(lang, 'versus', { previous: decimal(lang, previous), change }));
  }
  score.push(tr(lang, 'trend', { weeks: figures.trend.map((w) => (w.average === null ? '—' : decimal(lang, w.average))).join(' → ') }));
  sections.push({ title: tr(lang, 'score'), parts: [{ kind: 'text', text: score.join(' ') }] });

  // The rubric points the team missed most, with the playbook to review.
  if (challenges > 0) {
    const missed: Bullet[] = figures.missed.map((m) => {
      const scenario = library.scenarios.find((s) => s.id === m.scenarioId)?.[lang];
      const point = scenario?.rubric.find((p) => p.id === m.pointId)?.point ?? m.pointId;
      const id = m.playbooks[0];
      const playbook = (id && library.playbooks.find((p) => p.id === id)?.[lang].title) ?? id ?? '—';
      return { text: tr(lang, 'missedEntry', { point, scenario: scenario?.title ?? m.scenarioId, missed: m.missed, graded: m.graded, playbook, id: id ?? '' }) };
    });
    const anyText = figures.missed.length > 0 || figures.freeTextAnswers > 0;
    sections.push({
      title: tr(lang, 'missed'),
      parts: missed.length ? [{ kind: 'bullets', items: missed }] : [{ kind: 'text', text: tr(lang, anyText ? 'missedNone' : 'missedNoText') }],
    });
  }
  if (figures.streaks.length) {
    sections.push({ title: tr(lang, 'streaks'), parts: [{ kind: 'bullets', items: figures.streaks.map((s) => ({ text: tr(lang, 'streakEntry', { name: displayName(s.name, lang), streak: s.streak }) })) }] });
  }
  if (figures.improved) {
    const i = figures.improved;
    sections.push({ title: tr(lang, 'improved'), parts: [{ kind: 'text', text: tr(lang, 'improvedEntry', { name: displayName(i.name, lang), before: decimal(lang, i.before), after: decimal(lang, i.after) }) }] });
  }
  if (figures.incidents.length) {
    const items = figures.incidents.map((i) => {
      const vars = { id: i.id, title: i.title };
      if (i.drill) return { text: i.score ? tr(lang, 'drillEntry', { ...vars, points: i.score.points, max: i.score.max }) : tr(lang, 'drillOpen', vars) };
      return { text: tr(lang, i.resolved ? 'incidentResolved' : 'incidentOpen', vars) };
    });
    sections.push({ title: tr(lang, 'incidents'), parts: [{ kind: 'bullets', items }] });
  }
  return {
    heading: tr(lang, 'heading', { from: longDay(lang, figures.monday), channel: channelName }),
    sections,
    footnote: tr(lang, 'chartNote'),
    visibility: 'public',
    lang,
  };
}

/** The chart's alt text: every day's figures and each week's average, in words. */
export function chartAlt(figures: RecapFigures, lang: Lang): string {
  const day = (d: DayFigure) => (d.answers === 0 || d.average === null
    ? tr(lang, 'altDayNone', { day: shortDay(d.day, lang) })
    : tr(lang, 'altDay', { day: shortDay(d.day, lang), answers: d.answers, average: decimal(lang, d.average) }));
  const first = figures.daily[0]?.day ?? figures.trend[0]!.monday;
  const last = figures.daily.at(-1)?.day ?? figures.monday;
  return tr(lang, 'alt', {
    from: longDay(lang, first),
    to: longDay(lang, last),
    days: figures.daily.length ? figures.daily.map(day).join(lang === 'fr' ? ' ; ' : '; ') : tr(lang, 'none'),
    weeks: figures.trend.map((w) => (w.average === null ? '—' : decimal(lang, w.average))).join(', '),
  });
}

/** The chart in the channel's language(s): labels "fr / en" and both alt texts when the channel posts in both. */
export async function recapChart(figures: RecapFigures, langs: readonly Lang[]): Promise<ChartImage> {
  const both = (key: 'chartTitle' | 'chartAnswers' | 'chartAverage') => langs.map((l) => tr(l, key)).join(' / ');
  const lines = (key: 'chartAnswers' | 'chartAverage') => (langs.length === 1 ? tr(langs[0]!, key) : langs.map((l) => tr(l, key)));
  const labels: ChartLabels = { title: both('chartTitle'), answers: lines('chartAnswers'), average: lines('chartAverage'), day: (d) => shortDay(d, langs[0]!) };
  const alt = langs.map((l) => chartAlt(figures, l)).join('\n');
  // Loaded on the first chart only: Vega, Vega-Lite and resvg cost a few hundred ms, which the coach's
  // start and every command that draws no chart should not pay.
  const { renderRecapChart } = await import('../../render/recap-chart.js');
  return renderRecapChart(figures.daily, labels, alt, `recap-${figures.week}.png`);
}

/** The public recap: its text in the channel's language(s) and the chart. */
export async function recapMessage(figures: RecapFigures, library: Pick<Library, 'scenarios' | 'playbooks'>, channelName: (lang: Lang) => string, langs: readonly Lang[]): Promise<Message> {
  const message = inPublicLangs(langs, (lang) => recapText(figures, library, channelName(lang), lang));
  // The figures go out even if the chart cannot be drawn (its description then stands in for it).
  const chart = await recapChart(figures, langs).catch(() => null);
  if (!chart) return { ...message, footnote: [message.footnote, ...langs.map((l) => chartAlt(figures, l))].filter(Boolean).join('\n') };
  return { ...message, chart };
}
