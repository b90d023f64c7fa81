// Writes the code cache of the command line's bundle (dist/bundle/*.cjs, cli/bundle-loader.ts):
// runs each command on the package's fixtures, in this process and through the bundle's own
// loader, then writes beside each chunk the bytecode of every function those runs compiled. A
// run of `nps` then starts from it rather than compiling: `score` on a 5,000-row file in about
// 0.8 of the time. The cache holds no data of the runs, only compiled code; it suits the Node
// that wrote it, and any other Node compiles as it would without it. Run by `npm run build`,
// after bundle.mjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../dist/bundle/load.cjs';
import { COMMANDS } from '../dist/cli/program.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name) => join(ROOT, 'fixtures', name);

/** Runs that reach what everyday runs use: each command, its help, its table and its JSON, the readers of each format. */
const runs = (out) => [
  ['--help'],
  ...COMMANDS.map(({ name }) => [name, '--help']),
  ['score', fixture('report-sample.csv')],
  ['score', fixture('report-sample.csv'), '--by', 'plan', '--period', 'month', '--json'],
  ['score', fixture('sample.csv'), '--json'],
  ['score', fixture('excel-plain.xlsx')],
  ['score', fixture('accents-windows-1252.csv')],
  ['columns', fixture('wide-export.csv')],
  ['columns', fixture('report-sample.csv'), '--json'],
  ['segment', fixture('report-sample.csv'), '--out', join(out, 'lists')],
  ['segment', fixture('comments.csv'), '--category', 'detractors', '--json'],
  ['themes', fixture('themes-mixed.csv')],
  ['themes', fixture('themes-fr.csv'), '--json'],
  ['themes', fixture('discover-en.csv')],
  ['drivers', fixture('drivers-survey.csv')],
  ['drivers', fixture('drivers-survey.csv'), '--json'],
  ['compare', fixture('compare-a.csv'), fixture('compare-b.csv')],
  ['compare', fixture('quarters-q3.csv'), fixture('quarters-q4.csv'), '--json'],
  ['accounts', fixture('accounts-survey.csv'), '--account-column', 'Company', '--value-column', 'MRR'],
  ['followup', fixture('followup-ledger.csv'), '--today', '2026-11-16'],
  ['report', fixture('report-sample.csv'), '--by', 'plan', '--out', join(out, 'report.html')],
  ['sample-size', '--difference', '10'],
];

/** An Io whose output goes nowhere: what the runs print does not matter here, only what they compile. */
function quietIo() {
  const nowhere = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  return { stdin: new PassThrough(), stdout: nowhere(), stderr: nowhere(), cwd: ROOT, env: { NO_COLOR: '1' } };
}

const out = await mkdtemp(join(tmpdir(), 'nps-code-cache-'));
try {
  const bundle = loadBundle(fileURLToPath(new URL('../dist/bundle/', import.meta.url)));
  for (const args of runs(out)) {
    const code = await bundle.main.main(args, quietIo());
    // A run that fails would leave out what it never reached: the build says so rather than ship less.
    if (code !== 0) throw new Error(`nps ${args.join(' ')} ended with ${code}`);
  }
  bundle.writeCodeCache();
} finally {
  await rm(out, { recursive: true, force: true });
}
