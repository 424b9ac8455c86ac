// The data readers: CSV (sequential and on worker threads) and NumPy .npy, streamed in chunks of rows.
// Pure TypeScript (node:fs, node:worker_threads); nothing here imports vscode or the language server.
// See docs/data-files.md.

export type { ConfineOptions, DataChunk, DataError, DataErrorCode, DataResult, PredDtype, ProgressFn } from './types';
export { excerptText, quoteExcerpt } from './excerpt';
export { dataError, placeMessage } from './types';
export { parseNumberBytes, parseNumberText } from './number';
export type { CsvColumns, CsvSchema } from './csv-schema';
export { resolveCsvSchema } from './csv-schema';
export type { CsvHeader, CsvScanOptions, CsvScanResult, CsvScanSummary } from './csv';
export { DEFAULT_BUFFER_SIZE, DEFAULT_CHUNK_ROWS, readCsv, readCsvHeader, scanCsv } from './csv';
export type { CsvStream, CsvStreamOptions } from './csv-stream';
export { openCsvStream } from './csv-stream';
export type { CsvParallelOptions } from './csv-parallel';
export { defaultWorkerCount, liveCsvWorkers, scanCsvParallel } from './csv-parallel';
export type { NpyChunk, NpyDataPaths, NpyDataSummary, NpyDtypeName, NpyHeader, NpyScanOptions } from './npy';
export { parseNpyHeader, readNpy, readNpyHeader, scanNpy, scanNpyData } from './npy';
export type { FileIdentity, OpenedFile, OpenOptions } from './safe-open';
export { checkUnchanged, fileKind, isInsideFolder, openRegularFile, readTextFile } from './safe-open';
