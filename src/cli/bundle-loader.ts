import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type * as Esm from '../libraries/esm.js';
import type * as Main from './main.js';

/**
 * The loader of the command line's bundle (dist/bundle/, scripts/bundle.mjs), which
 * bin/nps.cjs runs; CommonJS itself (load.cjs), as the bundle is, so that a run that
 * loads no ES module does not start Node's loader of them. The bundle is CommonJS chunks
 * rather than ES modules for one reason: V8 can then start from a code cache, the
 * bytecode of the functions a run uses, written by the build (scripts/code-cache.mjs).
 * Node 20 keeps no such cache for ES modules, and compiling was a fifth of `nps score`
 * on an everyday file. A chunk whose cache is missing, or not its own (below), or that V8
 * refuses (other V8 flags), is compiled as it would be without one.
 */

/** The one module the bundle asks its loader for rather than Node: libraries/esm.ts, an ES module (see there). */
export const ESM_MODULE_ID = 'nps:esm';

/** libraries/esm.ts, built on its own beside the chunks: an ES module, loaded only when the bundle first asks it for one. */
export const ESM_MODULE_FILE = 'esm.mjs';

/** A chunk's code cache is its file's name and this. */
export const CODE_CACHE_SUFFIX = '.code-cache';

/** The bundle's entry, cli/main.ts. */
const ENTRY = 'main.cjs';

interface Chunk {
  readonly file: string;
  readonly script: Script;
  /** What the chunk exports, as Node's `module`: a chunk may set `module.exports` itself. */
  readonly module: { exports: unknown };
  /** Whether V8 started from the build's cache: false when there was none or it refused it. */
  readonly fromCache: boolean;
}

export interface Bundle {
  readonly main: typeof Main;
  /** Each chunk loaded so far, by file name, and whether it started from its code cache. */
  cacheUse(): Record<string, boolean>;
  /** Writes each loaded chunk's code cache beside it: what the functions run so far compiled to. For the build only. */
  writeCodeCache(): void;
}

/** Loads the bundle of `folder`: its entry now, each other chunk when the code first asks for it. */
export function loadBundle(folder: string): Bundle {
  const chunks = new Map<string, Chunk>();
  const libraries = createRequire(join(folder, ENTRY));
  const esm = esmStandIn(join(folder, ESM_MODULE_FILE));
  const requireFrom = (id: string): unknown => {
    if (id === ESM_MODULE_ID) return esm;
    // The bundle names its own chunks `./name.cjs`; anything else is Node's or a library's.
    if (id.startsWith('./')) return load(id.slice(2));
    return libraries(id);
  };
  const load = (name: string): unknown => {
    const loaded = chunks.get(name);
    if (loaded !== undefined) return loaded.module.exports;
    const chunk = compile(join(folder, name));
    // Set before the chunk runs: two chunks that require each other get the exports filled so far, as Node's require gives.
    chunks.set(name, chunk);
    const { module } = chunk;
    try {
      (chunk.script.runInThisContext() as ChunkFunction)(module.exports, requireFrom, module, chunk.file, folder);
    } catch (error) {
      // As Node's require: a chunk that failed to load is loaded afresh when asked again, not handed out half made.
      chunks.delete(name);
      throw error;
    }
    return module.exports;
  };
  return {
    main: load(ENTRY) as typeof Main,
    cacheUse: () => Object.fromEntries([...chunks].map(([name, chunk]) => [name, chunk.fromCache])),
    writeCodeCache: () => {
      for (const chunk of chunks.values()) writeCache(chunk);
    },
  };
}

/**
 * What the bundle has of libraries/esm.ts: the same functions, which load the module at
 * `file` on first use. Loading it at start would start Node's loader of ES modules (about
 * 8 ms, a twentieth of `nps score` on an everyday file) in runs that load no ES module.
 * `import()` works here: this module is compiled by Node's own loader of CommonJS.
 */
function esmStandIn(file: string): typeof Esm {
  let loaded: Promise<typeof Esm> | undefined;
  const module = (): Promise<typeof Esm> => (loaded ??= import(pathToFileURL(file).href) as Promise<typeof Esm>);
  return {
    importModule: async (specifier) => (await module()).importModule(specifier),
    resolveModule: async (specifier) => (await module()).resolveModule(specifier),
  };
}

type ChunkFunction = (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

/**
 * A chunk compiled as Node compiles a CommonJS module, in strict mode as the ES modules it
 * was bundled from were, and from its code cache when the cache is the chunk's own and V8
 * takes it.
 */
function compile(file: string): Chunk {
  const source = readFileSync(file, 'utf8');
  const cachedData = cacheOf(file);
  // The wrapper ends its own line, counted as line 0: the chunk's lines and columns keep their places in a stack trace.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { 'use strict';\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  return { file, script, module: { exports: {} }, fromCache: cachedData !== undefined && script.cachedDataRejected !== true };
}

/**
 * What a cache says of the chunk it was written for. V8 checks only its own version (the
 * same for every Node 20), its flags and the source's length: a chunk edited since, at the
 * same length, would run the old bytecode. So a cache is taken only from the same Node on
 * the same machine type, for a chunk of the size it was written for and not changed since
 * (a chunk newer than its cache is not its cache's: the build writes the cache after the
 * chunk, and npm gives every file of a package one date). A cache damaged inside, at its
 * length, is not caught here: a checksum of it would cost more than the cache saves.
 */
interface CacheHeader {
  readonly node: string;
  readonly arch: string;
  readonly bytes: number;
}

const header = (bytes: number): CacheHeader => ({ node: process.version, arch: process.arch, bytes });

/** A cache file is its header as a line of JSON, then V8's bytes. Written beside, then moved in: never read half written. */
function writeCache(chunk: Chunk): void {
  const line = Buffer.from(`${JSON.stringify(header(statSync(chunk.file).size))}\n`);
  const temporary = `${chunk.file}${CODE_CACHE_SUFFIX}.${process.pid}`;
  writeFileSync(temporary, Buffer.concat([line, chunk.script.createCachedData()]));
  renameSync(temporary, chunk.file + CODE_CACHE_SUFFIX);
}

function cacheOf(file: string): Buffer | undefined {
  try {
    const cache = file + CODE_CACHE_SUFFIX;
    const [chunkStat, cacheStat] = [statSync(file), statSync(cache)];
    if (cacheStat.mtimeMs < chunkStat.mtimeMs) return undefined;
    const bytes = readFileSync(cache);
    const end = bytes.indexOf(0x0a);
    if (end < 0) return undefined;
    const written = JSON.parse(bytes.subarray(0, end).toString()) as Partial<CacheHeader>;
    const expected = header(chunkStat.size);
    if (written.node !== expected.node || written.arch !== expected.arch || written.bytes !== expected.bytes) return undefined;
    return bytes.subarray(end + 1);
  } catch {
    return undefined;
  }
}
