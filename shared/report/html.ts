// The report view's HTML, as a pure function of an evaluation result (no vscode import, so it is tested in
// plain node). Theme-aware through VS Code's CSS variables; no remote resources; the only script is nonce'd and
// nothing carries a `style=` attribute (the Content Security Policy blocks them). The same body makes the
// standalone page of `xent eval --html` and of the view's "Save report as HTML" (reportDocument).

import type { ExperimentResult } from '../results';
// The server's pure formatters (no imports of their own but types): the report shows each declared metric with
// the very digits of the lens, the inlay hint and the hover.
import { declaredSignature, declaredText } from '../headline';

import { curvePlots, heatMap, perClassBars } from './plots';
import { esc, fmt as num } from './svg';

export { heatMap } from './plots';

const FORMULAS: Record<string, string> = {
  binary_crossentropy: 'L = −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]',
  categorical_crossentropy: 'L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ',
  sparse_categorical_crossentropy: 'L = −(1/N) Σᵢ log pᵢ,yᵢ',
  kl_divergence: 'KL(p‖q) = (1/N) Σᵢ Σₖ pᵢₖ·log(pᵢₖ / qᵢₖ)',
  log_loss: 'L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ',
};

/** The body of the report (everything inside <body>), replaced in place on re-evaluation. */
export function reportBody(r: ExperimentResult): string {
  if (r.error) {
    return `<h1>${esc(r.name)}</h1><p class="error">cannot evaluate: ${esc(r.error)}</p>`;
  }
  const parts: string[] = [];
  parts.push(`<h1>${esc(r.name)}</h1>`);
  parts.push(`<p class="facts">${esc(r.task ?? '')} · ${r.classes.length} classes · ${r.samples} samples</p>`);
  parts.push(lossSection(r));
  parts.push(declaredSection(r));
  parts.push(reportTable(r));
  const plots = [perClassBars(r), r.metrics.confusion_matrix ? heatMap(r.metrics.confusion_matrix, r.classes) : ''].filter((x) => x !== '');
  if (plots.length > 0) parts.push(`<section class="per-class"><h2>Per class</h2><div class="plots">${plots.join('')}</div></section>`);
  parts.push(curvePlots(r));
  parts.push(
    `<p class="actions"><button id="copy" type="button">Copy report as text</button> <button id="save-html" type="button">Save report as HTML</button></p>`,
  );
  return parts.join('\n');
}

function lossSection(r: ExperimentResult): string {
  const rows: string[] = [];
  if (r.loss) {
    const formula = FORMULAS[r.loss.name];
    rows.push(
      `<div class="loss"><span class="label">${esc(r.loss.name)}</span> <span class="value">${r.loss.value == null ? esc(r.loss.note ?? 'not computed') : num(r.loss.value)}</span>${
        formula ? `<div class="formula">${esc(formula)}</div>` : ''
      }</div>`,
    );
  }
  if (r.metrics.log_loss != null) {
    rows.push(`<div class="loss"><span class="label">log_loss</span> <span class="value">${num(r.metrics.log_loss)}</span><div class="formula">${esc(FORMULAS.log_loss)}</div></div>`);
  }
  const e = r.metrics.entropy;
  if (e) {
    rows.push(
      `<div class="entropy">H(p, q) = H(p) + KL(p‖q): <b>${num(e.cross_entropy)}</b> = ${num(e.entropy)} + ${num(e.kl_divergence)}</div>`,
    );
  }
  return `<section class="losses">${rows.join('')}</section>`;
}

/**
 * Every metric of `metrics:` in the file's order: the metric with its effective parameters, its value (a number,
 * one value per class, a small matrix; the classification report as text) and the note or the library's reason
 * it was not computed.
 */
function declaredSection(r: ExperimentResult): string {
  const declared = r.declared ?? [];
  if (declared.length === 0) return '';
  const rows = declared.map((d) => {
    const failed = d.error !== null || d.value === null;
    const value = typeof d.value === 'string' && !failed ? `<pre>${esc(d.value.replace(/\n+$/, ''))}</pre>` : esc(failed ? '—' : declaredText(d));
    const remark = failed ? `<span class="error">${esc(d.error ?? 'not computed')}</span>` : d.note ? esc(d.note) : '';
    return `<tr><th><code>${esc(declaredSignature(d))}</code></th><td class="value">${value}</td><td class="remark">${remark}</td></tr>`;
  });
  return `<section><h2>Declared metrics</h2><table class="declared">${rows.join('')}</table></section>`;
}

function reportTable(r: ExperimentResult): string {
  const report = r.metrics.report;
  if (!report) return '';
  const head = '<tr><th></th><th>precision</th><th>recall</th><th>f1-score</th><th>support</th></tr>';
  const body: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    if (typeof value === 'number') {
      body.push(`<tr class="avg"><th>${esc(key)}</th><td></td><td></td><td>${num(value, 2)}</td><td></td></tr>`);
      continue;
    }
    const v = value as Record<string, number>;
    body.push(`<tr${key.endsWith(' avg') ? ' class="avg"' : ''}><th>${esc(key)}</th><td>${num(v.precision, 2)}</td><td>${num(v.recall, 2)}</td><td>${num(v['f1-score'], 2)}</td><td>${v.support}</td></tr>`);
  }
  return `<section><h2>Classification report</h2><table class="report">${head}${body.join('')}</table></section>`;
}

/** The plots' rules: kept apart so an exported SVG can carry them, the theme's variables resolved. */
export const SVG_CSS = `
svg text { fill: var(--vscode-editor-foreground, #1f1f1f); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
svg .tick { font-size: 10px; fill: var(--vscode-descriptionForeground, #616161); }
svg .axis-title { font-size: 11px; fill: var(--vscode-descriptionForeground, #616161); }
svg .grid { stroke: var(--vscode-editorIndentGuide-background1, #d3d3d3); stroke-width: 1; }
svg .frame { fill: none; stroke: var(--vscode-editorWidget-border, #c8c8c8); }
svg .frame-line { stroke: var(--vscode-editorWidget-border, #c8c8c8); }
svg .chance { stroke: var(--vscode-descriptionForeground, #616161); stroke-dasharray: 4 4; stroke-width: 1; }
svg .curve { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
svg .curve.cls { stroke-width: 1.4; }
svg .curve.avg { stroke: var(--vscode-editor-foreground, #1f1f1f); stroke-width: 2.4; }
svg .curve.micro { stroke-dasharray: 6 3; }
svg .curve.macro { stroke-dasharray: 2 2; }
svg .s0 { stroke: var(--vscode-charts-blue, #1a85ff); fill: var(--vscode-charts-blue, #1a85ff); }
svg .s1 { stroke: var(--vscode-charts-orange, #d18616); fill: var(--vscode-charts-orange, #d18616); }
svg .s2 { stroke: var(--vscode-charts-green, #388a34); fill: var(--vscode-charts-green, #388a34); }
svg .s3 { stroke: var(--vscode-charts-red, #e51400); fill: var(--vscode-charts-red, #e51400); }
svg .s4 { stroke: var(--vscode-charts-purple, #652d90); fill: var(--vscode-charts-purple, #652d90); }
svg .s5 { stroke: var(--vscode-charts-yellow, #bf8803); fill: var(--vscode-charts-yellow, #bf8803); }
svg .s6, svg .s7, svg .s8, svg .s9, svg .s10, svg .s11 { stroke-dasharray: 5 2; }
svg .s6 { stroke: var(--vscode-charts-blue, #1a85ff); } svg .s7 { stroke: var(--vscode-charts-orange, #d18616); }
svg .s8 { stroke: var(--vscode-charts-green, #388a34); } svg .s9 { stroke: var(--vscode-charts-red, #e51400); }
svg .s10 { stroke: var(--vscode-charts-purple, #652d90); } svg .s11 { stroke: var(--vscode-charts-yellow, #bf8803); }
svg polyline.curve { fill: none; }
svg .point { stroke: var(--vscode-editor-background, #ffffff); stroke-width: 1; }
svg .hist { fill: var(--vscode-charts-blue, #1a85ff); fill-opacity: 0.6; }
svg .hist.low { fill: var(--vscode-charts-red, #e51400); }
svg .bar.precision { fill: var(--vscode-charts-blue, #1a85ff); }
svg .bar.recall { fill: var(--vscode-charts-orange, #d18616); }
svg .bar.f1 { fill: var(--vscode-charts-green, #388a34); }
svg .bar-value { font-size: 9px; }
svg .legend-text { font-size: 11px; }
.heatmap rect.cell { fill: var(--vscode-charts-blue, #1a85ff); stroke: var(--vscode-contrastBorder, transparent); }
.heatmap rect.diagonal { fill: var(--vscode-charts-green, #388a34); }
.heatmap .count { font-size: 11px; }
.heatmap .count.strong { fill: var(--vscode-button-foreground, #ffffff); font-weight: 600; }
.heatmap .norm { display: none; }
.normalised .heatmap .norm { display: inline; }
.normalised .heatmap .raw { display: none; }
[data-hidden] { display: none; }
`;

export const REPORT_CSS = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; } h3 { font-size: 1em; margin: 0.4em 0; }
.facts, .note, .plot-facts { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.loss { margin: 6px 0; } .loss .label { font-weight: 600; } .loss .value { font-family: var(--vscode-editor-font-family); }
.formula, .entropy { font-family: var(--vscode-editor-font-family); color: var(--vscode-descriptionForeground); }
table.report { border-collapse: collapse; font-family: var(--vscode-editor-font-family); }
table.report th, table.report td { padding: 2px 12px; text-align: right; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
table.report tr.avg th, table.report tr.avg td { color: var(--vscode-descriptionForeground); }
table.declared { border-collapse: collapse; } table.declared th { text-align: left; font-weight: normal; padding: 2px 12px 2px 0; vertical-align: top; }
table.declared td { padding: 2px 12px; vertical-align: top; } table.declared td.value { font-family: var(--vscode-editor-font-family); }
table.declared td.remark { color: var(--vscode-descriptionForeground); } table.declared pre { margin: 0; }
.plots { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure.plot { margin: 0; padding: 8px; border: 1px solid var(--vscode-panel-border, transparent); border-radius: 4px; max-width: 100%; }
figure.plot:focus-visible, .scroll:focus-visible, button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
figcaption { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
.plot-title { font-weight: 600; flex: 1; }
.plot-row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.plot-facts { margin: 4px 0 0; max-width: 380px; }
ul.legend { list-style: none; margin: 0; padding: 0; font-family: var(--vscode-editor-font-family); font-size: 12px; }
ul.legend.long { max-height: 320px; overflow-y: auto; }
ul.legend button { background: none; color: var(--vscode-editor-foreground); border: 1px solid transparent; padding: 1px 4px; text-align: left; cursor: pointer; }
ul.legend button[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
ul.legend button:hover { background: var(--vscode-list-hoverBackground); }
.swatch { vertical-align: middle; }
.swatch .curve { stroke-width: 3; }
.series-value { color: var(--vscode-descriptionForeground); }
.scroll { max-width: 100%; max-height: 640px; overflow: auto; }
.confused ol { margin: 0; padding-left: 1.4em; font-family: var(--vscode-editor-font-family); font-size: 12px; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
.exports { display: inline-flex; gap: 4px; }
figcaption button { padding: 1px 8px; font-size: 11px; color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); }
button[aria-pressed="true"].toggle-normalised { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
body.vscode-high-contrast svg .curve { stroke-width: 2.4; }
body.vscode-high-contrast figure.plot { border-color: var(--vscode-contrastBorder); }
${SVG_CSS}
`;

/**
 * The view's script: the heat map toggle, the legend's show / hide buttons, the exports. An export is drawn
 * here (the SVG with its rules and the theme's colours resolved; a PNG through a canvas) and sent to the
 * extension, which asks where to save it (a webview cannot write files or download).
 */
function viewScript(): string {
  return `
const vscode = acquireVsCodeApi();
const main = document.getElementById('report');
const SVG_CSS = ${JSON.stringify(SVG_CSS)};
function resolvedCss() {
  const cs = getComputedStyle(document.body);
  return SVG_CSS.replace(/var\\((--[\\w-]+)(?:,\\s*([^()]*|[^()]*\\([^()]*\\)[^()]*))?\\)/g, (m, name, fallback) => (cs.getPropertyValue(name).trim() || (fallback || '').trim() || 'currentColor'));
}
function standaloneSvg(figure) {
  const svg = figure.querySelector('svg.plot-svg');
  const clone = svg.cloneNode(true);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (figure.classList.contains('normalised')) clone.classList.add('normalised');
  clone.querySelectorAll('[data-hidden]').forEach((e) => e.remove());
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  const bg = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
  style.textContent = resolvedCss() + (figure.classList.contains('normalised') ? ' .heatmap .norm { display: inline; } .heatmap .raw { display: none; }' : '');
  clone.insertBefore(style, clone.firstChild);
  const back = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  back.setAttribute('width', '100%'); back.setAttribute('height', '100%'); back.setAttribute('fill', bg);
  clone.insertBefore(back, style.nextSibling);
  let width = +svg.getAttribute('width');
  let height = +svg.getAttribute('height');
  // The legend is HTML beside the plot: an exported plot carries it inside, the shown series only.
  const entries = [...figure.querySelectorAll('ul.legend button[aria-pressed="true"]')];
  if (entries.length) {
    const ns = 'http://www.w3.org/2000/svg';
    const g = document.createElementNS(ns, 'g');
    entries.forEach((b, i) => {
      const y = 20 + i * 18;
      const line = document.createElementNS(ns, 'line');
      line.setAttribute('class', b.querySelector('line').getAttribute('class'));
      line.setAttribute('x1', String(width + 4)); line.setAttribute('x2', String(width + 26));
      line.setAttribute('y1', String(y - 4)); line.setAttribute('y2', String(y - 4));
      const text = document.createElementNS(ns, 'text');
      text.setAttribute('class', 'legend-text'); text.setAttribute('x', String(width + 32)); text.setAttribute('y', String(y));
      text.textContent = b.textContent.trim();
      g.appendChild(line); g.appendChild(text);
    });
    clone.appendChild(g);
    width += 250;
    height = Math.max(height, 30 + entries.length * 18);
    clone.setAttribute('width', String(width)); clone.setAttribute('height', String(height));
    clone.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  }
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}
function exportPlot(figure, format) {
  const name = figure.dataset.plot;
  const { text, width, height } = standaloneSvg(figure);
  if (format === 'svg') { vscode.postMessage({ type: 'export', format, name, data: text }); return; }
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = width * 2; canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    vscode.postMessage({ type: 'export', format, name, data: canvas.toDataURL('image/png').split(',')[1] });
  };
  img.onerror = () => vscode.postMessage({ type: 'export-failed', name });
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
}
document.addEventListener('click', (e) => {
  const button = e.target && e.target.closest ? e.target.closest('button') : null;
  if (!button) return;
  if (button.id === 'copy') vscode.postMessage({ type: 'copy' });
  else if (button.id === 'save-html') vscode.postMessage({ type: 'save-html' });
  else if (button.classList.contains('export')) exportPlot(button.closest('figure'), button.dataset.format);
  else if (button.classList.contains('toggle-normalised')) {
    const figure = button.closest('figure');
    const on = figure.classList.toggle('normalised');
    button.setAttribute('aria-pressed', String(on));
  } else if (button.classList.contains('series-toggle')) {
    const figure = button.closest('figure');
    const shown = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(shown));
    figure.querySelectorAll('svg.plot-svg [data-series="' + button.dataset.series + '"]').forEach((el) => shown ? el.removeAttribute('data-hidden') : el.setAttribute('data-hidden', ''));
  }
});
window.addEventListener('message', (e) => { if (e.data && e.data.type === 'update') main.innerHTML = e.data.body; });
`;
}

/** The whole page: a strict Content Security Policy (nothing remote; styles and the one script by nonce). */
export function reportPage(r: ExperimentResult, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.name)}</title><style nonce="${nonce}">${REPORT_CSS}</style></head>
<body><main id="report">${reportBody(r)}</main>
<script nonce="${nonce}">${viewScript()}</script></body></html>`;
}

/** The theme the standalone page carries: VS Code's light colours, and its dark ones where the reader prefers. */
const STANDALONE_THEME = `
:root { --vscode-editor-foreground: #1f1f1f; --vscode-editor-background: #ffffff; --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: ui-monospace, Menlo, Consolas, monospace; --vscode-descriptionForeground: #616161; --vscode-errorForeground: #e51400;
  --vscode-panel-border: #e5e5e5; --vscode-button-foreground: #ffffff; --vscode-button-background: #005fb8; --vscode-button-hoverBackground: #0258a8;
  --vscode-focusBorder: #005fb8; --vscode-editorWidget-border: #c8c8c8; --vscode-editorIndentGuide-background1: #e4e4e4; }
@media (prefers-color-scheme: dark) { :root { --vscode-editor-foreground: #cccccc; --vscode-editor-background: #1f1f1f; --vscode-descriptionForeground: #9d9d9d;
  --vscode-errorForeground: #f85149; --vscode-panel-border: #2b2b2b; --vscode-editorWidget-border: #454545; --vscode-editorIndentGuide-background1: #404040;
  --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-red: #f14c4c; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700; } }
figcaption .exports, .actions { display: none; }
`;

/**
 * The report as one self-contained HTML file (for CI artefacts and "Save report as HTML"): the same body, the
 * same rules with the theme's variables defined in the page, no script (so no toggles or exports: the matrix
 * shows counts), nothing remote.
 */
export function reportDocument(results: readonly ExperimentResult[], title = results.map((r) => r.name).join(', ')): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>xent report: ${esc(title)}</title><style>${STANDALONE_THEME}${REPORT_CSS}</style></head>
<body>${results.map((r) => `<main class="report">${reportBody(r)}</main>`).join('<hr>')}</body></html>
`;
}
