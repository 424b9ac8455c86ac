// Small pure helpers for the report's SVG plots: escaping, number formatting, class-name shortening, scales,
// axes and the thinning of curves for drawing. No inline styles anywhere: the view's Content Security Policy
// blocks `style=` attributes, so everything is drawn with classes (coloured by the theme's CSS variables) and
// SVG geometry attributes.

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const fmt = (x: number | null | undefined, d = 4): string => (x == null || Number.isNaN(x) ? '—' : x.toFixed(d));

/** Coordinates rounded to 0.1 px: shorter markup, no visible difference. */
export const px = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * A class name that fits `max` characters, its middle left out ("category…_long"): names that share a prefix
 * (class_001, class_002) stay apart by their ends. The full name goes into a <title>.
 */
export function shorten(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.max(0, max - 1 - head);
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`;
}

/** An approximate text width (px) for layout: 0.62 em per character of the editor font at `size` px. */
export function textWidth(s: string, size: number): number {
  return [...s].length * size * 0.62;
}

/** Series colours: the theme's chart colours in turn, then again with dashes (classes s0…s11). */
export const SERIES = 12;
export const seriesClass = (i: number): string => `s${i % SERIES}`;

/**
 * The points of a curve worth drawing: a point is kept when it lies at least `minPx` from the last kept one in
 * screen pixels, or when it is a corner the eye would miss (the last point is always kept). The curve's
 * numbers stay exact in the result; only the drawing is thinned.
 */
export function thin(xs: readonly number[], ys: readonly number[], toX: (v: number) => number, toY: (v: number) => number, minPx = 0.75): string {
  const out: string[] = [];
  let lastX = NaN;
  let lastY = NaN;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
    const x = toX(xs[i]);
    const y = toY(ys[i]);
    const far = !(Math.abs(x - lastX) < minPx && Math.abs(y - lastY) < minPx);
    if (far || i === n - 1) {
      out.push(`${px(x)},${px(y)}`);
      lastX = x;
      lastY = y;
    }
  }
  return out.join(' ');
}

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** x and y in [0, 1] to pixels inside the frame. */
export function unitScales(f: Frame): { x: (v: number) => number; y: (v: number) => number } {
  const w = f.width - f.left - f.right;
  const h = f.height - f.top - f.bottom;
  return { x: (v) => f.left + v * w, y: (v) => f.top + (1 - v) * h };
}

/** Axes of a unit square with ticks at 0, 0.2, … 1, grid lines and the axis titles. */
export function unitAxes(f: Frame, xTitle: string, yTitle: string): string {
  const s = unitScales(f);
  const out: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<line class="grid" x1="${px(s.x(v))}" y1="${px(s.y(0))}" x2="${px(s.x(v))}" y2="${px(s.y(1))}"/>`);
    out.push(`<line class="grid" x1="${px(s.x(0))}" y1="${px(s.y(v))}" x2="${px(s.x(1))}" y2="${px(s.y(v))}"/>`);
    out.push(`<text class="tick" x="${px(s.x(v))}" y="${px(s.y(0) + 18)}" text-anchor="middle">${v.toFixed(1)}</text>`);
    out.push(`<text class="tick" x="${px(s.x(0) - 8)}" y="${px(s.y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<rect class="frame" x="${px(s.x(0))}" y="${px(s.y(1))}" width="${px(s.x(1) - s.x(0))}" height="${px(s.y(0) - s.y(1))}"/>`);
  const midX = (s.x(0) + s.x(1)) / 2;
  const midY = (s.y(0) + s.y(1)) / 2;
  out.push(`<text class="axis-title" x="${px(midX)}" y="${px(f.height - 6)}" text-anchor="middle">${esc(xTitle)}</text>`);
  out.push(`<text class="axis-title" x="12" y="${px(midY)}" transform="rotate(-90 12 ${px(midY)})" text-anchor="middle">${esc(yTitle)}</text>`);
  return out.join('');
}
