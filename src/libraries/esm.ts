/**
 * Loading an ES module at run time, and finding one, in a module of their own. The command
 * line's bundle is CommonJS, compiled with a code cache (scripts/bundle.mjs,
 * cli/bundle-loader.ts), and Node 20 runs `import()` and `import.meta.resolve` in code
 * compiled that way only behind a flag: the bundle leaves this module out, and its loader
 * hands in a stand-in that loads this one, built on its own, when first asked. eld, the
 * language detector, is an ES module that exports only its entries.
 */

/** The module at `specifier`: a package's entry or a file's URL. */
export const importModule = (specifier: string): Promise<unknown> => import(specifier);

/** The URL of the module at `specifier`, as this package resolves it (asynchronous, as the stand-in that loads this module is). */
export const resolveModule = (specifier: string): Promise<string> => Promise.resolve(import.meta.resolve(specifier));
