import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers.js';

/**
 * One job per folder and one direction, kept by a test rather than by goodwill:
 * bin → cli → commands → input / output → core. The core computes and touches nothing
 * outside itself; input reads and output renders and writes, neither knowing the
 * other nor any command; a command never reaches into another, nor up into the cli.
 * Static imports, re-exports and dynamic `import()` all count.
 */
interface Source {
  /** The path under src/, e.g. `commands/score.ts`. */
  file: string;
  text: string;
}

async function sources(): Promise<Source[]> {
  const names = (await readdir(join(ROOT, 'src'), { recursive: true })).filter((name) => name.endsWith('.ts'));
  return Promise.all(names.map(async (name) => ({ file: name.split('\\').join('/'), text: await readFile(join(ROOT, 'src', name), 'utf8') })));
}

/** Every module a source names: `import … from`, `export … from`, `import '…'` and `import('…')`. */
export function specifiersOf(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((match) => match[1] ?? '');
}

/** The folder under src/ a source's import lands in (`core`, `commands/shared`…), or the package it names. */
function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return normalize(join(dirname(file), specifier)).split('\\').join('/');
}

const layerOf = (path: string): string => path.split('/')[0] ?? '';

/** What each folder may import from src/ (beyond its own files); packages are checked apart. */
const ALLOWED: Record<string, readonly string[]> = {
  // The CommonJS libraries, each required in a module of its own (libraries/required.ts says why): any layer's, like a package.
  libraries: [],
  core: ['libraries'],
  input: ['core', 'libraries', 'errors.js', 'io.js'],
  output: ['core', 'libraries', 'errors.js', 'io.js'],
  commands: ['input', 'output', 'core', 'libraries', 'errors.js', 'io.js'],
  cli: ['commands', 'input', 'output', 'core', 'libraries', 'errors.js', 'io.js'],
};

function violations(all: readonly Source[], layer: string): string[] {
  const allowed = new Set([layer, ...(ALLOWED[layer] ?? [])]);
  return all
    .filter((source) => layerOf(source.file) === layer)
    .flatMap((source) =>
      specifiersOf(source.text)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => targetOf(source.file, specifier))
        .filter((target) => !allowed.has(layerOf(target)))
        .map((target) => `${source.file} imports ${target}`),
    );
}

describe('the layers of src/', () => {
  it('finds static, re-exported and dynamic imports alike', () => {
    const text = "import { a } from '../cli/main.js';\nexport { b } from './b.js';\nconst c = await import('../cli/program.js');\nimport './side.js';";
    expect(specifiersOf(text)).toEqual(['../cli/main.js', './b.js', './side.js', '../cli/program.js']);
    expect(violations([{ file: 'commands/score.ts', text: "const m = await import('../cli/program.js');" }], 'commands')).toEqual([
      'commands/score.ts imports cli/program.js',
    ]);
  });

  it.each(Object.keys(ALLOWED))('src/%s imports only the layers below it', async (layer) => {
    expect(violations(await sources(), layer)).toEqual([]);
  });

  it('src/core does no I/O, prints nothing and reads no process state', async () => {
    for (const { file, text } of (await sources()).filter((source) => layerOf(source.file) === 'core')) {
      expect(specifiersOf(text).filter((from) => from.startsWith('node:')), file).toEqual([]);
      expect(/\bprocess\.|\bconsole\./.test(text), `${file} uses process or console`).toBe(false);
    }
  });

  it('no command imports another command; what they share lives in commands/shared, their work on parts in commands/jobs', async () => {
    const shared = (path: string): boolean => path.startsWith('commands/shared/') || path.startsWith('commands/jobs/');
    for (const { file, text } of await sources()) {
      if (!file.startsWith('commands/')) continue;
      const commands = specifiersOf(text)
        .map((specifier) => targetOf(file, specifier))
        .filter((target) => target.startsWith('commands/') && !shared(target));
      expect(commands, file).toEqual([]);
      // A job is loaded by a reading thread: it never pulls in the command line's definitions.
      if (file.startsWith('commands/jobs/')) expect(specifiersOf(text).filter((specifier) => specifier.includes('/shared/') || specifier === 'commander' || specifier.endsWith('libraries/commander.js')), file).toEqual([]);
    }
  });

  it('bin/nps.cjs reaches src only through the bundle of the cli and its loader (scripts/bundle.mjs bundles cli/main.js alone)', async () => {
    const text = await readFile(join(ROOT, 'bin', 'nps.cjs'), 'utf8');
    const ours = specifiersOf(text).filter((specifier) => specifier.startsWith('.'));
    const targets = ours.map((specifier) => relative(join(ROOT, 'dist'), join(ROOT, 'bin', specifier)).split('\\').join('/'));
    expect(targets).toEqual(['bundle/load.cjs']);
    expect(text).toContain("loadBundle(join(__dirname, '..', 'dist', 'bundle'))");
    const script = await readFile(join(ROOT, 'scripts', 'bundle.mjs'), 'utf8');
    expect(script).toContain("await bundle('bundle', { main: built('cli/main.js') }, { cjs: true });");
    expect(script).toContain("await bundle('bundle', { load: built('cli/bundle-loader.js') }, { cjs: true, keep: true });");
  });
});
