// Bundles what tsc wrote to dist/ twice over:
// - dist/bundle/: the command line (dist/cli/main.js), an entry and one chunk for each command's
//   own modules and for what several share, as CommonJS (`.cjs`), and their loader `load.cjs`
//   (cli/bundle-loader.ts), which bin/nps.cjs runs: CommonJS so that V8 can start from a code
//   cache (scripts/code-cache.mjs writes it), which Node 20 keeps for no ES module, and so that
//   a run that loads no ES module does not start Node's loader of them; and `esm.mjs`
//   (libraries/esm.ts), the one ES module, which the loader loads when the bundle first needs it;
// - dist/thread/: a reading thread of a large file (dist/input/parallel-worker.js) and the jobs it
//   loads by name, `jobs-<name>.js` (src/input/parallel.ts), as ES modules.
// A run then loads a few dozen files rather than the hundred modules its command reaches: Node's
// loader takes about 0.3 ms to resolve, read and link each module, whatever its size, which was a
// tenth of `nps score` on a small file, and 25 ms of a thread's start. The two are bundled apart
// so that neither's chunks are cut to fit the other's. Libraries (commander, papaparse, eld…) stay
// in node_modules, loaded as before, but for commander: see below. Every path a module reads beside itself (the language table,
// the stop words, the package's own files) is written two folders down from the package, as both
// folders are, so it resolves alike from dist/ or either bundle. Run by `npm run build`, after tsc.
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';
import { ESM_MODULE_ID } from '../dist/cli/bundle-loader.js';

// Paths, not URLs' pathnames: a folder named with a space or an accent is written %20 in a URL.
const built = (path) => fileURLToPath(new URL(`../dist/${path}`, import.meta.url));

/**
 * Commander loads `node:child_process` as it starts, for subcommands that are programs
 * of their own, which nps has none of: about 6 ms of every run (net, dgram and the
 * rest), a twentieth of `nps --help`. Commander is bundled in, and that one require
 * of it reaches a stand-in that loads the module on first use.
 */
const LAZY_CHILD_PROCESS = '\0lazy-child-process';
const isCommandersChildProcess = (id, importer) =>
  id === 'node:child_process' && importer !== undefined && /[\\/]node_modules[\\/]commander[\\/]/.test(importer);
const lazyChildProcess = {
  name: 'lazy-child-process',
  resolveId(id, importer) {
    return isCommandersChildProcess(id, importer) ? LAZY_CHILD_PROCESS : undefined;
  },
  load(id) {
    if (id !== LAZY_CHILD_PROCESS) return undefined;
    return [
      'let loaded;',
      "const load = () => (loaded ??= process.getBuiltinModule('node:child_process'));",
      'module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });',
    ].join('\n');
  },
};

/**
 * libraries/esm.js loads ES modules with `import()`, which Node 20 runs in code compiled
 * from a cache only behind a flag: the CommonJS chunks ask their loader for it by this id,
 * and the loader hands in a stand-in that loads it, built apart as `esm.mjs`, on first use
 * (cli/bundle-loader.ts).
 */
const ESM_MODULE = built('libraries/esm.js');
const esmFromLoader = {
  name: 'esm-from-loader',
  resolveId(id, importer) {
    if (importer === undefined || !id.endsWith('/esm.js')) return undefined;
    return fileURLToPath(new URL(id, pathToFileURL(importer))) === ESM_MODULE ? { id: ESM_MODULE_ID, external: true } : undefined;
  },
};

/** Bundled into the chunks: the project's modules, and commander (above). */
const inBundle = (id) => id.startsWith('.') || id.startsWith('/') || id === 'commander';

/**
 * Bundles `input` (entry names to modules of dist/) into the folder `folder` of dist/, as
 * ES modules or, with `cjs`, CommonJS. `keep` leaves what the folder holds.
 */
async function bundle(folder, input, { cjs = false, keep = false, extension = cjs ? 'cjs' : 'js' } = {}) {
  const out = built(`${folder}/`);
  if (!keep) await rm(out, { recursive: true, force: true });
  const bundled = await rolldown({
    input,
    platform: 'node',
    // Node's own modules and every other package stay outside.
    external: (id, importer) => !isCommandersChildProcess(id, importer) && (id.startsWith('node:') || !inBundle(id)),
    plugins: cjs ? [lazyChildProcess, esmFromLoader] : [lazyChildProcess],
    logLevel: 'warn',
  });
  await bundled.write({ dir: out, format: cjs ? 'cjs' : 'esm', entryFileNames: `[name].${extension}`, chunkFileNames: `[name]-[hash].${extension}` });
  await bundled.close();
}

await bundle('bundle', { main: built('cli/main.js') }, { cjs: true });
await bundle('bundle', { load: built('cli/bundle-loader.js') }, { cjs: true, keep: true });
await bundle('bundle', { esm: built('libraries/esm.js') }, { keep: true, extension: 'mjs' });
const jobs = (await readdir(built('commands/jobs/'))).filter((name) => name.endsWith('.js'));
await bundle('thread', {
  worker: built('input/parallel-worker.js'),
  ...Object.fromEntries(jobs.map((name) => [`jobs-${name.slice(0, -'.js'.length)}`, built(`commands/jobs/${name}`)])),
});
