// The weekly recap's chart (issue 14): answers (bars) and average score (line) per challenge day over four
// weeks, as a PNG, with no browser and no native canvas: a Vega-Lite spec compiled to Vega, rendered to SVG
// by Vega's headless renderer, then rasterised by resvg (@resvg/resvg-js) with a bundled font (DejaVu
// Sans, from the dejavu-fonts-ttf package), so accented labels render the same on every machine.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartImage } from '../core/message.js';
import type { DayFigure } from '../domain/recap/recap-figures.js';

/** The chart's size in CSS pixels (the SVG); the PNG is CHART_SCALE times larger, for sharp text. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
export const CHART_SCALE = 2;
/** The PNG's size in pixels (what its IHDR chunk says). */
export const CHART_PNG_WIDTH = CHART_WIDTH * CHART_SCALE;
export const CHART_PNG_HEIGHT = CHART_HEIGHT * CHART_SCALE;

const PADDING = { left: 72, right: 72, top: 56, bottom: 80 };
const FONT_FAMILY = 'DejaVu Sans';
const BAR_COLOR = '#2f6fb0';
const LINE_COLOR = '#d9730d';

/** The labels of the chart, in one language or both ("Réponses / Answers"). */
export interface ChartLabels {
  title: string;
  /** Axis titles: one line, or one line per language (a long rotated title would push the chart's title away). */
  answers: string | string[];
  average: string | string[];
  /** A day's label on the x axis (short: "03/11", "Nov 3"). */
  day: (day: string) => string;
}

/** The font files resvg loads (the bundled DejaVu Sans, regular and bold). Throws when the package is missing. */
export function chartFontFiles(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
}

let fonts: string[] | undefined;

/** The Vega-Lite spec of the chart (exported for tests and the benchmark). */
export function recapChartSpec(daily: readonly DayFigure[], labels: ChartLabels): TopLevelSpec {
  const values = daily.map((d, i) => ({ i, label: labels.day(d.day), answers: d.answers, average: d.average }));
  const maxAnswers = Math.max(1, ...daily.map((d) => d.answers));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH - PADDING.left - PADDING.right,
    height: CHART_HEIGHT - PADDING.top - PADDING.bottom,
    autosize: { type: 'none', contains: 'content' },
    padding: PADDING,
    background: 'white',
    // A bilingual title ("fr / en") is long: smaller type keeps it inside the chart's width.
    title: { text: labels.title, anchor: 'start', fontSize: labels.title.length > 60 ? 13 : 16, offset: 14 },
    data: { values },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -50, labelFontSize: 11 } },
    },
    layer: [
      {
        mark: { type: 'bar', color: BAR_COLOR, opacity: 0.85 },
        encoding: {
          y: { field: 'answers', type: 'quantitative', title: labels.answers, scale: { domain: [0, maxAnswers] }, axis: { titleColor: BAR_COLOR, tickMinStep: 1, format: 'd' } },
        },
      },
      {
        mark: { type: 'line', color: LINE_COLOR, strokeWidth: 3, point: { color: LINE_COLOR, size: 50 } },
        transform: [{ filter: 'datum.average !== null' }],
        encoding: {
          y: { field: 'average', type: 'quantitative', title: labels.average, scale: { domain: [0, 10] }, axis: { titleColor: LINE_COLOR, orient: 'right' } },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY } },
  } as TopLevelSpec;
}

/** The chart as SVG text (Vega's headless renderer). */
export async function recapChartSvg(daily: readonly DayFigure[], labels: ChartLabels): Promise<string> {
  const view = new View(parse(compile(recapChartSpec(daily, labels)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as a PNG of CHART_PNG_WIDTH × CHART_PNG_HEIGHT pixels, with its alt text (given: it says the
 * figures in words, for screen readers and where images are not shown).
 */
export async function renderRecapChart(daily: readonly DayFigure[], labels: ChartLabels, alt: string, filename: string): Promise<ChartImage> {
  const svg = await recapChartSvg(daily, labels);
  fonts ??= chartFontFiles();
  const png = new Resvg(svg, {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    background: 'white',
  }).render().asPng();
  return { png, alt, title: labels.title, filename, width: CHART_PNG_WIDTH, height: CHART_PNG_HEIGHT };
}
