// The report view's HTML, as a pure function of an evaluation result (no vscode import, so it is tested in
// plain node). Theme-aware through VS Code's CSS variables; no remote resources; the only script is nonce'd.

import type { ExperimentResult } from '../results';
// The server's pure formatters (no imports of their own but types): the report shows each declared metric with
// the very digits of the lens, the inlay hint and the hover.
import { declaredSignature, declaredText } from '../../../shared/headline';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (x: number | null | undefined, d = 4) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(d));

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
  if (r.metrics.confusion_matrix) parts.push(heatMap(r.metrics.confusion_matrix, r.classes));
  parts.push(bars(r));
  parts.push(`<p><button id="copy" type="button">Copy report as text</button></p>`);
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

/** The confusion matrix as an SVG heat map: counts and row-normalised percentages, class names on both axes. */
export function heatMap(matrix: number[][], classes: readonly string[]): string {
  const n = matrix.length;
  const cell = n > 8 ? 44 : 64;
  const left = 110;
  const top = 40;
  const width = left + n * cell + 10;
  const height = top + n * cell + 40;
  const out: string[] = [`<svg class="heatmap" role="img" aria-label="confusion matrix" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`];
  for (let j = 0; j < n; j++) {
    out.push(`<text class="axis" x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${esc(classes[j] ?? String(j))}</text>`);
  }
  for (let i = 0; i < n; i++) {
    const rowSum = matrix[i].reduce((a, b) => a + b, 0);
    out.push(`<text class="axis" x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${esc(classes[i] ?? String(i))}</text>`);
    for (let j = 0; j < n; j++) {
      const count = matrix[i][j];
      const share = rowSum > 0 ? count / rowSum : 0;
      const x = left + j * cell;
      const y = top + i * cell;
      out.push(`<rect class="cell${i === j ? ' diagonal' : ''}" x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill-opacity="${(0.08 + 0.92 * share).toFixed(3)}"><title>true ${esc(classes[i] ?? String(i))}, predicted ${esc(classes[j] ?? String(j))}: ${count} (${(share * 100).toFixed(1)}% of the row)</title></rect>`);
      out.push(`<text class="count${share > 0.55 ? ' strong' : ''}" x="${x + cell / 2 - 1}" y="${y + cell / 2 - 2}" text-anchor="middle">${count}</text>`);
      out.push(`<text class="share${share > 0.55 ? ' strong' : ''}" x="${x + cell / 2 - 1}" y="${y + cell / 2 + 12}" text-anchor="middle">${(share * 100).toFixed(0)}%</text>`);
    }
  }
  out.push(`<text class="axis-title" x="${left + (n * cell) / 2}" y="${height - 10}" text-anchor="middle">predicted</text>`);
  out.push(`<text class="axis-title" x="14" y="${top + (n * cell) / 2}" transform="rotate(-90 14 ${top + (n * cell) / 2})" text-anchor="middle">true</text>`);
  out.push('</svg>');
  return `<section><h2>Confusion matrix</h2>${out.join('')}</section>`;
}

function bars(r: ExperimentResult): string {
  const p = r.metrics.precision?.per_class;
  const rc = r.metrics.recall?.per_class;
  const f = r.metrics.f1?.per_class;
  if (!p || !rc || !f) return '';
  const rows = r.classes.map((name, i) => {
    const bar = (v: number, cls: string) => `<div class="bar ${cls}" style="width:${Math.max(0, Math.min(1, v)) * 100}%"></div>`;
    return `<tr><th>${esc(name)}</th><td>${bar(p[i] ?? 0, 'precision')}<span>${num(p[i], 2)}</span></td><td>${bar(rc[i] ?? 0, 'recall')}<span>${num(rc[i], 2)}</span></td><td>${bar(f[i] ?? 0, 'f1')}<span>${num(f[i], 2)}</span></td></tr>`;
  });
  return `<section><h2>Per class</h2><table class="bars"><tr><th></th><th>precision</th><th>recall</th><th>F1</th></tr>${rows.join('')}</table></section>`;
}

export const REPORT_CSS = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
.facts { color: var(--vscode-descriptionForeground); }
.error { color: var(--vscode-errorForeground); }
.loss { margin: 6px 0; } .loss .label { font-weight: 600; } .loss .value { font-family: var(--vscode-editor-font-family); }
.formula, .entropy { font-family: var(--vscode-editor-font-family); color: var(--vscode-descriptionForeground); }
table.report { border-collapse: collapse; font-family: var(--vscode-editor-font-family); }
table.report th, table.report td { padding: 2px 12px; text-align: right; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
table.report tr.avg th, table.report tr.avg td { color: var(--vscode-descriptionForeground); }
.heatmap text { fill: var(--vscode-editor-foreground); font-family: var(--vscode-editor-font-family); font-size: 12px; }
.heatmap .share { font-size: 10px; fill: var(--vscode-descriptionForeground); }
.heatmap .strong { fill: var(--vscode-button-foreground); }
.heatmap rect.cell { fill: var(--vscode-charts-blue, #3794ff); stroke: var(--vscode-contrastBorder, transparent); }
.heatmap rect.diagonal { fill: var(--vscode-charts-green, #388a34); }
table.bars td { width: 160px; position: relative; } table.bars span { position: relative; padding-left: 4px; font-family: var(--vscode-editor-font-family); }
.bar { position: absolute; left: 0; top: 3px; bottom: 3px; opacity: 0.55; }
.bar.precision { background: var(--vscode-charts-blue, #3794ff); } .bar.recall { background: var(--vscode-charts-orange, #d18616); } .bar.f1 { background: var(--vscode-charts-green, #388a34); }
table.declared { border-collapse: collapse; } table.declared th { text-align: left; font-weight: normal; padding: 2px 12px 2px 0; vertical-align: top; }
table.declared td { padding: 2px 12px; vertical-align: top; } table.declared td.value { font-family: var(--vscode-editor-font-family); }
table.declared td.remark { color: var(--vscode-descriptionForeground); } table.declared pre { margin: 0; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
`;

/** The whole page: a strict Content Security Policy (nothing remote; styles and the one script by nonce). */
export function reportPage(r: ExperimentResult, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.name)}</title><style nonce="${nonce}">${REPORT_CSS}</style></head>
<body><main id="report">${reportBody(r)}</main>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const main = document.getElementById('report');
document.addEventListener('click', (e) => { if (e.target && e.target.id === 'copy') vscode.postMessage({ type: 'copy' }); });
window.addEventListener('message', (e) => { if (e.data && e.data.type === 'update') main.innerHTML = e.data.body; });
</script></body></html>`;
}
