// The one seeded random generator of the tests and benchmarks (mulberry32: 32 bits of state, fast, and the same
// sequence on every machine), so a failing random case is reproduced by its seed. Plain CommonJS so that the
// TypeScript tests (through esbuild-register) and the benchmarks' plain `node bench/gen-data.mjs` load the same
// file; test/support/random.d.cts gives its types.
'use strict';

/** A generator of numbers in [0, 1), the same sequence for the same seed (mulberry32). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

exports.mulberry32 = mulberry32;
