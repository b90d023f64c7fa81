import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE_SUFFIX, ESM_MODULE_FILE, ESM_MODULE_ID, loadBundle } from '../../../src/cli/bundle-loader.js';
import type * as Esm from '../../../src/libraries/esm.js';
import { tempDir } from '../../helpers.js';

/**
 * Whether V8 takes a cache is seen in another process only (V8 keeps what it compiled for
 * a source in memory): bundle.test.ts spawns runs for that. A bundle of three chunks as rolldown writes CommonJS: the entry requires a chunk of its
 * own, a library of Node's, and the ES module loading the loader hands in; one chunk is
 * required only when a function runs.
 */
async function writeBundle(): Promise<string> {
  const folder = await tempDir();
  await writeFile(
    join(folder, 'main.cjs'),
    [
      'const shared = require("./shared-a1.cjs");',
      'const { join } = require("node:path");',
      'exports.main = (name) => shared.greet(join("a", name));',
      'exports.later = () => require("./later-b2.cjs").value;',
      'exports.esm = require("nps:esm");',
      'exports.strict = (function () { return this === undefined; })();',
    ].join('\n'),
  );
  await writeFile(join(folder, 'shared-a1.cjs'), 'module.exports = { greet: (name) => `hello ${name}` };\n');
  await writeFile(join(folder, 'later-b2.cjs'), 'exports.value = 42;\n');
  // The ES module the loader's stand-in loads: it says when it is loaded, and resolves as no real one would.
  await writeFile(
    join(folder, ESM_MODULE_FILE),
    [
      'globalThis.npsEsmLoaded = (globalThis.npsEsmLoaded ?? 0) + 1;',
      'export const importModule = (specifier) => import(specifier);',
      'export const resolveModule = async (specifier) => `resolved ${specifier}`;',
    ].join('\n'),
  );
  return folder;
}

describe('the bundle loader', () => {
  it('runs a bundle as Node runs CommonJS: its chunks, Node\'s modules, module.exports set whole, strict mode', async () => {
    const bundle = loadBundle(await writeBundle());
    const main = bundle.main as unknown as { main(name: string): string; later(): number; esm: typeof Esm; strict: boolean };
    expect(main.main('b')).toBe('hello a/b');
    expect(main.strict).toBe(true);
    expect(Object.keys(bundle.cacheUse())).toEqual(['main.cjs', 'shared-a1.cjs']);
    expect(main.later()).toBe(42);
    expect(Object.keys(bundle.cacheUse())).toEqual(['main.cjs', 'shared-a1.cjs', 'later-b2.cjs']);
    expect(ESM_MODULE_ID).toBe('nps:esm');
  });

  it('hands the bundle the ES module beside it, loaded once, and only when first used', async () => {
    const loaded = (): unknown => (globalThis as { npsEsmLoaded?: number }).npsEsmLoaded;
    const { esm } = loadBundle(await writeBundle()).main as unknown as { esm: typeof Esm };
    expect(loaded()).toBeUndefined();
    expect(await esm.resolveModule('eld/small')).toBe('resolved eld/small');
    expect(((await esm.importModule('node:path')) as { basename(path: string): string }).basename('/exports/q3.csv')).toBe('q3.csv');
    expect(loaded()).toBe(1);
  });

  it('writes a code cache beside each chunk loaded, and none for a chunk not loaded', async () => {
    const folder = await writeBundle();
    const bundle = loadBundle(folder);
    expect(Object.values(bundle.cacheUse())).toEqual([false, false]);
    bundle.writeCodeCache();
    expect(existsSync(join(folder, `main.cjs${CODE_CACHE_SUFFIX}`))).toBe(true);
    expect(existsSync(join(folder, `shared-a1.cjs${CODE_CACHE_SUFFIX}`))).toBe(true);
    expect(existsSync(join(folder, `later-b2.cjs${CODE_CACHE_SUFFIX}`))).toBe(false);
  });
});
