import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/program.js';
import { jobModuleUrl, type PartJob } from '../../src/input/parallel.js';
import { BIN, fixture, ROOT, run, runBin, tempDir } from '../helpers.js';

/**
 * `bin/nps.cjs` runs the bundle of dist/bundle/ (scripts/bundle.mjs), the tests run the
 * sources: each run below, spawned, must print what the sources print, byte for byte,
 * with the same exit code. Together they reach every command and every module loaded
 * only when needed: each command's help, the workbook and Parquet readers, the language
 * detector and its table, the stop words, the lexicon, each command's renderers, zod's
 * templates, and the files a command writes.
 */
const RUNS: ReadonlyArray<readonly string[]> = [
  ['--help'],
  ['--version'],
  ...COMMANDS.map((entry) => [entry.name, '--help']),
  ['score', 'fixtures/sample.csv'],
  ['score', 'fixtures/report-sample.csv', '--by', 'plan', '--period', 'month', '--json'],
  ['score', 'fixtures/excel-plain.xlsx', '--json'],
  ['score', 'fixtures/excel-dates-1904.xlsx'],
  ['score', 'fixtures/accents-windows-1252.csv'],
  ['score', 'fixtures/does-not-exist.csv'],
  ['columns', 'fixtures/wide-export.csv'],
  ['columns', 'fixtures/excel-qualtrics.xlsx', '--json'],
  ['segment', 'fixtures/comments.csv', '--category', 'detractors'],
  ['segment', 'fixtures/themes-mixed.csv', '--category', 'passives', '--json'],
  ['themes', 'fixtures/themes-mixed.csv'],
  ['themes', 'fixtures/themes-fr.csv', '--json'],
  ['themes', 'fixtures/discover-en.csv', '--json'],
  ['themes', 'fixtures/comments.csv', '--themes', 'fixtures/themes-extra.json'],
  ['drivers', 'fixtures/drivers-survey.csv'],
  ['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv'],
  ['compare', 'fixtures/quarters-q3.csv', 'fixtures/quarters-q4.csv', '--json'],
  ['accounts', 'fixtures/accounts-survey.csv', '--account-column', 'Company', '--value-column', 'MRR'],
  ['followup', 'fixtures/followup-ledger.csv', '--today', '2026-11-16', '--json'],
  ['sql', '--dialect', 'postgres', '--table', 'survey.responses', '--score-column', 'score', '--by', 'plan', '--period', 'month', '--date-column', 'date'],
  ['sample-size', '--difference', '10', '--mix', '50/30/20'],
];

const ENV = { NO_COLOR: '1' };

describe('the bundle bin/nps.cjs runs prints what the sources print', () => {
  it.each(RUNS.map((args) => [args.join(' '), args] as const))('nps %s', async (_, args) => {
    const spawned = await runBin(args, { env: ENV });
    const inProcess = await run(args, { env: ENV });
    expect(spawned).toEqual(inProcess);
  });

  it('reads a Parquet file (written by DuckDB) as the sources do', async () => {
    const parquet = join(await tempDir(), 'sample.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${fixture('report-sample.csv').replaceAll("'", "''")}')) TO '${parquet.replaceAll("'", "''")}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    for (const args of [['score', parquet, '--by', 'plan', '--json'], ['themes', parquet, '--json']]) {
      const spawned = await runBin(args, { env: ENV });
      expect(spawned.code, spawned.stderr).toBe(0);
      expect(spawned).toEqual(await run(args, { env: ENV }));
    }
  });

  it('writes the same files: a report and the lists of segment --out', async () => {
    const folders = [await tempDir(), await tempDir()];
    const args = (folder: string): string[] => ['segment', 'fixtures/report-sample.csv', '--out', join(folder, 'lists'), '-q'];
    const report = (folder: string): string[] => ['report', 'fixtures/report-sample.csv', '--by', 'plan', '--out', join(folder, 'report.html'), '-q'];
    const [spawnedFolder, inProcessFolder] = folders as [string, string];
    expect((await runBin(args(spawnedFolder), { env: ENV })).code).toBe(0);
    expect((await run(args(inProcessFolder), { env: ENV })).code).toBe(0);
    expect((await runBin(report(spawnedFolder), { env: ENV })).code).toBe(0);
    expect((await run(report(inProcessFolder), { env: ENV })).code).toBe(0);
    for (const name of ['lists/promoters.csv', 'lists/passives.csv', 'lists/detractors.csv', 'report.html']) {
      expect(await readFile(join(spawnedFolder, name), 'utf8'), name).toBe(await readFile(join(inProcessFolder, name), 'utf8'));
    }
  });
});

describe('what a run of the bundle loads', () => {
  /**
   * Commander loads node:child_process for subcommands that are programs of their own,
   * and a temporary file's name wants random bytes: neither is loaded by a run that
   * needs neither (scripts/bundle.mjs, output/write/files.ts), and each costs every run
   * about 6 ms. A run that writes files still names them (the test above). Nor does a
   * run that loads no ES module start Node's loader of them (bin/nps.cjs is CommonJS,
   * cli/bundle-loader.ts), nor load Node's file promises (and readline with them) when
   * it writes no file (output/write/temporaries.ts) and reads no standard input, even
   * one redirected from a file, as a scheduled run's is (input/source.ts): about 8 and
   * 4 ms.
   */
  it('score and --help load neither node:child_process nor node:crypto, nor the loader of ES modules nor file promises', async () => {
    const folder = await tempDir();
    const listing = join(folder, 'loaded.cjs');
    await writeFile(listing, "process.on('exit', () => process.stderr.write(`\\nloaded: ${process.moduleLoadList.join(',')}\\n`));\n");
    for (const args of [['--help'], ['score', 'fixtures/sample.csv', '--json']]) {
      // Standard input a pipe, then redirected from /dev/null.
      for (const stdin of ['pipe', 'ignore'] as const) {
        const spawned = spawnSync(process.execPath, ['--require', listing, BIN, ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...ENV }, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8' });
        const what = `${args.join(' ')}, standard input ${stdin === 'pipe' ? 'a pipe' : '/dev/null'}`;
        expect(spawned.status, spawned.stderr).toBe(0);
        const loaded = (/loaded: (.*)/.exec(spawned.stderr)?.[1] ?? '').split(',');
        expect(loaded, what).toContain('NativeModule fs');
        expect(loaded, what).not.toContain('NativeModule child_process');
        expect(loaded, what).not.toContain('NativeModule crypto');
        expect(loaded, what).not.toContain('NativeModule internal/modules/esm/translators');
        expect(loaded, what).not.toContain('NativeModule internal/fs/promises');
        expect(loaded, what).not.toContain('NativeModule internal/readline/interface');
      }
    }
  });

  it('names its temporary files without Web Crypto, which Node can be told to leave out', async () => {
    const folder = join(await tempDir(), 'lists');
    const spawned = await runBin(['segment', 'fixtures/report-sample.csv', '--out', folder, '-q'], { env: ENV, nodeOptions: ['--no-experimental-global-webcrypto'] });
    expect(spawned.code, spawned.stderr).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(expect.arrayContaining(['detractors.csv', 'passives.csv', 'promoters.csv']));
  });
});

/**
 * Loads the bundle of `folder` with the loader the build wrote (dist/bundle/load.cjs) in a
 * process of its own (V8 keeps in memory what it compiled for a source, so only another
 * process shows whether a cache was taken), runs `args` through it, and returns which
 * chunks started from their code cache, and the exit code. `write` writes the caches after.
 */
function loadInProcessOfItsOwn(folder: string, args: readonly string[], write = false): { cacheUse: Record<string, boolean>; code: number } {
  const script = [
    `import { loadBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'bundle', 'load.cjs')).href)};`,
    "import { PassThrough } from 'node:stream';",
    `const bundle = loadBundle(${JSON.stringify(folder)});`,
    'const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), cwd: process.cwd(), env: { NO_COLOR: "1" } };',
    `const code = await bundle.main.main(${JSON.stringify(args)}, io);`,
    write ? 'bundle.writeCodeCache();' : '',
    'process.stdout.write(JSON.stringify({ cacheUse: bundle.cacheUse(), code }));',
  ].join('\n');
  const spawned = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(spawned.status, spawned.stderr).toBe(0);
  return JSON.parse(spawned.stdout) as { cacheUse: Record<string, boolean>; code: number };
}

describe('the code cache of the bundle', () => {
  it('a run starts every chunk it loads from the cache the build wrote', () => {
    for (const args of [['score', 'fixtures/sample.csv', '--json'], ['themes', 'fixtures/themes-fr.csv']]) {
      const { cacheUse, code } = loadInProcessOfItsOwn(join(ROOT, 'dist', 'bundle'), args);
      expect(code).toBe(0);
      expect(Object.keys(cacheUse).length, args.join(' ')).toBeGreaterThan(10);
      expect(Object.entries(cacheUse).filter(([, fromCache]) => !fromCache), args.join(' ')).toEqual([]);
    }
  });

  it('a cache not the chunk\'s own is not taken: the chunk is compiled, and runs as it now reads', async () => {
    const folder = await tempDir();
    const part = join(folder, 'part-a1.cjs');
    const cache = `${part}.code-cache`;
    await writeFile(join(folder, 'main.cjs'), 'const part = require("./part-a1.cjs");\nexports.main = async (args) => part.code(args);\n');
    await writeFile(part, 'exports.code = (args) => args.length + 0;\n');
    expect(loadInProcessOfItsOwn(folder, ['a', 'b'], true)).toEqual({ cacheUse: { 'main.cjs': false, 'part-a1.cjs': false }, code: 2 });
    expect(loadInProcessOfItsOwn(folder, ['a', 'b'])).toEqual({ cacheUse: { 'main.cjs': true, 'part-a1.cjs': true }, code: 2 });
    const written = await readFile(cache);

    // Edited since, at the same length (V8 would take the cache and run the old code).
    await writeFile(part, 'exports.code = (args) => args.length + 7;\n');
    const later = new Date(Date.now() + 60_000);
    await utimes(part, later, later);
    expect(loadInProcessOfItsOwn(folder, ['a', 'b'])).toEqual({ cacheUse: { 'main.cjs': true, 'part-a1.cjs': false }, code: 9 });

    // Written by another Node.
    await writeFile(part, 'exports.code = (args) => args.length + 0;\n');
    const other = Buffer.from(written.toString('latin1').replace(/"node":"[^"]*"/, '"node":"v0.0.0"'), 'latin1');
    await writeFile(cache, other);
    expect(loadInProcessOfItsOwn(folder, ['a', 'b', 'c'])).toEqual({ cacheUse: { 'main.cjs': true, 'part-a1.cjs': false }, code: 3 });

    // Its header damaged: no line of JSON.
    await writeFile(cache, written.map((byte) => byte ^ 0xff));
    expect(loadInProcessOfItsOwn(folder, ['a'])).toEqual({ cacheUse: { 'main.cjs': true, 'part-a1.cjs': false }, code: 1 });

    // Its own again: taken.
    await writeFile(cache, written);
    expect(loadInProcessOfItsOwn(folder, ['a'])).toEqual({ cacheUse: { 'main.cjs': true, 'part-a1.cjs': true }, code: 1 });
  });

  it('no chunk of the bundle uses import() or import.meta, which code compiled from a cache cannot run in Node 20', async () => {
    const folder = join(ROOT, 'dist', 'bundle');
    // The loader itself is compiled by Node's own require, which runs import(): its stand-in of esm.mjs uses it.
    const chunks = (await readdir(folder)).filter((name) => name.endsWith('.cjs') && name !== 'load.cjs');
    expect(chunks.length).toBeGreaterThan(20);
    for (const name of chunks) {
      const code = (await readFile(join(folder, name), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(code.match(/[^\w$.]import\s*\(|import\.meta/g), name).toBeNull();
    }
  });
});

/** Every relative path the bundles of a package's dist/ name is there, the table, stop words, lexicon and package.json among them. */
async function expectPathsFound(root: string): Promise<void> {
  const named: string[] = [];
  for (const folder of ['bundle', 'thread']) {
    for (const name of (await readdir(join(root, 'dist', folder))).filter((file) => /\.c?js$/.test(file))) {
      const chunk = join(root, 'dist', folder, name);
      for (const line of (await readFile(chunk, 'utf8')).split('\n')) {
        // A path resolved against a package's own entry is the package's, not ours.
        if (line.includes('import.meta.resolve(')) continue;
        // A path in a comment (commander's JSDoc types, bundled in) is not read.
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) continue;
        for (const [, path] of line.matchAll(/["'`](\.{1,2}\/[^"'`$]*)/g)) {
          named.push(`${folder}/${name}: ${path}`);
          expect(existsSync(resolve(dirname(chunk), path ?? '')), `${folder}/${name} names ${path}`).toBe(true);
        }
      }
    }
  }
  for (const path of ['../input/eld-small.bin', '../../dist/stop-words/', '../../data/themes.json', '../../package.json']) {
    expect(named.some((entry) => entry.endsWith(`: ${path}`)), path).toBe(true);
  }
}

describe('the bundles find what their modules read beside themselves', () => {
  /**
   * A missing language table or stop-word list is no error: the sources fall back on the
   * packages' own modules, with the same answers, only slower. So no run above would show
   * a path that a bundle resolves wrong; this reads the paths in the bundles themselves.
   */
  it('every relative path of dist/bundle/ and dist/thread/ names a file or folder that is there', async () => {
    await expectPathsFound(ROOT);
  });

  it('a thread finds every job of commands/jobs/ in its bundle, under the name the job gives', async () => {
    const folder = join(ROOT, 'src', 'commands', 'jobs');
    let jobs = 0;
    for (const name of await readdir(folder)) {
      const exports = (await import(pathToFileURL(join(folder, name)).href)) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        if (typeof value !== 'object' || value === null || !('module' in value) || !('name' in value)) continue;
        const job = value as PartJob<unknown, unknown, unknown>;
        jobs += 1;
        expect(job.module).toBe(`commands/jobs/${name.replace(/\.ts$/, '.js')}`);
        expect(existsSync(fileURLToPath(jobModuleUrl(job.module))), job.module).toBe(true);
        const built = (await import(jobModuleUrl(job.module))) as Record<string, unknown>;
        expect(built[job.name], `${job.module} ${job.name}`).toBeDefined();
      }
    }
    expect(jobs).toBeGreaterThanOrEqual(6);
  });
});

describe('the package as npm packs it', () => {
  /**
   * package.json's `files` ships the bundles and what they read, not the modules tsc wrote:
   * the package, packed and unpacked elsewhere (its libraries beside it, as an install
   * puts them), must run as the sources do, a large file read by two threads included.
   */
  it('runs the commands from another folder as the sources do', async () => {
    const folder = await tempDir();
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder, ROOT], { encoding: 'utf8' });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(folder, packed.stdout.trim().split('\n').at(-1) ?? '');
    expect(spawnSync('tar', ['xzf', tarball, '-C', folder]).status).toBe(0);
    const bin = join(folder, 'package', 'bin', 'nps.cjs');
    await symlink(join(ROOT, 'node_modules'), join(folder, 'package', 'node_modules'), 'dir');
    expect(existsSync(join(folder, 'package', 'dist', 'cli'))).toBe(false);
    await expectPathsFound(join(folder, 'package'));
    // The language table is read with eld's own files, found from the package's esm.mjs: not found, the detector would
    // fall back on eld's own module, with the same answers, only slower, so no run below would show it.
    const esm = pathToFileURL(join(folder, 'package', 'dist', 'bundle', 'esm.mjs')).href;
    const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', `process.stdout.write(await (await import(${JSON.stringify(esm)})).resolveModule('eld/small'))`], { encoding: 'utf8' });
    expect(resolved.status, resolved.stderr).toBe(0);
    for (const name of ['regexPatterns.js', 'dictionary.js', 'avgScore.js']) {
      expect(existsSync(fileURLToPath(new URL(name, new URL('..', resolved.stdout)))), name).toBe(true);
    }
    const runs: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['score', 'fixtures/report-sample.csv', '--by', 'plan', '--json'] },
      { args: ['score', 'fixtures/excel-plain.xlsx', '--json'] },
      { args: ['themes', 'fixtures/themes-mixed.csv', '--json'] },
      { args: ['segment', 'fixtures/report-sample.csv', '--category', 'detractors', '--json'] },
      { args: ['drivers', 'fixtures/drivers-survey.csv', '--json'] },
      // Threads even for a small file: the thread's bundle and its jobs.
      { args: ['themes', 'fixtures/report-sample.csv', '--json'], env: { NPS_PARALLEL_MIN_BYTES: '0' } },
      { args: ['segment', 'fixtures/report-sample.csv', '--category', 'passives', '--json'], env: { NPS_PARALLEL_MIN_BYTES: '0' } },
    ];
    for (const { args, env = {} } of runs) {
      const spawned = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', ...ENV, ...env } });
      const inProcess = await run(args, { env: { ...ENV, ...env } });
      expect({ code: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr }, args.join(' ')).toEqual(inProcess);
    }
  });
});
