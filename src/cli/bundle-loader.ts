import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import * as esm from '../libraries/esm.js';
import type * as Main from './main.js';

/**
 * The loader of the command line's bundle (dist/bundle/, scripts/bundle.mjs), which
 * bin/nps.js runs. The bundle is CommonJS chunks rather than ES modules for one reason:
 * V8 can then start from a code cache, the bytecode of the functions a run uses, written
 * by the build (scripts/code-cache.mjs). Node 20 keeps no such cache for ES modules, and
 * compiling was a fifth of `nps score` on an everyday file. A chunk whose cache is
 * missing, or that V8 refuses (another Node, other V8 flags), is compiled as it would be
 * without one: the cache changes how fast a run starts, never what it does.
 */

/** The one module the bundle asks its loader for rather than Node: libraries/esm.ts, an ES module (see there). */
export const ESM_MODULE_ID = 'nps:esm';

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
    (chunk.script.runInThisContext() as ChunkFunction)(module.exports, requireFrom, module, chunk.file, folder);
    return module.exports;
  };
  return {
    main: load(ENTRY) as typeof Main,
    cacheUse: () => Object.fromEntries([...chunks].map(([name, chunk]) => [name, chunk.fromCache])),
    writeCodeCache: () => {
      for (const chunk of chunks.values()) writeFileSync(chunk.file + CODE_CACHE_SUFFIX, chunk.script.createCachedData());
    },
  };
}

type ChunkFunction = (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

/**
 * A chunk compiled as Node compiles a CommonJS module, in strict mode as the ES modules it
 * was bundled from were, and from its code cache when V8 takes it. V8 checks the cache's
 * V8 version, flags and source length; the build writes a chunk and its cache together.
 */
function compile(file: string): Chunk {
  const source = readFileSync(file, 'utf8');
  const cachedData = cacheOf(file);
  // On the wrapper's own line, so that every line of the chunk keeps its number in a stack trace.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { 'use strict'; ${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  return { file, script, module: { exports: {} }, fromCache: cachedData !== undefined && script.cachedDataRejected !== true };
}

function cacheOf(file: string): Buffer | undefined {
  try {
    return readFileSync(file + CODE_CACHE_SUFFIX);
  } catch {
    return undefined;
  }
}
