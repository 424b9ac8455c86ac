// Plain data (the accumulators' states) as JSON and back, exactly: JSON has no typed arrays and no NaN or
// ±Infinity, and a partial result must give back every bit it was given.
//
//   encodeState(value): JSON-safe value      Float64Array → { "$f64": [...] } (and $f32, $u8, $u32, $i32);
//                                            NaN, ±Infinity, −0 → { "$num": "NaN" | "Infinity" | "-Infinity" | "-0" }
//   decodeState(value): the value back       throws CodecError on a shape it does not know
//
// Finite doubles go through JSON as they are: JSON.stringify writes the shortest text that reads back to the
// same double, and JSON.parse reads it back exactly.

const ARRAYS = {
  $f64: Float64Array,
  $f32: Float32Array,
  $u8: Uint8Array,
  $u32: Uint32Array,
  $i32: Int32Array,
} as const;
type ArrayTag = keyof typeof ARRAYS;

export class CodecError extends Error {}

function encodeNumber(x: number): number | { $num: string } {
  if (Number.isNaN(x)) return { $num: 'NaN' };
  if (x === Infinity) return { $num: 'Infinity' };
  if (x === -Infinity) return { $num: '-Infinity' };
  if (Object.is(x, -0)) return { $num: '-0' };
  return x;
}

function decodeNumber(text: unknown): number {
  if (text === 'NaN') return NaN;
  if (text === 'Infinity') return Infinity;
  if (text === '-Infinity') return -Infinity;
  if (text === '-0') return -0;
  throw new CodecError(`unknown number ${JSON.stringify(text)}`);
}

export function encodeState(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    for (const [tag, Type] of Object.entries(ARRAYS)) {
      if (value instanceof Type) return { [tag]: Array.from(value as ArrayLike<number>, encodeNumber) };
    }
    throw new CodecError(`cannot encode ${value.constructor.name}`);
  }
  if (Array.isArray(value)) return value.map(encodeState);
  if (value instanceof Map || value instanceof Set) throw new CodecError('cannot encode a Map or Set: export entries');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeState(v);
  return out;
}

export function decodeState(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeState);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const tag = keys[0];
    const inner = (value as Record<string, unknown>)[tag];
    if (tag === '$num') return decodeNumber(inner);
    if (tag in ARRAYS) {
      if (!Array.isArray(inner)) throw new CodecError(`${tag} holds no list`);
      const Type = ARRAYS[tag as ArrayTag] as unknown as { from(values: number[]): ArrayBufferView };
      return Type.from(inner.map((x: unknown) => (typeof x === 'number' ? x : decodeNumber((x as { $num?: unknown } | null)?.$num))));
    }
    throw new CodecError(`unknown tag ${tag}`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeState(v);
  return out;
}
