// Snappy decompression for Parquet pages: the format of hyparquet's snappy.js (MIT, from snappyjs), with
// literal runs and non-overlapping back-references copied as whole ranges (TypedArray set / copyWithin)
// instead of byte by byte. Probability columns are mostly incompressible doubles, so a page is long literal
// runs: the byte loop was a fifth of reading 1M × 10 from Parquet. Registered as the SNAPPY decompressor
// (parquet.ts); every length and offset is checked, a malformed stream throws (a 'parquet-format' error).

/** Copies shorter than this go byte by byte (a call costs more than a few bytes). */
const RANGE_COPY = 16;

/** `into`, when given, receives the output (its length must be outputLength): a reused buffer (ColumnArena). */
export function snappyDecompress(input: Uint8Array, outputLength: number, into?: Uint8Array): Uint8Array {
  const output = into ?? new Uint8Array(outputLength);
  const n = input.length;
  let pos = 0;
  // The preamble: the uncompressed length as a varint.
  let declared = 0;
  let shift = 0;
  for (;;) {
    if (pos >= n || shift > 28) throw new Error('snappy: invalid length header');
    const c = input[pos++];
    declared += (c & 0x7f) * 2 ** shift;
    if (c < 128) break;
    shift += 7;
  }
  if (declared !== outputLength) throw new Error(`snappy: the stream holds ${declared} bytes, the page header says ${outputLength}`);
  let out = 0;
  while (pos < n) {
    const c = input[pos++];
    const kind = c & 3;
    if (kind === 0) {
      let len = (c >>> 2) + 1;
      if (len > 60) {
        const bytes = len - 60;
        if (pos + bytes > n) throw new Error('snappy: literal length past the end of the input');
        len = 0;
        for (let i = 0; i < bytes; i++) len += input[pos + i] * 2 ** (8 * i);
        len += 1;
        pos += bytes;
      }
      if (pos + len > n) throw new Error('snappy: literal past the end of the input');
      if (out + len > outputLength) throw new Error('snappy: output longer than declared');
      if (len >= RANGE_COPY) output.set(input.subarray(pos, pos + len), out);
      else for (let i = 0; i < len; i++) output[out + i] = input[pos + i];
      pos += len;
      out += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (pos >= n) throw new Error('snappy: copy past the end of the input');
      len = ((c >>> 2) & 7) + 4;
      offset = input[pos] + ((c >>> 5) << 8);
      pos += 1;
    } else if (kind === 2) {
      if (pos + 1 >= n) throw new Error('snappy: copy past the end of the input');
      len = (c >>> 2) + 1;
      offset = input[pos] + (input[pos + 1] << 8);
      pos += 2;
    } else {
      if (pos + 3 >= n) throw new Error('snappy: copy past the end of the input');
      len = (c >>> 2) + 1;
      offset = input[pos] + input[pos + 1] * 256 + input[pos + 2] * 65536 + input[pos + 3] * 16777216;
      pos += 4;
    }
    if (offset === 0 || offset > out) throw new Error(`snappy: invalid copy offset ${offset}`);
    if (out + len > outputLength) throw new Error('snappy: output longer than declared');
    const from = out - offset;
    // An overlapping copy (offset < len) repeats the last `offset` bytes: byte by byte, forwards.
    if (offset >= len && len >= RANGE_COPY) output.copyWithin(out, from, from + len);
    else for (let i = 0; i < len; i++) output[out + i] = output[from + i];
    out += len;
  }
  if (out !== outputLength) throw new Error(`snappy: ${out} bytes decompressed, the page header says ${outputLength}`);
  return output;
}
