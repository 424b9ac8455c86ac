// Rows of a K-class problem that Python and JavaScript generate bit for bit alike (test/fixtures/scale/
// generate.py has the same code): a 32-bit linear congruential generator whose products stay below 2^53
// (exact in a double), integer scores, and probabilities r / Σr (one correctly rounded division in both).
// Ties in the scores are frequent, on purpose (argmax takes the first maximum; ranking groups ties).

const A = 1664525;
const C = 1013904223;
const M = 4294967296;

export class LcgRows {
  private x: number;
  constructor(
    seed: number,
    readonly k: number,
  ) {
    this.x = seed % M;
  }

  private next(): number {
    this.x = (A * this.x + C) % M;
    return this.x;
  }

  /** The next n rows: y (a class index per row) and p (n × k probabilities). */
  rows(n: number): { y: Float64Array; p: Float64Array } {
    const k = this.k;
    const y = new Float64Array(n);
    const p = new Float64Array(n * k);
    const r = new Array<number>(k);
    for (let i = 0; i < n; i++) {
      const label = this.next() % k;
      const bonus = this.next() % 1500;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        r[c] = 1 + (this.next() % 1000) + (c === label ? bonus : 0);
        sum += r[c];
      }
      y[i] = label;
      for (let c = 0; c < k; c++) p[i * k + c] = r[c] / sum;
    }
    return { y, p };
  }
}
