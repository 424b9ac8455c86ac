// Reading NumPy .npy files (npy(y_true: "path", y_pred: "path", features: "path")), streamed in chunks.
//
// Format (numpy.lib.format): the magic "\x93NUMPY", a major and minor version byte (1.0, 2.0, 3.0), the
// header length (uint16 little-endian in 1.0, uint32 in 2.0 and 3.0), then the header: a Python dict
// literal such as {'descr': '<f8', 'fortran_order': False, 'shape': (1000, 10), } (latin-1 in 1.0/2.0,
// UTF-8 in 3.0), padded with spaces and a newline so the data starts aligned. The data follows, raw.
//
// Accepted: dtypes float16/32/64, int8/16/32/64, uint8/16/32/64, bool, little ('<') and big ('>') endian
// ('|' for one-byte types, '=' as native); 1-D and 2-D arrays in C order and in Fortran (column-major)
// order, which is what np.save(path, df[cols].to_numpy()) writes. A Fortran-order chunk of rows is read
// column by column: rows [r, r + n) of column j are the contiguous bytes at (j·rows + r)·itemSize, so a
// chunk costs `cols` reads of n values and memory stays one chunk, as for C order.
// int64/uint64 values beyond 2^53 are rounded to the nearest double, as float(x) does.
// Errors: object, string, complex, datetime and structured dtypes; 0-D or 3-D+ shapes; truncated files;
// nan / ±inf values (unless allowNonFinite). Memory: one chunk of rows at a time.
// Files are opened with openRegularFile (safe-open.ts) and checked unchanged before each chunk is
// delivered and at the end: a file rewritten during the read is 'data-changed', never a partial result.

import { checkUnchanged, openRegularFile, type OpenedFile } from './safe-open';
import {
  cancelledError,
  dataError,
  fsError,
  type ConfineOptions,
  type DataChunk,
  type DataError,
  type DataResult,
  type PredDtype,
  type ProgressFn,
} from './types';

export type NpyDtypeName =
  | 'float16'
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';

export interface NpyHeader {
  /** "1.0", "2.0" or "3.0". */
  version: string;
  /** The dtype as written in the header, e.g. "<f8". */
  descr: string;
  /** numpy's name for it, e.g. "float64". */
  dtype: NpyDtypeName;
  littleEndian: boolean;
  itemSize: number;
  fortranOrder: boolean;
  shape: number[];
  /** shape[0]. */
  rows: number;
  /** shape[1] for 2-D arrays, 1 for 1-D. */
  cols: number;
  /** File offset of the first data byte. */
  dataOffset: number;
  fileSize: number;
}

export interface NpyChunk {
  rowStart: number;
  n: number;
  cols: number;
  /** n × cols values, row-major. */
  data: Float64Array;
}

export interface NpyScanOptions extends ConfineOptions {
  displayPath?: string;
  /** Rows per chunk (default 65536). */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Accept nan / ±inf values (default: a `non-finite` error). */
  allowNonFinite?: boolean;
  /** Reuse the chunk's array once onChunk has returned (see CsvScanOptions.reuseChunks). */
  reuseChunks?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// The header's Python literal

type PyValue = string | number | boolean | null | PyValue[] | { tuple: PyValue[] } | Map<string, PyValue>;

class PyParseError extends Error {}

function parsePyLiteral(text: string): PyValue {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = (what: string): never => {
    throw new PyParseError(`${what} at character ${i + 1}`);
  };
  const value = (): PyValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new Map<string, PyValue>();
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return m;
        }
        const k = value();
        if (typeof k !== 'string') fail('a dict key that is not a string');
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        m.set(k as string, value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail("expected ',' or '}'");
      }
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      i++;
      const items: PyValue[] = [];
      for (;;) {
        ws();
        if (text[i] === close) {
          i++;
          return c === '(' ? { tuple: items } : items;
        }
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== close) fail(`expected ',' or '${close}'`);
      }
    }
    if (c === "'" || c === '"') {
      i++;
      let s = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i++];
      }
      if (i >= text.length) fail('an unterminated string');
      i++;
      return s;
    }
    const m = /^(?:True|False|None|[+-]?\d+L?)/.exec(text.slice(i, i + 40));
    if (m === null) return fail('an unexpected character');
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace(/L$/, ''));
  };
  const v = value();
  ws();
  if (i < text.length) fail('text after the dict');
  return v;
}

// ---------------------------------------------------------------------------------------------------
// dtypes

const KIND_NAMES: Record<string, Partial<Record<number, NpyDtypeName>>> = {
  f: { 2: 'float16', 4: 'float32', 8: 'float64' },
  i: { 1: 'int8', 2: 'int16', 4: 'int32', 8: 'int64' },
  u: { 1: 'uint8', 2: 'uint16', 4: 'uint32', 8: 'uint64' },
  b: { 1: 'bool' },
};

function unsupportedDtype(descr: string): string {
  const kind = /^[<>|=]?([a-zA-Z])/.exec(descr)?.[1] ?? '';
  switch (kind) {
    case 'O':
      return `dtype '${descr}' is an object array (it needs pickle); save a numeric array, e.g. a.astype(np.float64)`;
    case 'U':
    case 'S':
    case 'a':
      return `dtype '${descr}' is a string array; save class indices (integers) and declare the class names in the .xent file`;
    case 'c':
      return `dtype '${descr}' is complex; labels, probabilities and features must be real numbers`;
    case 'M':
    case 'm':
      return `dtype '${descr}' is a date/time type, not a number`;
    case 'V':
      return `dtype '${descr}' is a raw or structured type; save one plain numeric array per file`;
    default:
      return `dtype '${descr}' is not supported (use float16/32/64, int8..int64, uint8..uint64 or bool)`;
  }
}

/** Parses the bytes at the start of a .npy file (at least the whole header). */
export function parseNpyHeader(bytes: Uint8Array, file: string, fileSize: number): DataResult<NpyHeader> {
  const err = (code: DataError['code'], reason: string): DataResult<NpyHeader> => ({
    ok: false,
    error: dataError(code, file, reason),
  });
  const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (fileSize === 0) return err('empty-data', 'the file is empty');
  if (bytes.length < 6 || MAGIC.some((b, i) => bytes[i] !== b)) {
    if (fileSize < 6 && MAGIC.slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
      return err('npy-truncated', 'the file is truncated (it ends inside the .npy header)');
    }
    return err('npy-format', 'not a .npy file (it does not start with the \\x93NUMPY magic)');
  }
  if (bytes.length < 8) return err('npy-truncated', 'the file is truncated (it ends inside the .npy header)');
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) {
    return err('npy-format', `unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are read)`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) return err('npy-truncated', 'the file is truncated (it ends inside the .npy header)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const dataOffset = 8 + lenBytes + headerLen;
  if (bytes.length < dataOffset) return err('npy-truncated', 'the file is truncated (it ends inside the .npy header)');
  const raw = bytes.subarray(8 + lenBytes, dataOffset);
  const text = major === 3 ? new TextDecoder('utf-8').decode(raw) : new TextDecoder('latin1').decode(raw);

  let dict: PyValue;
  try {
    dict = parsePyLiteral(text);
  } catch (e) {
    return err('npy-format', `the .npy header is not a Python dict literal (${(e as Error).message})`);
  }
  if (!(dict instanceof Map)) return err('npy-format', 'the .npy header is not a dict');
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!dict.has(key)) return err('npy-format', `the .npy header has no '${key}'`);
  }
  const descrV = dict.get('descr')!;
  if (typeof descrV !== 'string') {
    return err('npy-dtype', 'a structured dtype (record array) is not supported; save one plain numeric array per file');
  }
  const fortranV = dict.get('fortran_order');
  if (typeof fortranV !== 'boolean') return err('npy-format', "the .npy header's 'fortran_order' is not True or False");
  const shapeV = dict.get('shape');
  if (
    !(shapeV && typeof shapeV === 'object' && 'tuple' in shapeV) ||
    !shapeV.tuple.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)
  ) {
    return err('npy-format', "the .npy header's 'shape' is not a tuple of sizes");
  }
  const shape = shapeV.tuple as number[];

  const dm = /^([<>|=])?([fiub])(\d+)$/.exec(descrV);
  const name = dm ? KIND_NAMES[dm[2]][Number(dm[3])] : undefined;
  if (!dm || name === undefined) return err('npy-dtype', unsupportedDtype(descrV));
  const itemSize = Number(dm[3]);
  const littleEndian = dm[1] !== '>';

  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  if (shape.length === 0) return err('npy-shape', 'the array is 0-D (a single value); save a 1-D or 2-D array');
  if (shape.length > 2) {
    return err('npy-shape', `the array is ${shape.length}-D (shape ${shapeText}); y_true, y_pred and features must be 1-D or 2-D`);
  }
  const rows = shape[0];
  const cols = shape.length === 2 ? shape[1] : 1;
  const need = rows * cols * itemSize;
  const have = fileSize - dataOffset;
  if (have < need) {
    return err(
      'npy-truncated',
      `the file is truncated: the header promises ${shape.length === 1 ? rows : `${rows} × ${cols}`} ${name} values (${need} bytes) but only ${have} bytes follow it`,
    );
  }
  return {
    ok: true,
    value: {
      version: `${major}.${minor}`,
      descr: descrV,
      dtype: name,
      littleEndian,
      itemSize,
      fortranOrder: fortranV,
      shape,
      rows,
      cols,
      dataOffset,
      fileSize,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Conversion to float64

const NATIVE_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let halfTable: Float64Array | undefined;

function half(bits: number): number {
  const s = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const f = bits & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Infinity : NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** Converts `count` raw values at raw[0..] (raw.byteOffset must be 0 or aligned) into out[0..count). */
function convert(h: NpyHeader, raw: Uint8Array, count: number, out: Float64Array): void {
  const ab = raw.buffer;
  const off = raw.byteOffset;
  const native = h.itemSize === 1 || h.littleEndian === NATIVE_LE;
  if (native && off % h.itemSize === 0) {
    switch (h.dtype) {
      case 'float64':
        out.set(new Float64Array(ab, off, count));
        return;
      case 'float32':
        out.set(new Float32Array(ab, off, count));
        return;
      case 'int32':
        out.set(new Int32Array(ab, off, count));
        return;
      case 'uint32':
        out.set(new Uint32Array(ab, off, count));
        return;
      case 'int16':
        out.set(new Int16Array(ab, off, count));
        return;
      case 'uint16':
        out.set(new Uint16Array(ab, off, count));
        return;
      case 'int8':
        out.set(new Int8Array(ab, off, count));
        return;
      case 'uint8':
        out.set(new Uint8Array(ab, off, count));
        return;
      case 'bool': {
        const b = new Uint8Array(ab, off, count);
        for (let i = 0; i < count; i++) out[i] = b[i] !== 0 ? 1 : 0;
        return;
      }
      case 'float16': {
        const t = (halfTable ??= Float64Array.from({ length: 65536 }, (_, i) => half(i)));
        const b = new Uint16Array(ab, off, count);
        for (let i = 0; i < count; i++) out[i] = t[b[i]];
        return;
      }
      case 'int64':
      case 'uint64': {
        if (!NATIVE_LE) break;
        const u = new Uint32Array(ab, off, count * 2);
        const s = new Int32Array(ab, off, count * 2);
        // hi·2^32 is exact and lo < 2^32, so one rounding: the nearest double, as Number(BigInt) gives.
        if (h.dtype === 'int64') for (let i = 0; i < count; i++) out[i] = s[2 * i + 1] * 4294967296 + u[2 * i];
        else for (let i = 0; i < count; i++) out[i] = u[2 * i + 1] * 4294967296 + u[2 * i];
        return;
      }
    }
  }
  // Byte-swapped (or unaligned): DataView reads.
  const dv = new DataView(ab, off, count * h.itemSize);
  const le = h.littleEndian;
  const n = h.itemSize;
  switch (h.dtype) {
    case 'float64':
      for (let i = 0; i < count; i++) out[i] = dv.getFloat64(i * 8, le);
      return;
    case 'float32':
      for (let i = 0; i < count; i++) out[i] = dv.getFloat32(i * 4, le);
      return;
    case 'float16':
      for (let i = 0; i < count; i++) out[i] = half(dv.getUint16(i * 2, le));
      return;
    case 'int64':
      for (let i = 0; i < count; i++) {
        const hi = dv.getInt32(i * 8 + (le ? 4 : 0), le);
        const lo = dv.getUint32(i * 8 + (le ? 0 : 4), le);
        out[i] = hi * 4294967296 + lo;
      }
      return;
    case 'uint64':
      for (let i = 0; i < count; i++) {
        const hi = dv.getUint32(i * 8 + (le ? 4 : 0), le);
        const lo = dv.getUint32(i * 8 + (le ? 0 : 4), le);
        out[i] = hi * 4294967296 + lo;
      }
      return;
    case 'int32':
      for (let i = 0; i < count; i++) out[i] = dv.getInt32(i * n, le);
      return;
    case 'uint32':
      for (let i = 0; i < count; i++) out[i] = dv.getUint32(i * n, le);
      return;
    case 'int16':
      for (let i = 0; i < count; i++) out[i] = dv.getInt16(i * n, le);
      return;
    case 'uint16':
      for (let i = 0; i < count; i++) out[i] = dv.getUint16(i * n, le);
      return;
    default:
      throw new Error(`unreachable dtype ${h.dtype}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Files

/** An open .npy file: its header and a chunk reader. */
interface NpyReader {
  header: NpyHeader;
  file: string;
  opened: OpenedFile;
  /** Raw bytes of one read (a chunk in C order, one column of a chunk in Fortran order), reused. */
  raw: Uint8Array;
  /** Fortran order: one column of a chunk, converted, before it is scattered into the rows. */
  column?: Float64Array;
}

/** Whether rows must be gathered column by column (a 2-D Fortran array with more than one row and column;
 *  with a single row or column both orders are the same bytes). */
function columnMajor(h: NpyHeader): boolean {
  return h.fortranOrder && h.shape.length === 2 && h.rows > 1 && h.cols > 1;
}

/** The dtype scikit-learn's check_array keeps for y_pred: float16 and float32 stay, the rest is float64. */
export function predDtypeOf(h: NpyHeader): PredDtype {
  return h.dtype === 'float16' || h.dtype === 'float32' ? h.dtype : 'float64';
}

async function openNpy(path: string, file: string, confine: ConfineOptions = {}): Promise<DataResult<NpyReader>> {
  const o = await openRegularFile(path, { displayPath: file, root: confine.root, rootName: confine.rootName });
  if (!o.ok) return o;
  const opened = o.value;
  const fh = opened.handle;
  const fail = async (error: DataError): Promise<DataResult<NpyReader>> => {
    await fh.close().catch(() => undefined);
    return { ok: false, error };
  };
  try {
    const size = opened.stat.size;
    // The header is short (numpy pads it to 64 bytes; huge headers only with huge shapes): read 4 KiB,
    // then the rest if the header says it is longer (bounded by the file's size at opening).
    let head = new Uint8Array(Math.min(size, 4096));
    await readFully(fh, head, 0);
    if (head.length >= 12) {
      const dv = new DataView(head.buffer);
      const end = head[6] === 1 ? 10 + dv.getUint16(8, true) : 12 + dv.getUint32(8, true);
      if (end > head.length && end <= size) {
        head = new Uint8Array(end);
        await readFully(fh, head, 0);
      }
    }
    const h = parseNpyHeader(head, file, size);
    if (!h.ok) return fail((await checkUnchanged(opened)) ?? h.error);
    return { ok: true, value: { header: h.value, file, opened, raw: new Uint8Array(0) } };
  } catch (e) {
    return fail((await checkUnchanged(opened)) ?? fsError(file, e));
  }
}

async function readFully(fh: OpenedFile['handle'], buf: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw Object.assign(new Error('unexpected end of file'), { code: 'EOF' });
    done += bytesRead;
  }
}

/** Reads rows [row, row + n) of an open file into out (n × cols values, row-major). Errors name this
 *  reader's file (never another role's) and the row. */
async function readRows(r: NpyReader, row: number, n: number, out: Float64Array, allowNonFinite: boolean): Promise<DataError | undefined> {
  const h = r.header;
  const count = n * h.cols;
  try {
    if (columnMajor(h)) {
      // Column j of rows [row, row + n): n contiguous values at (j·rows + row)·itemSize.
      const bytes = n * h.itemSize;
      if (r.raw.length < bytes) r.raw = new Uint8Array(bytes);
      if (r.column === undefined || r.column.length < n) r.column = new Float64Array(n);
      const raw = r.raw.subarray(0, bytes);
      const col = r.column;
      for (let j = 0; j < h.cols; j++) {
        await readFully(r.opened.handle, raw, h.dataOffset + (j * h.rows + row) * h.itemSize);
        convert(h, raw, n, col);
        for (let i = 0, o = j; i < n; i++, o += h.cols) out[o] = col[i];
      }
    } else {
      const bytes = count * h.itemSize;
      const pos = h.dataOffset + row * h.cols * h.itemSize;
      if (h.dtype === 'float64' && h.littleEndian === NATIVE_LE) {
        // Straight into the output: no conversion.
        await readFully(r.opened.handle, new Uint8Array(out.buffer, out.byteOffset, bytes), pos);
      } else {
        if (r.raw.length < bytes) r.raw = new Uint8Array(bytes);
        const raw = r.raw.subarray(0, bytes);
        await readFully(r.opened.handle, raw, pos);
        convert(h, raw, count, out);
      }
    }
  } catch (e) {
    return (await checkUnchanged(r.opened)) ?? fsError(r.file, e);
  }
  if (!allowNonFinite && h.dtype.startsWith('float')) {
    for (let i = 0; i < count; i++) {
      const v = out[i];
      if (v - v !== 0) {
        const rr = row + Math.floor(i / h.cols);
        const where = h.shape.length === 1 ? `[${rr}]` : `[${rr}, ${i % h.cols}]`;
        const what = v !== v ? 'nan' : v > 0 ? 'inf' : '-inf';
        const e = dataError('non-finite', r.file, `row ${rr + 1}: element ${where} is ${what}, not a finite number`);
        e.row = rr + 1;
        return e;
      }
    }
  }
  return undefined;
}

/** Reads and checks the header of a .npy file. */
export async function readNpyHeader(
  path: string,
  opts: { displayPath?: string } & ConfineOptions = {},
): Promise<DataResult<NpyHeader>> {
  const r = await openNpy(path, opts.displayPath ?? path, opts);
  if (!r.ok) return r;
  await r.value.opened.handle.close().catch(() => undefined);
  return { ok: true, value: r.value.header };
}

/** Streams one .npy file as float64 chunks of rows. */
export async function scanNpy(
  path: string,
  opts: NpyScanOptions & { onChunk: (chunk: NpyChunk) => void | Promise<void> },
): Promise<DataResult<NpyHeader>> {
  const file = opts.displayPath ?? path;
  if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
  const o = await openNpy(path, file, opts);
  if (!o.ok) return o;
  const r = o.value;
  const h = r.header;
  try {
    const chunkRows = Math.max(1, Math.floor(opts.chunkRows ?? 65536));
    let out: Float64Array | undefined;
    for (let row = 0; row < h.rows; row += chunkRows) {
      if (opts.signal?.aborted) return { ok: false, error: cancelledError(file) };
      const n = Math.min(chunkRows, h.rows - row);
      if (!opts.reuseChunks || out === undefined || out.length < n * h.cols) out = new Float64Array(Math.min(chunkRows, h.rows) * h.cols);
      const data = out.length === n * h.cols ? out : out.subarray(0, n * h.cols);
      const e = await readRows(r, row, n, data, opts.allowNonFinite === true);
      if (e) return { ok: false, error: e };
      const changed = await checkUnchanged(r.opened);
      if (changed) return { ok: false, error: changed };
      await opts.onChunk({ rowStart: row, n, cols: h.cols, data });
      opts.onProgress?.(h.dataOffset + (row + n) * h.cols * h.itemSize, h.fileSize);
    }
    const changed = await checkUnchanged(r.opened);
    if (changed) return { ok: false, error: changed };
    return { ok: true, value: h };
  } catch (e) {
    return { ok: false, error: fsError(file, e) };
  } finally {
    await r.opened.handle.close().catch(() => undefined);
  }
}

/** Reads a whole .npy file into memory (small files). */
export async function readNpy(
  path: string,
  opts: Omit<NpyScanOptions, 'reuseChunks'> = {},
): Promise<DataResult<{ header: NpyHeader; data: Float64Array }>> {
  let data = new Float64Array(0);
  const res = await scanNpy(path, {
    ...opts,
    onChunk: (c) => {
      if (c.rowStart === 0) data = new Float64Array(0);
      const next = new Float64Array(data.length + c.data.length);
      next.set(data);
      next.set(c.data, data.length);
      data = next;
    },
  });
  if (!res.ok) return res;
  return { ok: true, value: { header: res.value, data } };
}

export interface NpyDataPaths {
  yTrue: string;
  yPred?: string;
  features?: string;
}

export interface NpyDataSummary {
  rows: number;
  yTrue: NpyHeader;
  yPred?: NpyHeader;
  features?: NpyHeader;
}

/**
 * Streams y_true, y_pred and features from their .npy files in lockstep, as DataChunks (the same shape
 * the CSV reader gives). Files whose row counts differ are a `length-mismatch` error (use readNpyHeader
 * to inspect shapes beforehand). displayPaths name the files in messages.
 */
export async function scanNpyData(
  paths: NpyDataPaths,
  opts: NpyScanOptions & {
    displayPaths?: Partial<NpyDataPaths>;
    onChunk: (chunk: DataChunk) => void | Promise<void>;
  },
): Promise<DataResult<NpyDataSummary>> {
  const roles = (['yTrue', 'yPred', 'features'] as const).filter((k) => paths[k] !== undefined);
  const readers: Partial<Record<(typeof roles)[number], NpyReader>> = {};
  const roleName = { yTrue: 'y_true', yPred: 'y_pred', features: 'features' };
  const firstFile = opts.displayPaths?.yTrue ?? paths.yTrue;
  let pending: Promise<DataChunk | DataError> | null = null;
  try {
    if (opts.signal?.aborted) return { ok: false, error: cancelledError(firstFile) };
    for (const k of roles) {
      const o = await openNpy(paths[k]!, opts.displayPaths?.[k] ?? paths[k]!, opts);
      if (!o.ok) return o;
      readers[k] = o.value;
    }
    const yt = readers.yTrue!;
    const rows = yt.header.rows;
    for (const k of roles) {
      const r = readers[k]!;
      if (r.header.rows !== rows) {
        return {
          ok: false,
          error: dataError(
            'length-mismatch',
            r.file,
            `${roleName[k]} has ${r.header.rows} rows but y_true (${yt.file}) has ${rows}`,
          ),
        };
      }
    }
    if (rows === 0) return { ok: false, error: dataError('empty-data', yt.file, 'the array has no rows') };
    const total = roles.reduce((s, k) => s + readers[k]!.header.fileSize, 0);
    const dataBytesPerRow = roles.reduce((s, k) => s + readers[k]!.header.cols * readers[k]!.header.itemSize, 0);
    const headerBytes = roles.reduce((s, k) => s + readers[k]!.header.dataOffset, 0);
    const chunkRows = Math.max(1, Math.floor(opts.chunkRows ?? 65536));
    const allow = opts.allowNonFinite === true;
    const width = (k: (typeof roles)[number]) => readers[k]?.header.cols ?? 0;
    const alloc = (k: (typeof roles)[number]) => new Float64Array(Math.min(chunkRows, rows) * width(k));
    // Read-ahead: the next chunk is read (on libuv's thread pool) while the caller consumes this one.
    // With reuseChunks, two sets of arrays alternate.
    type Set = Record<'yTrue' | 'yPred' | 'features', Float64Array>;
    const newSet = (): Set => ({ yTrue: alloc('yTrue'), yPred: alloc('yPred'), features: alloc('features') });
    const spareSets: Set[] = [];
    const load = async (row: number): Promise<DataChunk | DataError> => {
      const n = Math.min(chunkRows, rows - row);
      const set = (opts.reuseChunks ? spareSets.pop() : undefined) ?? newSet();
      const view = (k: (typeof roles)[number]) => {
        const b = set[k];
        const len = n * width(k);
        return b.length === len ? b : b.subarray(0, len);
      };
      const chunk: DataChunk = { rowStart: row, n, yTrue: view('yTrue'), yPred: view('yPred') };
      if (readers.yPred) chunk.predDtype = predDtypeOf(readers.yPred.header);
      if (readers.features) chunk.features = view('features');
      for (const k of roles) {
        const out = k === 'features' ? chunk.features! : chunk[k];
        const e = await readRows(readers[k]!, row, n, out, allow);
        if (e) return e;
      }
      return chunk;
    };
    /** Every file still as it was opened, or the first one's change. */
    const unchanged = async (): Promise<DataError | null> => {
      for (const k of roles) {
        const changed = await checkUnchanged(readers[k]!.opened);
        if (changed) return changed;
      }
      return null;
    };
    const setOf = (c: DataChunk): Set => ({
      yTrue: new Float64Array(c.yTrue.buffer),
      yPred: new Float64Array(c.yPred.buffer),
      features: c.features ? new Float64Array(c.features.buffer) : new Float64Array(0),
    });
    let next = load(0);
    pending = next;
    for (let row = 0; row < rows; row += chunkRows) {
      const got = await next;
      pending = null;
      if (!('rowStart' in got)) return { ok: false, error: got };
      if (opts.signal?.aborted) return { ok: false, error: cancelledError(firstFile) };
      // The chunk's bytes were read before this check: unchanged files mean they are the files' bytes.
      const changed = await unchanged();
      if (changed) return { ok: false, error: changed };
      if (row + chunkRows < rows) {
        next = load(row + chunkRows);
        pending = next;
      }
      await opts.onChunk(got);
      if (opts.reuseChunks) spareSets.push(setOf(got));
      opts.onProgress?.(headerBytes + (row + got.n) * dataBytesPerRow, total);
    }
    const changed = await unchanged();
    if (changed) return { ok: false, error: changed };
    return {
      ok: true,
      value: {
        rows,
        yTrue: yt.header,
        ...(readers.yPred ? { yPred: readers.yPred.header } : {}),
        ...(readers.features ? { features: readers.features.header } : {}),
      },
    };
  } catch (e) {
    return { ok: false, error: fsError(firstFile, e) };
  } finally {
    // A read still running (the caller stopped early or threw) must finish before its file is closed.
    if (pending) await pending.catch(() => undefined);
    for (const k of roles) await readers[k]?.opened.handle.close().catch(() => undefined);
  }
}
