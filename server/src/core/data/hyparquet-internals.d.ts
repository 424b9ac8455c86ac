// Types of the hyparquet page decoders parquet-pages.ts uses (hyparquet exports them as "./src/*.js"; its own
// .d.ts files sit under types/, which this project's "node" module resolution does not map to src/).
// Version pinned in package.json (1.33.0): these signatures are that version's.

declare module 'hyparquet/src/column.js' {
  import type { DataReader, PageHeader } from 'hyparquet/src/types.js';
  export function parquetHeader(reader: DataReader): PageHeader;
}
declare module 'hyparquet/src/datapage.js' {
  import type { ColumnDecoder, CompressionCodec, Compressors, DataPageHeader, DecodedArray, PageHeader } from 'hyparquet/src/types.js';
  interface DataPage {
    definitionLevels: number[] | undefined;
    repetitionLevels: number[];
    dataPage: DecodedArray;
  }
  export function readDataPage(bytes: Uint8Array, daph: DataPageHeader, columnDecoder: ColumnDecoder): DataPage;
  export function readDataPageV2(compressedBytes: Uint8Array, ph: PageHeader, columnDecoder: ColumnDecoder): DataPage;
  export function decompressPage(compressedBytes: Uint8Array, uncompressedPageSize: number, codec: CompressionCodec, compressors: Compressors | undefined): Uint8Array;
}
declare module 'hyparquet/src/convert.js' {
  import type { ColumnDecoder, DecodedArray, Encoding, ParquetParsers } from 'hyparquet/src/types.js';
  export const DEFAULT_PARSERS: ParquetParsers;
  export function convert(data: DecodedArray, columnDecoder: ColumnDecoder): DecodedArray;
  export function convertWithDictionary(data: DecodedArray, dictionary: DecodedArray | undefined, encoding: Encoding, columnDecoder: ColumnDecoder): DecodedArray;
}
declare module 'hyparquet/src/plain.js' {
  import type { DataReader, DecodedArray, ParquetType } from 'hyparquet/src/types.js';
  export function readPlain(reader: DataReader, type: ParquetType, count: number, fixedLength: number | undefined): DecodedArray;
}
declare module 'hyparquet/src/schema.js' {
  import type { SchemaElement, SchemaTree } from 'hyparquet/src/types.js';
  export function getSchemaPath(schema: SchemaElement[], name: string[]): SchemaTree[];
  export function getMaxDefinitionLevel(schemaPath: SchemaTree[]): number;
}
declare module 'hyparquet/src/encoding.js' {
  import type { DataReader, DecodedArray } from 'hyparquet/src/types.js';
  export function readRleBitPackedHybrid(reader: DataReader, width: number, output: DecodedArray, length?: number): void;
}
