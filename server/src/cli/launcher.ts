#!/usr/bin/env node
// The `xent` executable (dist/cli.js): starts the command line's bundle (dist/cli-main.js) from V8's code
// cache when the build left one that fits, else loads it as any module.
//
// Why: every `xent check` / `xent eval` is a fresh process, and compiling the 1.7 MB bundle was the largest
// part of its start-up (docs/benchmarks.md). `npm run build` runs the CLI once on the examples and keeps
// V8's compiled code of that run (dist/cli-main.js.cache, written by this file when XENT_WRITE_CODE_CACHE
// names the cache file); later runs skip the compilation of everything that run compiled.
//
// A cache is used only if it was made from these very bytes (the SHA-1 of the bundle is stored with it) by
// this Node version; V8 also refuses data from another V8 or other flags (then the bundle compiles as usual).

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

const bundle = join(__dirname, 'cli-main.js');
const cacheFile = `${bundle}.cache`;
const writeTo = process.env.XENT_WRITE_CODE_CACHE;

/** The cache's first line: what it was made from. */
interface CacheStamp {
  readonly sha1: string;
  readonly node: string;
}

function start(): void {
  let source: string;
  let cached: Buffer | undefined;
  let stamp: CacheStamp;
  try {
    source = readFileSync(bundle, 'utf8');
    stamp = { sha1: createHash('sha1').update(source).digest('hex'), node: process.version };
    if (!writeTo) cached = cachedData(stamp);
  } catch {
    require(bundle); // let the module loader report what is wrong
    return;
  }
  if (!cached && !writeTo) {
    if (process.env.XENT_CODE_CACHE_REPORT === '1') process.stderr.write('xent: code cache none\n');
    require(bundle);
    return;
  }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached });
  // XENT_CODE_CACHE_REPORT=1: say on stderr whether the cache was used (tests, and anyone measuring start-up).
  if (process.env.XENT_CODE_CACHE_REPORT === '1') process.stderr.write(`xent: code cache ${cached ? (script.cachedDataRejected ? 'rejected by V8' : 'used') : 'none'}\n`);
  if (writeTo) {
    process.once('exit', () => {
      const head = Buffer.from(JSON.stringify(stamp) + '\n');
      writeFileSync(writeTo, Buffer.concat([head, script.createCachedData()]));
    });
  }
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeRequire, m: Module, f: string, d: string) => void;
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
  wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, __dirname);
}

/** The cached code if it was made from this bundle by this Node, else undefined. */
function cachedData(stamp: CacheStamp): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = data.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const made = JSON.parse(data.subarray(0, newline).toString('utf8')) as CacheStamp;
    if (made.sha1 !== stamp.sha1 || made.node !== stamp.node) return undefined;
  } catch {
    return undefined;
  }
  return data.subarray(newline + 1);
}

start();
