// Decodes one column chunk of a flat (top-level, non-repeated) Parquet column into dense arrays of values,
// page by page, with hyparquet's own page decoders (thrift page headers, decompression, PLAIN / dictionary /
// RLE / delta / byte-stream-split encodings, type conversion).
//
// Why not hyparquet's parquetRead: for a nullable column (OPTIONAL: what DuckDB, Spark and pandas write for
// every column) it rebuilds each value through its generic nested-list assembly, into plain JavaScript
// arrays with a null slot per row. For 1M × 11 columns that was most of the time and hundreds of MiB. A
// flat column needs none of it: a page without nulls holds exactly its rows, dense (a Float64Array for
// DOUBLE), and a page with a null is an error here anyway (the row is reported, nothing is scored).

import { parquetHeader } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS, convert, convertWithDictionary } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import type { ColumnMetaData, Compressors, DecodedArray, SchemaTree } from 'hyparquet';
import type { ColumnDecoder } from 'hyparquet/src/types.js';

/**
 * Reused memory for one column's bytes and values while a row group is decoded: the column chunk as read, its
 * decompressed pages, the values copied out of them. Allocating these afresh for every row group (tens of
 * MB per group of 1M × 10 doubles) cost a page fault per 4 KiB and most of the reader's system time; with
 * two threads reading, faults of one process serialize, and the second thread gained nothing. Views handed
 * out stay valid until reset(): the caller resets a column's arena only once the group's rows are delivered.
 * When the arena is too small it starts a new buffer (earlier views keep the old one alive); after the first
 * groups it holds a whole group's column and allocates no more.
 */
export class ColumnArena {
  private buffer = new ArrayBuffer(0);
  private at = 0;
  private wanted = 0;
  reset(): void {
    // What the last group took: the next buffer, if one is needed, holds a whole group.
    if (this.wanted > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(this.wanted);
    }
    this.at = 0;
    this.wanted = 0;
  }
  private take(bytes: number): number {
    const size = (bytes + 7) & ~7; // 8-byte aligned: Float64Array views
    this.wanted += size;
    if (this.at + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(size, this.wanted, 2 * this.buffer.byteLength));
      this.at = 0;
    }
    const at = this.at;
    this.at += size;
    return at;
  }
  bytes(n: number): Uint8Array {
    const at = this.take(n);
    return new Uint8Array(this.buffer, at, n);
  }
  float64(n: number): Float64Array {
    const at = this.take(n * 8);
    return new Float64Array(this.buffer, at, n);
  }
  float32(n: number): Float32Array {
    const at = this.take(n * 4);
    return new Float32Array(this.buffer, at, n);
  }
  int32(n: number): Int32Array {
    const at = this.take(n * 4);
    return new Int32Array(this.buffer, at, n);
  }
}

/** A flat column ready to decode: hyparquet's decoder description and its maximum definition level. */
export interface FlatColumn {
  readonly name: string;
  readonly decoder: ColumnDecoder;
  /** 1 for an OPTIONAL column (a definition level below it is a null), 0 for REQUIRED. */
  readonly maxDefinition: number;
  /** Where the fast paths put the values they copy (else fresh arrays). */
  readonly arena?: ColumnArena;
}

export function flatColumn(root: SchemaTree, node: SchemaTree, meta: ColumnMetaData, compressors: Compressors, arena?: ColumnArena): FlatColumn {
  const element = node.element;
  return {
    name: element.name,
    decoder: {
      pathInSchema: [element.name],
      type: element.type!,
      element,
      schemaPath: [root, node],
      codec: meta.codec,
      parsers: DEFAULT_PARSERS,
      compressors,
      utf8: true,
    },
    maxDefinition: element.repetition_type === 'REQUIRED' ? 0 : 1,
    arena,
  };
}

/** The byte range of a column chunk in its file (the dictionary page first, when there is one). */
export function chunkRange(meta: ColumnMetaData): { start: number; end: number } {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  return { start, end: start + Number(meta.total_compressed_size) };
}

/** The largest uncompressed page read (writers default to about 1 MiB; 256 MiB is far beyond any). */
const MAX_PAGE_BYTES = 256 * 2 ** 20;

export type DecodedChunk = { readonly pieces: DecodedArray[] } | { readonly nullAt: number };

/**
 * The `rows` values of a column chunk, as consecutive dense arrays (one per data page), or the 0-based row
 * of its first null. Throws on a malformed chunk (the caller reports it as 'parquet-format').
 */
export function decodeColumnChunk(bytes: Uint8Array, col: FlatColumn, rows: number): DecodedChunk {
  const { decoder } = col;
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const pieces: DecodedArray[] = [];
  let dictionary: DecodedArray | undefined;
  let numericDictionary: Float64Array | null | undefined; // the dictionary as float64 (null: not numbers)
  let count = 0;
  while (count < rows && reader.offset < bytes.length) {
    const header = parquetHeader(reader);
    // A damaged or hostile header must not make xent allocate gigabytes: writers keep pages near 1 MiB.
    if (!(header.uncompressed_page_size >= 0 && header.uncompressed_page_size <= MAX_PAGE_BYTES)) {
      throw new Error(`a page declares ${header.uncompressed_page_size} bytes uncompressed (at most ${MAX_PAGE_BYTES / 2 ** 20} MiB are read)`);
    }
    if (!(header.compressed_page_size >= 0 && reader.offset + header.compressed_page_size <= bytes.length)) {
      throw new Error(`a page of ${header.compressed_page_size} bytes runs past the end of its column chunk`);
    }
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    let page: { definitionLevels: number[] | undefined; dataPage: DecodedArray };
    let encoding;
    let n: number;
    if (header.type === 'DICTIONARY_PAGE') {
      const raw = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
      const dict = { view: new DataView(raw.buffer, raw.byteOffset, raw.byteLength), offset: 0 };
      dictionary = convert(readPlain(dict, decoder.type, header.dictionary_page_header!.num_values, decoder.element.type_length), decoder);
      numericDictionary = undefined;
      continue;
    } else if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!;
      const raw = decompressPage(compressed, header.uncompressed_page_size, decoder.codec, decoder.compressors);
      const dense =
        daph.encoding === 'PLAIN'
          ? plainFloatsWithoutNulls(raw, daph.num_values, col)
          : daph.encoding === 'RLE_DICTIONARY' || daph.encoding === 'PLAIN_DICTIONARY'
            ? dictionaryNumbersWithoutNulls(raw, daph.num_values, col, (numericDictionary ??= numbersOf(dictionary)))
            : undefined;
      if (dense) {
        pieces.push(dense);
        count += daph.num_values;
        continue;
      }
      page = readDataPage(raw, daph, decoder);
      encoding = daph.encoding;
      n = daph.num_values;
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph2 = header.data_page_header_v2!;
      page = readDataPageV2(compressed, header, decoder);
      encoding = daph2.encoding;
      n = daph2.num_values;
    } else continue; // an index page: nothing to read
    const levels = page.definitionLevels;
    if (col.maxDefinition > 0 && levels && levels.length > 0) {
      for (let i = 0; i < levels.length; i++) if (levels[i] < col.maxDefinition) return { nullAt: count + i };
    }
    const values = convertWithDictionary(page.dataPage, dictionary, encoding, decoder);
    if (values.length !== n) throw new Error(`a page of column ${col.name} holds ${values.length} values for ${n} rows`);
    pieces.push(values);
    count += n;
  }
  if (count !== rows) throw new Error(`column ${col.name} holds ${count} values for the ${rows} rows of its row group`);
  return { pieces };
}

/**
 * The fast path of the common page (what DuckDB, pandas and Spark write for probabilities): a v1 data page,
 * PLAIN-encoded FLOAT or DOUBLE with no logical type, whose definition levels, if the column is OPTIONAL,
 * are one RLE run of "present" covering every value. Its values are then the page's remaining bytes,
 * copied into a Float64Array / Float32Array. hyparquet would decode the levels one by one into a JavaScript
 * array first; for 1M × 10 that was a third of the reading time. Anything else returns undefined and goes
 * through hyparquet's decoders.
 */
function plainFloatsWithoutNulls(raw: Uint8Array, numValues: number, col: FlatColumn): Float64Array | Float32Array | undefined {
  const { type, element } = col.decoder;
  if ((type !== 'DOUBLE' && type !== 'FLOAT') || element.logical_type || element.converted_type) return undefined;
  const offset = presentRunEnd(raw, numValues, col);
  if (offset < 0) return undefined;
  const size = type === 'DOUBLE' ? 8 : 4;
  if (raw.length - offset !== numValues * size) return undefined;
  // Little-endian, as Parquet stores them (every platform Node runs on is little-endian). A view of the
  // decompressed page when the values are aligned (the page buffer is this column's own), else a copy.
  const at = raw.byteOffset + offset;
  if (at % size === 0) return type === 'DOUBLE' ? new Float64Array(raw.buffer, at, numValues) : new Float32Array(raw.buffer, at, numValues);
  const arena = col.arena;
  const out = type === 'DOUBLE' ? (arena?.float64(numValues) ?? new Float64Array(numValues)) : (arena?.float32(numValues) ?? new Float32Array(numValues));
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(raw.subarray(offset, offset + numValues * size));
  return out;
}

/**
 * Where a page's values start when its definition levels say "every value present", or -1. A REQUIRED
 * column has no levels (0); an OPTIONAL one (bit width 1) has a 4-byte little-endian length, then RLE /
 * bit-packed runs: "every value present" is one RLE run, a ULEB128 header (count << 1, low bit 0) and the
 * value 1 in one byte, covering all the page's values.
 */
function presentRunEnd(raw: Uint8Array, numValues: number, col: FlatColumn): number {
  if (col.maxDefinition === 0) return 0;
  if (col.maxDefinition !== 1 || raw.length < 4) return -1;
  const length = raw[0] | (raw[1] << 8) | (raw[2] << 16) | (raw[3] << 24);
  let p = 4;
  let header = 0;
  let shift = 0;
  for (;;) {
    if (p >= raw.length || shift > 28) return -1;
    const b = raw[p++];
    header |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  if ((header & 1) !== 0 || header >>> 1 !== numValues || p >= raw.length || raw[p] !== 1 || p + 1 !== 4 + length) return -1;
  return 4 + length;
}

/** A dictionary of plain numbers (integers without a logical type, floats) as float64, else null. */
function numbersOf(dictionary: DecodedArray | undefined): Float64Array | null {
  if (dictionary instanceof BigInt64Array) return Float64Array.from(dictionary, Number);
  if (dictionary instanceof Float64Array || dictionary instanceof Float32Array || dictionary instanceof Int32Array) return Float64Array.from(dictionary);
  return null;
}

/**
 * The other common page (what DuckDB and pandas write for integer labels): dictionary-encoded numbers
 * without nulls. The indices are decoded with hyparquet's RLE / bit-packed reader into an Int32Array and
 * looked up in the float64 dictionary, instead of through per-value JavaScript arrays and bigints.
 */
function dictionaryNumbersWithoutNulls(raw: Uint8Array, numValues: number, col: FlatColumn, dict: Float64Array | null): Float64Array | undefined {
  const { element } = col.decoder;
  if (!dict || element.logical_type || (element.converted_type && !/^INT_(8|16|32|64)$/.test(element.converted_type))) return undefined;
  let offset = presentRunEnd(raw, numValues, col);
  if (offset < 0 || offset >= raw.length) return undefined;
  const bitWidth = raw[offset++];
  if (bitWidth > 32) throw new Error(`dictionary indices of ${bitWidth} bits`);
  const indices = col.arena?.int32(numValues).fill(0) ?? new Int32Array(numValues);
  if (bitWidth > 0) {
    readRleBitPackedHybrid({ view: new DataView(raw.buffer, raw.byteOffset, raw.byteLength), offset }, bitWidth, indices, raw.length - offset);
  }
  const out = col.arena?.float64(numValues) ?? new Float64Array(numValues);
  for (let i = 0; i < numValues; i++) {
    const k = indices[i];
    if (!(k >= 0 && k < dict.length)) throw new Error(`dictionary index ${k} of a ${dict.length}-entry dictionary`);
    out[i] = dict[k];
  }
  return out;
}
