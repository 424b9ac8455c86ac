// Workspace symbols: the experiments of every open document and of the workspace's .xent files on disk, filtered
// by the query (case-insensitive; a prefix ranks before a substring, a substring before a scattered match, so
// `cdh` still finds cats_dogs_horses).
//
// The disk is read lazily: nothing happens until the first query; then the workspace folders are walked (bounded
// in files, depth and file size; node_modules and dot-directories skipped) and each file is scanned for its
// experiment names with the light scanner (no parse). The listing and the names are kept for LIST_TTL_MS, so
// typing a query does not walk the tree at every keystroke; open documents always answer from their latest text.

import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { readTextFile } from '../../core/data/safe-open';
import { scanExperimentNames } from '../../core/syntax/experiment-names';
import { SourceText, type Range } from '../../core/syntax/source';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';
import { uriToPath } from '../workspace';

/** How the index walks the disk. */
export interface ScanLimits {
  readonly maxFiles: number;
  readonly maxDepth: number;
  /** Larger files are skipped: a .xent file that size is data, and its names are not worth the read. */
  readonly maxFileBytes: number;
}

export const DEFAULT_LIMITS: ScanLimits = { maxFiles: 2000, maxDepth: 12, maxFileBytes: 4 * 1024 * 1024 };
/** How long a listing of the workspace (and the names read from it) is trusted before the disk is walked again. */
const LIST_TTL_MS = 5000;
/** How long the client may take to name its workspace folders. */
/** The most symbols one answer holds. */
const MAX_RESULTS = 1000;

const SKIPPED_DIRECTORIES = new Set(['node_modules']);

export interface FoundExperiment {
  readonly name: string;
  readonly uri: string;
  /** The range of the name. */
  readonly range: Range;
  readonly parent?: string;
}

/** 0 for a prefix, 1 for a substring, 2 for the query's letters in order, undefined for no match. Case-insensitive. */
export function matchScore(name: string, query: string): number | undefined {
  if (query === '') return 0;
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n.startsWith(q)) return 0;
  if (n.includes(q)) return 1;
  let i = 0;
  for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
  return i === q.length ? 2 : undefined;
}

/** Every .xent file under `roots`, breadth first, within the limits. */
export async function listXentFiles(roots: readonly string[], limits: ScanLimits = DEFAULT_LIMITS): Promise<string[]> {
  const files: string[] = [];
  let level: string[] = [...roots];
  for (let depth = 0; level.length > 0 && depth <= limits.maxDepth; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or gone: skip it
      }
      for (const entry of entries) {
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) next.push(join(dir, entry.name));
        } else if (entry.isFile() && entry.name.endsWith('.xent')) {
          files.push(join(dir, entry.name));
          if (files.length >= limits.maxFiles) return files;
        }
      }
    }
    level = next;
  }
  return files;
}

interface FileEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly experiments: FoundExperiment[];
}

/**
 * The experiments declared in a file on disk (none when it cannot be read or is too large); a file whose size
 * and modification time have not changed since `cache` saw it is not read again.
 */
async function experimentsInFile(path: string, limits: ScanLimits, cache: Map<string, FileEntry>): Promise<FoundExperiment[]> {
  try {
    const stat = await fs.stat(path);
    const known = cache.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.experiments;
    // Read through the verified open: a file swapped for a FIFO or a device after the listing is refused
    // at once (never a read that blocks a thread), and one that grew past the limit is not read.
    const read = stat.isFile() && stat.size <= limits.maxFileBytes ? await readTextFile(path, { maxBytes: limits.maxFileBytes }) : undefined;
    const experiments = read?.ok ? scanFile(path, read.value) : [];
    cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, experiments });
    return experiments;
  } catch {
    cache.delete(path);
    return [];
  }
}

function scanFile(path: string, text: string): FoundExperiment[] {
  const source = new SourceText(text);
  const uri = pathToFileURL(path).href;
  return scanExperimentNames(text).map((x) => ({ name: x.name, uri, range: source.rangeOf(x.start, x.end), ...(x.parent ? { parent: x.parent } : {}) }));
}

/** The workspace's experiments on disk, read lazily and kept for LIST_TTL_MS. */
export class DiskIndex {
  private experiments: FoundExperiment[] = [];
  private readAt = -Infinity;
  private pending: Promise<FoundExperiment[]> | undefined;
  private readonly files = new Map<string, FileEntry>();

  constructor(
    private readonly roots: () => Promise<string[]>,
    private readonly limits: ScanLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every experiment found on disk, with the file path it was read from. */
  async all(): Promise<FoundExperiment[]> {
    if (this.now() - this.readAt < LIST_TTL_MS) return this.experiments;
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async read(): Promise<FoundExperiment[]> {
    const files = await listXentFiles(await this.roots(), this.limits);
    const found: FoundExperiment[] = [];
    for (const f of files) found.push(...(await experimentsInFile(f, this.limits, this.files)));
    // Forget files that are gone, so the cache stays bounded by the listing.
    const listed = new Set(files);
    for (const f of this.files.keys()) if (!listed.has(f)) this.files.delete(f);
    this.experiments = found;
    this.readAt = this.now();
    return found;
  }
}

/** The experiments matching `query`: open documents first (their latest text), then files on disk not open. */
export function rankSymbols(open: readonly FoundExperiment[], disk: readonly FoundExperiment[], openPaths: ReadonlySet<string>, query: string): FoundExperiment[] {
  const scored: { x: FoundExperiment; score: number; order: number }[] = [];
  let order = 0;
  const consider = (x: FoundExperiment) => {
    const score = matchScore(x.name, query);
    if (score !== undefined) scored.push({ x, score, order: order++ });
  };
  open.forEach(consider);
  for (const x of disk) {
    const path = uriToPath(x.uri);
    if (!path || !openPaths.has(path)) consider(x);
  }
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, MAX_RESULTS).map((s) => s.x);
}

function toSymbolInformation(x: FoundExperiment): SymbolInformation {
  const path = uriToPath(x.uri);
  return {
    name: x.name,
    kind: SymbolKind.Class,
    location: { uri: x.uri, range: toLspRange(x.range) },
    containerName: path ? basename(path) : x.uri,
  };
}

export const workspaceSymbolsFeature: Feature = {
  name: 'workspace-symbols',
  capabilities: { workspaceSymbolProvider: true },
  register(ctx: ServerContext) {
    const disk = new DiskIndex(async () => [...(await ctx.workspaceFolders())]);
    ctx.connection.onWorkspaceSymbol(
      ctx.guard<WorkspaceSymbolParams, SymbolInformation[]>('workspace symbols', [], async (params) => {
        const open: FoundExperiment[] = [];
        const openPaths = new Set<string>();
        for (const doc of ctx.store.all()) {
          const path = uriToPath(doc.uri);
          if (path) openPaths.add(path);
          const state = ctx.store.get(doc.uri);
          if (!state) continue;
          for (const e of state.analysis.parse.document.experiments) {
            if (e.name) open.push({ name: e.name.name, uri: doc.uri, range: e.name.range, ...(e.parent ? { parent: e.parent.name } : {}) });
          }
        }
        return rankSymbols(open, await disk.all(), openPaths, params.query ?? '').map(toSymbolInformation);
      }),
    );
  },
};
