// Draws images/icon.png (256x256 RGBA): `node scripts/make-icon.mjs images/icon.png`. A rounded square with two axes and the cross-entropy curve
// L(p) = -log p, the loss of one sample as a function of the probability given to its true class.
// Anti-aliased from exact distances (no supersampling); PNG written by hand (zlib + CRC-32).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const S = 256;
const px = new Float64Array(S * S * 4); // premultiplied-free RGBA in 0..1, composited "over"

const clamp = (v, a = 0, b = 1) => Math.min(b, Math.max(a, v));
const cover = (d) => clamp(0.5 - d); // coverage of a pixel whose centre is at signed distance d (px)
function over(i, [r, g, b], a) {
  const da = px[i + 3], oa = a + da * (1 - a);
  if (oa === 0) return;
  px[i] = (r * a + px[i] * da * (1 - a)) / oa;
  px[i + 1] = (g * a + px[i + 1] * da * (1 - a)) / oa;
  px[i + 2] = (b * a + px[i + 2] * da * (1 - a)) / oa;
  px[i + 3] = oa;
}
const hex = (h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16) / 255);
const mix = (a, b, t) => a.map((v, k) => v + (b[k] - v) * t);

// Rounded square (signed distance of a rounded box).
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r), qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segDist(x, y, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = clamp(((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy));
  return Math.hypot(x - ax - t * vx, y - ay - t * vy);
}
function polyDist(x, y, pts) {
  let d = Infinity, at = 0;
  for (let k = 1; k < pts.length; k++) {
    const dk = segDist(x, y, pts[k - 1][0], pts[k - 1][1], pts[k][0], pts[k][1]);
    if (dk < d) { d = dk; at = k / (pts.length - 1); }
  }
  return [d, at];
}

// Plot frame: origin (x0, y0) at the bottom left, p in [pMin, 1] along x, L in [0, Lmax] up y.
const x0 = 60, y0 = 196, x1 = 204, yTop = 52;
const pMin = 0.035, Lmax = -Math.log(pMin);
const curve = [];
for (let k = 0; k <= 400; k++) {
  const p = pMin * Math.pow(1 / pMin, k / 400); // log-spaced: dense where the curve is steep
  curve.push([x0 + 20 + (x1 - x0 - 20) * (p - pMin) / (1 - pMin), y0 - (y0 - yTop) * (-Math.log(p) / Lmax)]);
}
const axes = [[x0, yTop - 8], [x0, y0], [x1 + 10, y0]];

const bgA = hex('#2b4c8c'), bgB = hex('#121c38');
const axis = hex('#9fb3d9');
const hot = hex('#ff6b5a'), warm = hex('#ffc857');
const dot = hex('#5fe3c4');
const end = curve[curve.length - 1];

for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    const i = (y * S + x) * 4, cx = x + 0.5, cy = y + 0.5;
    const box = roundedBox(cx, cy, 128, 128, 120, 120, 44);
    const a = cover(box);
    if (a <= 0) continue;
    over(i, mix(bgA, bgB, clamp((cx + cy) / (2 * S))), a);
    // Axes: thin, rounded ends.
    const da = Math.min(segDist(cx, cy, ...axes[0], ...axes[1]), segDist(cx, cy, ...axes[1], ...axes[2]));
    over(i, axis, 0.55 * cover(da - 3.5) * a);
    // The curve, hot where the loss is large (p small), warm where it is small.
    const [dc, t] = polyDist(cx, cy, curve);
    over(i, mix(hot, warm, clamp(t * 1.3)), cover(dc - 8) * a);
    // A dot where p = 1: a confident, correct prediction costs nothing.
    over(i, dot, cover(Math.hypot(cx - end[0], cy - end[1]) - 12) * a);
  }
}

// PNG: signature, IHDR, IDAT (filter 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) {
  raw[y * (S * 4 + 1)] = 0;
  for (let x = 0; x < S * 4; x++) raw[y * (S * 4 + 1) + 1 + x] = Math.round(clamp(px[y * S * 4 + x]) * 255);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(process.argv[2] ?? 'icon.png', png);
console.log(`${process.argv[2] ?? 'icon.png'}: ${png.length} bytes`);
