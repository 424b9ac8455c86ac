// A minimal .npy writer (format 1.0, little-endian float64 or int64, C order), for tests that need a small
// array file. numpy-made files for the reader's own tests are test/fixtures/data/ (generate_npy.py).

export function npy(values: number[], shape: number[], dtype: '<f8' | '<i8'): Buffer {
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const body = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => (dtype === '<f8' ? body.writeDoubleLE(v, i * 8) : body.writeBigInt64LE(BigInt(v), i * 8)));
  return Buffer.concat([head, Buffer.from(header, 'latin1'), body]);
}
