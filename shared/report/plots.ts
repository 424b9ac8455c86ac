// The report's plots as SVG strings (pure functions, tested in node): per-class precision / recall / F1 bars,
// the confusion matrix heat map (raw counts or row-normalised, a toggle), ROC and precision–recall curves with
// AUC / AP per class plus micro and macro, the reliability diagram with the expected calibration error and the
// Brier score, and the histogram of the probability given to the true class.
//
// CSP: no `style=` attribute anywhere (the view's policy blocks them; bars drawn that way had zero width).
// Colours come from classes (the theme's chart colours), geometry from SVG attributes. Every plot is a
// <figure> that takes the keyboard focus, with SVG / PNG export buttons; long class names are shortened with
// the full name in a <title>.

import type { ExperimentResult, ReportCurves } from '../results';
import { esc, fmt, px, seriesClass, shorten, textWidth, thin, unitAxes, unitScales, type Frame } from './svg';

/** Past this many classes the heat map scrolls and the most-confused pairs are listed beside it. */
export const SCROLL_CLASSES = 20;
/** Past this many classes the per-class values are left out of the bars (hover shows them). */
const BAR_VALUES_MAX = 20;

function figure(id: string, title: string, body: string, extra = ''): string {
  return (
    `<figure class="plot" id="plot-${id}" data-plot="${id}" tabindex="0" aria-label="${esc(title)}">` +
    `<figcaption><span class="plot-title">${esc(title)}</span>${extra}` +
    `<span class="exports"><button type="button" class="export" data-format="svg" title="Save this plot as SVG">SVG</button>` +
    `<button type="button" class="export" data-format="png" title="Save this plot as PNG">PNG</button></span></figcaption>` +
    `${body}</figure>`
  );
}

// ------------------------------------------------------------------------------------------ per-class bars

/** Precision, recall and F1 per class as horizontal bars (SVG rects: widths are attributes, not styles). */
export function perClassBars(r: ExperimentResult): string {
  const p = r.metrics.precision?.per_class;
  const rc = r.metrics.recall?.per_class;
  const f = r.metrics.f1?.per_class;
  if (!p || !rc || !f) return '';
  const n = r.classes.length;
  const showValues = n <= BAR_VALUES_MAX;
  const bar = showValues ? 10 : 4;
  const rowH = bar * 3 + (showValues ? 8 : 4);
  const labelMax = 16;
  const left = Math.min(150, Math.max(...r.classes.map((c) => textWidth(shorten(c, labelMax), 12))) + 14);
  const plotW = 360;
  const top = 26;
  const width = left + plotW + (showValues ? 50 : 12);
  const height = top + n * rowH + 28;
  const out: string[] = [`<svg class="plot-svg bars" role="img" aria-label="precision, recall and F1 per class" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  // legend
  const keys: [string, string][] = [['precision', 'precision'], ['recall', 'recall'], ['f1', 'F1']];
  keys.forEach(([cls, label], i) => {
    const x = left + i * 100;
    out.push(`<rect class="bar ${cls}" x="${x}" y="6" width="12" height="10"/><text class="legend-text" x="${x + 16}" y="15">${label}</text>`);
  });
  for (let v = 0; v <= 1.0001; v += 0.25) {
    const x = left + v * plotW;
    out.push(`<line class="grid" x1="${px(x)}" y1="${top - 2}" x2="${px(x)}" y2="${top + n * rowH}"/>`);
    out.push(`<text class="tick" x="${px(x)}" y="${top + n * rowH + 14}" text-anchor="middle">${v.toFixed(2)}</text>`);
  }
  r.classes.forEach((name, i) => {
    const y = top + i * rowH + 2;
    out.push(`<text class="class-label" x="${left - 8}" y="${px(y + (bar * 3) / 2 + 4)}" text-anchor="end">${esc(shorten(name, labelMax))}<title>${esc(name)}</title></text>`);
    [p[i], rc[i], f[i]].forEach((value, j) => {
      const v = Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
      const w = v * plotW;
      const by = y + j * bar;
      out.push(
        `<rect class="bar ${keys[j][0]}" x="${left}" y="${by}" width="${px(w)}" height="${bar - 1}" data-value="${fmt(value, 4)}"><title>${esc(name)}: ${keys[j][1]} ${fmt(value, 4)}</title></rect>`,
      );
      if (showValues) out.push(`<text class="bar-value" x="${px(left + w + 4)}" y="${by + bar - 2}">${fmt(value, 2)}</text>`);
    });
  });
  out.push('</svg>');
  return figure('bars', 'Precision, recall and F1 per class', out.join(''));
}

// ------------------------------------------------------------------------------------------ heat map

/** The off-diagonal cells with the largest counts: "true → predicted: count (share of the true class)". */
export function mostConfused(matrix: number[][], classes: readonly string[], limit = 10): { from: string; to: string; count: number; share: number }[] {
  const pairs: { from: string; to: string; count: number; share: number }[] = [];
  matrix.forEach((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      if (i !== j && count > 0) pairs.push({ from: classes[i] ?? String(i), to: classes[j] ?? String(j), count, share: sum > 0 ? count / sum : 0 });
    });
  });
  return pairs.sort((a, b) => b.count - a.count || b.share - a.share).slice(0, limit);
}

/**
 * The confusion matrix as an SVG heat map. Rows are true classes, columns predicted; a toggle switches between
 * raw counts (coloured by count / largest count) and row-normalised shares (coloured by share). Column names
 * are written vertically, so their boxes never overlap however many classes; names past 14 characters are
 * shortened, the full name in the <title>.
 */
export function heatMap(matrix: number[][], classes: readonly string[]): string {
  const n = matrix.length;
  const cell = n <= 8 ? 56 : n <= SCROLL_CLASSES ? 38 : 24;
  const labelMax = 14;
  const font = n > SCROLL_CLASSES ? 10 : 12;
  const names = Array.from({ length: n }, (_, i) => classes[i] ?? String(i));
  const short = names.map((c) => shorten(c, labelMax));
  const labelW = Math.max(...short.map((s) => textWidth(s, font))) + 10;
  const left = 28 + labelW;
  const top = 20 + labelW;
  const width = left + n * cell + 10;
  const height = top + n * cell + 10;
  const max = Math.max(1, ...matrix.flat());
  const raw: string[] = [];
  const norm: string[] = [];
  const labels: string[] = [];
  for (let j = 0; j < n; j++) {
    const x = left + j * cell + cell / 2 + font / 3;
    labels.push(`<text class="axis col-label" x="${px(x)}" y="${top - 6}" transform="rotate(-90 ${px(x)} ${top - 6})">${esc(short[j])}<title>predicted ${esc(names[j])}</title></text>`);
  }
  for (let i = 0; i < n; i++) {
    const rowSum = matrix[i].reduce((a, b) => a + b, 0);
    labels.push(`<text class="axis row-label" x="${left - 6}" y="${px(top + i * cell + cell / 2 + font / 3)}" text-anchor="end">${esc(short[i])}<title>true ${esc(names[i])}</title></text>`);
    for (let j = 0; j < n; j++) {
      const count = matrix[i][j];
      const share = rowSum > 0 ? count / rowSum : 0;
      const x = left + j * cell;
      const y = top + i * cell;
      const title = `<title>true ${esc(names[i])}, predicted ${esc(names[j])}: ${count} (${(share * 100).toFixed(1)}% of the row)</title>`;
      const diag = i === j ? ' diagonal' : '';
      const cx = px(x + cell / 2 - 1);
      const cy = px(y + cell / 2 + font / 3 - 1);
      const rawLevel = count / max;
      raw.push(`<rect class="cell${diag}" x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill-opacity="${(0.06 + 0.94 * rawLevel).toFixed(3)}">${title}</rect>`);
      norm.push(`<rect class="cell${diag}" x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill-opacity="${(0.06 + 0.94 * share).toFixed(3)}">${title}</rect>`);
      if (cell >= 24 && (count > 0 || n <= SCROLL_CLASSES)) {
        raw.push(`<text class="count${rawLevel > 0.55 ? ' strong' : ''}" x="${cx}" y="${cy}" text-anchor="middle">${count}</text>`);
        const pct = n <= 8 ? (share * 100).toFixed(1) : (share * 100).toFixed(0);
        norm.push(`<text class="count${share > 0.55 ? ' strong' : ''}" x="${cx}" y="${cy}" text-anchor="middle">${count > 0 || n <= SCROLL_CLASSES ? `${pct}%` : ''}</text>`);
      }
    }
  }
  const svg =
    `<svg class="plot-svg heatmap" role="img" aria-label="confusion matrix" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<text class="axis-title" x="${px(left + (n * cell) / 2)}" y="12" text-anchor="middle">predicted</text>` +
    `<text class="axis-title" x="12" y="${px(top + (n * cell) / 2)}" transform="rotate(-90 12 ${px(top + (n * cell) / 2)})" text-anchor="middle">true</text>` +
    labels.join('') +
    `<g class="raw">${raw.join('')}</g><g class="norm">${norm.join('')}</g></svg>`;
  const toggle = `<button type="button" class="toggle-normalised" aria-pressed="false" title="Switch between counts and shares of each true class">normalised by row</button>`;
  let body = n > SCROLL_CLASSES ? `<div class="scroll" tabindex="0" aria-label="confusion matrix, scrollable">${svg}</div>` : svg;
  if (n > SCROLL_CLASSES) {
    const pairs = mostConfused(matrix, names);
    body +=
      `<div class="confused"><h3>Most confused pairs</h3>` +
      (pairs.length === 0
        ? '<p class="note">none: every sample is on the diagonal</p>'
        : `<ol>${pairs.map((p) => `<li><b>${esc(p.from)}</b> → <b>${esc(p.to)}</b>: ${p.count} (${(p.share * 100).toFixed(1)}% of ${esc(p.from)})</li>`).join('')}</ol>`) +
      `</div>`;
  }
  return figure('confusion', 'Confusion matrix', body, toggle);
}

// ------------------------------------------------------------------------------------------ curves

const CURVE_FRAME: Frame = { width: 380, height: 330, left: 48, top: 12, right: 12, bottom: 40 };

interface Series {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly cls: string;
  readonly points: string;
}

function legend(series: readonly Series[]): string {
  const items = series.map(
    (s) =>
      `<li><button type="button" class="series-toggle" aria-pressed="true" data-series="${esc(s.key)}" title="Show or hide ${esc(s.label)}">` +
      `<svg class="swatch" width="22" height="10" aria-hidden="true"><line class="curve ${s.cls}" x1="1" y1="5" x2="21" y2="5"/></svg>` +
      `<span class="series-name">${esc(shorten(s.label, 24))}</span> <span class="series-value">${esc(s.value)}</span></button></li>`,
  );
  return `<ul class="legend${series.length > 14 ? ' long' : ''}">${items.join('')}</ul>`;
}

function curvePlot(id: string, title: string, xTitle: string, yTitle: string, series: readonly Series[], chance: string): string {
  const f = CURVE_FRAME;
  const lines = series.map((s) => `<polyline class="curve ${s.cls}" data-series="${esc(s.key)}" points="${s.points}"><title>${esc(s.label)} ${esc(s.value)}</title></polyline>`);
  const svg =
    `<svg class="plot-svg curves" role="img" aria-label="${esc(title)}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">` +
    unitAxes(f, xTitle, yTitle) +
    chance +
    lines.join('') +
    `</svg>`;
  return figure(id, title, `<div class="plot-row">${svg}${legend(series)}</div>`);
}

function classSeries(curves: ReportCurves, classes: readonly string[], pick: (c: ReportCurves['per_class'][number]) => { xs: number[]; ys: number[]; value: string }): Series[] {
  const s = unitScales(CURVE_FRAME);
  const out: Series[] = [];
  const one = curves.kind === 'binary';
  curves.per_class.forEach((c, i) => {
    const { xs, ys, value } = pick(c);
    const label = one ? (classes[1] ?? 'positive class') : (classes[i] ?? String(i));
    out.push({ key: `c${i}`, label, value, cls: `cls ${seriesClass(i)}`, points: thin(xs, ys, s.x, s.y) });
  });
  return out;
}

/** ROC curves: one per class (the positive class for binary), micro and macro, with their AUC. */
export function rocPlot(curves: ReportCurves, classes: readonly string[]): string {
  const s = unitScales(CURVE_FRAME);
  const series = classSeries(curves, classes, (c) => ({ xs: c.roc.fpr, ys: c.roc.tpr, value: c.auc === null ? 'AUC —' : `AUC ${fmt(c.auc, 3)}` }));
  // the averages first in the legend: with many classes they are what a reader looks for
  if (curves.macro) series.unshift({ key: 'macro', label: 'macro average', value: `AUC ${fmt(curves.macro.auc, 3)}`, cls: 'avg macro', points: thin(curves.macro.fpr, curves.macro.tpr, s.x, s.y) });
  if (curves.micro) series.unshift({ key: 'micro', label: 'micro average', value: `AUC ${fmt(curves.micro.auc, 3)}`, cls: 'avg micro', points: thin(curves.micro.roc.fpr, curves.micro.roc.tpr, s.x, s.y) });
  const chance = `<line class="chance" x1="${px(s.x(0))}" y1="${px(s.y(0))}" x2="${px(s.x(1))}" y2="${px(s.y(1))}"/>`;
  return curvePlot('roc', 'ROC curves', 'false positive rate', 'true positive rate', series, chance);
}

/** Precision–recall curves with average precision, micro and macro. */
export function prPlot(curves: ReportCurves, classes: readonly string[]): string {
  const s = unitScales(CURVE_FRAME);
  // precision_recall_curve's last point (recall 0, precision 1) is a convention, drawn as scikit-learn's display does
  const series = classSeries(curves, classes, (c) => ({ xs: c.pr.recall, ys: c.pr.precision, value: `AP ${fmt(c.ap, 3)}` }));
  if (curves.macro) series.unshift({ key: 'macro', label: 'macro average (AP only)', value: `AP ${fmt(curves.macro.ap, 3)}`, cls: 'avg macro', points: '' });
  if (curves.micro) series.unshift({ key: 'micro', label: 'micro average', value: `AP ${fmt(curves.micro.ap, 3)}`, cls: 'avg micro', points: thin(curves.micro.pr.recall, curves.micro.pr.precision, s.x, s.y) });
  return curvePlot('pr', 'Precision–recall curves', 'recall', 'precision', series, '');
}

/** The reliability diagram: observed frequency against mean predicted probability per bin, and the bins' sizes. */
export function reliabilityPlot(curves: ReportCurves): string {
  const cal = curves.calibration;
  const f: Frame = { width: 380, height: 380, left: 48, top: 12, right: 12, bottom: 90 };
  const s = unitScales(f);
  const out: string[] = [unitAxes({ ...f, bottom: 90 }, '', 'fraction of positives')];
  out.push(`<line class="chance" x1="${px(s.x(0))}" y1="${px(s.y(0))}" x2="${px(s.x(1))}" y2="${px(s.y(1))}"><title>perfectly calibrated</title></line>`);
  out.push(`<polyline class="curve s0 reliability" points="${thin(cal.prob_pred, cal.prob_true, s.x, s.y, 0)}"/>`);
  cal.prob_pred.forEach((p, i) => {
    out.push(
      `<circle class="point s0" cx="${px(s.x(p))}" cy="${px(s.y(cal.prob_true[i]))}" r="3.5"><title>bin ${fmt(cal.edges[cal.bins[i]], 1)}–${fmt(cal.edges[cal.bins[i] + 1], 1)}: predicted ${fmt(p, 3)}, observed ${fmt(cal.prob_true[i], 3)}, ${cal.counts[i]} samples</title></circle>`,
    );
  });
  // bin sizes below the diagram
  const base = f.height - 28;
  const h = 40;
  const maxCount = Math.max(1, ...cal.counts);
  const binW = (s.x(1) - s.x(0)) / (cal.edges.length - 1);
  cal.counts.forEach((c, i) => {
    const b = cal.bins[i];
    const bh = (c / maxCount) * h;
    out.push(`<rect class="hist" x="${px(s.x(cal.edges[b]) + 1)}" y="${px(base - bh)}" width="${px(binW - 2)}" height="${px(bh)}"><title>${c} samples with ${cal.of} probability in ${fmt(cal.edges[b], 1)}–${fmt(cal.edges[b + 1], 1)}</title></rect>`);
  });
  out.push(`<line class="frame-line" x1="${px(s.x(0))}" y1="${base}" x2="${px(s.x(1))}" y2="${base}"/>`);
  out.push(`<text class="axis-title" x="${px((s.x(0) + s.x(1)) / 2)}" y="${f.height - 6}" text-anchor="middle">mean predicted probability (${esc(cal.of)})</text>`);
  const svg = `<svg class="plot-svg reliability" role="img" aria-label="reliability diagram" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">${out.join('')}</svg>`;
  const facts = `<p class="plot-facts">expected calibration error <b>${fmt(cal.ece, 4)}</b>${cal.brier !== null ? ` · Brier score <b>${fmt(cal.brier, 4)}</b>` : ''} · ${cal.edges.length - 1} uniform bins (calibration_curve, strategy='uniform'); the bars below count the samples per bin</p>`;
  return figure('reliability', 'Reliability diagram', svg + facts);
}

/** How much probability the model gave the true class: log loss is the mean of −log of these. */
export function trueClassHistogram(curves: ReportCurves, logLoss: number | null | undefined): string {
  const { counts, edges } = curves.true_class_probability;
  const f: Frame = { width: 380, height: 240, left: 48, top: 12, right: 12, bottom: 40 };
  const s = unitScales(f);
  // whole-number ticks: a step of ⌈largest / 4⌉, the axis rounded up to a whole number of steps
  const step = Math.max(1, Math.ceil(Math.max(...counts) / 4));
  const max = step * Math.max(1, Math.ceil(Math.max(...counts) / step));
  const h = s.y(0) - s.y(1);
  const out: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<text class="tick" x="${px(s.x(v))}" y="${px(s.y(0) + 18)}" text-anchor="middle">${v.toFixed(1)}</text>`);
  }
  for (let c = 0; c <= max; c += step) {
    const y = s.y(0) - (c / max) * h;
    out.push(`<line class="grid" x1="${px(s.x(0))}" y1="${px(y)}" x2="${px(s.x(1))}" y2="${px(y)}"/><text class="tick" x="${px(s.x(0) - 8)}" y="${px(y + 4)}" text-anchor="end">${c}</text>`);
  }
  const binW = (s.x(1) - s.x(0)) / counts.length;
  counts.forEach((c, i) => {
    const bh = (c / max) * h;
    out.push(`<rect class="hist${edges[i] < 0.5 ? ' low' : ''}" x="${px(s.x(edges[i]) + 1)}" y="${px(s.y(0) - bh)}" width="${px(binW - 2)}" height="${px(bh)}"><title>${c} samples gave the true class ${fmt(edges[i], 2)}–${fmt(edges[i + 1], 2)} (−log p ${fmt(-Math.log(Math.max(edges[i + 1], 1e-15)), 2)}–${edges[i] > 0 ? fmt(-Math.log(edges[i]), 2) : '∞'})</title></rect>`);
  });
  out.push(`<line class="frame-line" x1="${px(s.x(0))}" y1="${px(s.y(0))}" x2="${px(s.x(1))}" y2="${px(s.y(0))}"/>`);
  out.push(`<text class="axis-title" x="${px((s.x(0) + s.x(1)) / 2)}" y="${f.height - 6}" text-anchor="middle">probability given to the true class</text>`);
  out.push(`<text class="axis-title" x="12" y="${px((s.y(0) + s.y(1)) / 2)}" transform="rotate(-90 12 ${px((s.y(0) + s.y(1)) / 2)})" text-anchor="middle">samples</text>`);
  const svg = `<svg class="plot-svg histogram" role="img" aria-label="histogram of the probability given to the true class" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">${out.join('')}</svg>`;
  const facts = `<p class="plot-facts">log loss is the mean of −log p over these samples${logLoss != null ? ` (<b>${fmt(logLoss, 4)}</b>)` : ''}: the bars on the left cost the most.</p>`;
  return figure('histogram', 'Probability given to the true class', svg + facts);
}

/** Every curve plot the result holds, or why there are none. */
export function curvePlots(r: ExperimentResult): string {
  const c = r.curves;
  if (!c) return '';
  if ('error' in c) return `<section class="curves"><h2>Curves</h2><p class="note">no curves: ${esc(c.error)}</p></section>`;
  return (
    `<section class="curves"><h2>Curves</h2><div class="plots">` +
    rocPlot(c, r.classes) +
    prPlot(c, r.classes) +
    reliabilityPlot(c) +
    trueClassHistogram(c, r.metrics.log_loss) +
    `</div></section>`
  );
}
