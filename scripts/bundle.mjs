// Bundles the command line (dist/cli/main.js, as tsc wrote it) into dist/bundle/: the entry
// and one chunk for each command's own modules and for what several share, so that a run
// loads a handful of files rather than the hundred modules its command reaches. Node's
// loader takes about 0.3 ms to resolve, read and link each module, whatever its size:
// for `nps score` on a small file that was a tenth of the run. Libraries (commander,
// papaparse, eld…) stay in node_modules, loaded as before. The reading threads of a large
// file run dist/ as tsc wrote it (src/input/parallel.ts): their start is not a user's wait.
// Every path a module reads beside itself (the language table, the stop words, the
// package's own files) is written two folders down from the package, as dist/bundle/ is,
// so it resolves alike from either. Run by `npm run build`, after tsc.
import { rm } from 'node:fs/promises';
import { rolldown } from 'rolldown';

const out = new URL('../dist/bundle/', import.meta.url);
await rm(out, { recursive: true, force: true });
const bundle = await rolldown({
  input: { main: new URL('../dist/cli/main.js', import.meta.url).pathname },
  platform: 'node',
  // Node's own modules and every package: only the project's modules are bundled.
  external: (id) => id.startsWith('node:') || !(id.startsWith('.') || id.startsWith('/')),
  logLevel: 'warn',
});
await bundle.write({ dir: out.pathname, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
