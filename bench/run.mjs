// npm run bench [-- --large] [-- --runs N] [-- --only "name,name"] [-- --everyday-only]
// Times nps against the floors and the tools people use instead, on generated exports,
// checks that every tool counts the same, prints a table and writes it as JSON to bench/results/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, GENERATOR_VERSION } from './generate.mjs';
import { writeXlsxTwin } from './xlsx.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const large = args.includes('--large');
const runsArg = args.indexOf('--runs');
const runs = runsArg === -1 ? 5 : Number(args[runsArg + 1]);
/** --only times just the tools whose names contain one of these (nps score, the reference, always). */
const onlyArg = args.indexOf('--only');
const only = onlyArg === -1 ? undefined : args[onlyArg + 1].split(',').map((part) => part.trim());
const everydayOnly = args.includes('--everyday-only');
const sizes = everydayOnly ? [] : [100_000, 1_000_000, ...(large ? [10_000_000] : [])];
/** The exports most people have: a few thousand rows, and a handful. */
const EVERYDAY_ROWS = [5_000, 9];
/** A sheet holds at most 1,048,576 rows, the header included: larger exports have no .xlsx twin. */
const XLSX_MAX_ROWS = 1_048_575;

const rssFolder = mkdtempSync(join(tmpdir(), 'nps-bench-'));
const rssFile = join(rssFolder, 'rss');
// The folder of the memory readings goes when the bench ends, however it ends.
process.on('exit', () => rmSync(rssFolder, { recursive: true, force: true }));
const node = (script, ...rest) => [process.execPath, '--require', join(root, 'bench', 'rss.cjs'), script, ...rest];
const nps = (...rest) => node(join(root, 'bin', 'nps.cjs'), ...rest);
const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const hasTime = existsSync('/usr/bin/time');
// Looked up on disk rather than by require.resolve: Node remembers a failed resolution for the
// rest of the process, so a package installed by bring() below would still look missing.
const resolvesDuckdb = () => existsSync(join(root, 'node_modules', '@duckdb', 'node-api', 'package.json'));

/**
 * The tools people would use instead, brought when missing: DuckDB's npm package
 * (installed without saving it in package.json) and Miller (Debian's package, when
 * this runs as root). Where that fails, the table says how to get them.
 */
function bring() {
  if (!resolvesDuckdb()) {
    process.stderr.write('installing DuckDB for the comparison: npm install --no-save @duckdb/node-api\n');
    spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '@duckdb/node-api'], { cwd: root, stdio: 'inherit' });
  }
  if (!hasCommand('mlr') && process.getuid?.() === 0 && hasCommand('apt-get')) {
    process.stderr.write('installing Miller for the comparison: apt-get install miller\n');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq miller'], { stdio: 'inherit' });
  }
}
if (!args.includes('--no-install')) bring();
const hasDuckdb = resolvesDuckdb();

/** Counts from each tool's own output, so that every tool is checked against nps. */
const fromNpsJson = (out) => {
  const json = JSON.parse(out);
  return { promoters: json.promoters, passives: json.passives, detractors: json.detractors, blank: json.blank };
};
const fromMiller = (out) => {
  const counts = { promoters: 0, passives: 0, detractors: 0, blank: 0 };
  for (const line of out.trim().split('\n')) {
    const { score, count } = JSON.parse(line);
    if (score === '') counts.blank += count;
    else if (score >= 9) counts.promoters += count;
    else if (score >= 7) counts.passives += count;
    else counts.detractors += count;
  }
  return counts;
};

/** The same rows as Parquet, as DuckDB writes them (types inferred, Snappy, row groups of 122,880 rows). */
async function writeParquetTwin(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const quote = (path) => `'${path.replaceAll("'", "''")}'`;
  await connection.run(`COPY (SELECT * FROM read_csv(${quote(csv)})) TO ${quote(parquet)} (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

function tools(file, outDir, xlsx, parquet) {
  const list = [
    { name: 'read the file (stream floor)', command: node(join(root, 'bench', 'floors.mjs'), 'read', file) },
    { name: 'csv-parse to arrays (floor)', command: node(join(root, 'bench', 'floors.mjs'), 'parse', file), counts: JSON.parse },
    { name: 'nps score', command: nps('score', file, '--json', '-q'), counts: fromNpsJson, reference: true },
    { name: 'nps score --by plan --period month', command: nps('score', file, '--by', 'plan', '--period', 'month', '--json', '-q'), counts: fromNpsJson },
    { name: 'nps score --by account (40,000 groups)', command: nps('score', file, '--by', 'account', '-q'), },
    { name: 'nps segment --out', command: nps('segment', file, '--out', outDir, '--force', '-q') },
    { name: 'nps themes', command: nps('themes', file, '--json', '-q') },
    { name: 'nps drivers (6 ratings)', command: nps('drivers', file, '--json', '-q') },
    { name: 'nps report', command: nps('report', file, '--by', 'plan', '--period', 'month', '--out', join(outDir, 'report.html'), '--force', '-q') },
    { name: 'nps score, one thread', command: nps('score', file, '--json', '-q'), env: { NPS_THREADS: '1' }, counts: fromNpsJson },
  ];
  if (xlsx !== undefined) {
    // The same rows as an Excel workbook: its sheet inflated and nothing else, then nps score on it.
    list.push(
      { name: '.xlsx: inflate the sheet (floor)', command: node(join(root, 'bench', 'floors.mjs'), 'inflate', xlsx), file: xlsx },
      { name: '.xlsx: nps score', command: nps('score', xlsx, '--json', '-q'), counts: fromNpsJson, file: xlsx },
    );
  }
  if (parquet !== undefined) {
    // The same rows as Parquet: read one row group at a time, through the same pipeline.
    list.push(
      { name: '.parquet: nps score', command: nps('score', parquet, '--json', '-q'), counts: fromNpsJson, file: parquet },
      { name: '.parquet: nps score --by plan --period month', command: nps('score', parquet, '--by', 'plan', '--period', 'month', '--json', '-q'), counts: fromNpsJson, file: parquet },
    );
  }
  if (hasCommand('mlr')) {
    list.push({ name: 'Miller (mlr count-distinct)', command: ['mlr', '--icsv', '--ojsonl', 'count-distinct', '-f', 'score', file], counts: fromMiller, external: true });
  }
  if (hasDuckdb) list.push({ name: 'DuckDB (read_csv, count)', command: node(join(root, 'bench', 'duckdb.mjs'), file), counts: JSON.parse });
  return only === undefined ? list : list.filter((tool) => tool.reference || only.some((part) => tool.name.includes(part)));
}

function runOnce(command, external, env = {}) {
  const wrapped = external && hasTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...command] : command;
  rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(wrapped[0], wrapped.slice(1), { env: { ...process.env, ...env, NPS_BENCH_RSS_FILE: rssFile } });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${command.join(' ')} exited ${code}: ${Buffer.concat(err)}`));
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim()) * (external ? 1024 : 1) : undefined;
      resolve({ seconds, rss, stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => (bytes / 1e6).toFixed(1);

async function benchSize(rows) {
  const dataDir = join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `export-${rows}-v${GENERATOR_VERSION}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file}\n`);
    await generate(file, rows);
  }
  const bytes = statSync(file).size;
  let xlsx;
  if (rows <= XLSX_MAX_ROWS) {
    xlsx = join(dataDir, `export-${rows}-v${GENERATOR_VERSION}.xlsx`);
    if (!existsSync(xlsx)) {
      process.stderr.write(`generating ${xlsx}\n`);
      await writeXlsxTwin(file, xlsx);
    }
  }
  let parquet;
  if (hasDuckdb) {
    parquet = join(dataDir, `export-${rows}-v${GENERATOR_VERSION}.parquet`);
    if (!existsSync(parquet)) {
      process.stderr.write(`generating ${parquet}\n`);
      await writeParquetTwin(file, parquet);
    }
  }
  const outDir = mkdtempSync(join(tmpdir(), 'nps-bench-segment-'));
  const list = tools(file, outDir, xlsx, parquet);
  const times = list.map(() => []);
  const rss = list.map(() => []);
  let expected;
  // Round-robin: each round times every tool once, so drift in the machine's speed falls on all alike.
  for (let run = 0; run < runs; run += 1) {
    for (const [index, tool] of list.entries()) {
      const result = await runOnce(tool.command, tool.external, tool.env);
      times[index].push(result.seconds);
      if (result.rss !== undefined) rss[index].push(result.rss);
      if (run === 0 && tool.counts) {
        const counts = tool.counts(result.stdout);
        expected ??= counts;
        if (JSON.stringify(counts) !== JSON.stringify(expected)) {
          throw new Error(`${tool.name} counts ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
        }
      }
    }
    process.stderr.write(`  ${rows} rows: round ${run + 1} of ${runs} done\n`);
  }
  const results = list.map((tool, index) => ({
    tool: tool.name,
    bytes: tool.file === undefined ? bytes : statSync(tool.file).size,
    seconds: median(times[index]),
    peakRssBytes: rss[index].length ? Math.max(...rss[index]) : null,
    runs: times[index],
  }));
  rmSync(outDir, { recursive: true, force: true });
  const reference = results.find((result) => result.tool === 'nps score').seconds;
  return { rows, bytes, xlsxBytes: xlsx === undefined ? null : statSync(xlsx).size, parquetBytes: parquet === undefined ? null : statSync(parquet).size, counts: expected, results: results.map((result) => ({ ...result, ratioToNpsScore: result.seconds / reference })) };
}

function table(size) {
  const workbook = size.xlsxBytes === null ? '' : ` (as .xlsx: ${mb(size.xlsxBytes)} MB)`;
  const columnar = size.parquetBytes === null ? '' : ` (as .parquet: ${mb(size.parquetBytes)} MB)`;
  const lines = [`${size.rows.toLocaleString('en-US')} rows, ${mb(size.bytes)} MB${workbook}${columnar}; counts agreed: ${JSON.stringify(size.counts)}`];
  const head = ['tool', 'median s', 'rows/s', 'MB/s', 'peak RSS MB', '× nps score'];
  const rows = size.results.map((result) => [
    result.tool,
    result.seconds.toFixed(2),
    Math.round(size.rows / result.seconds).toLocaleString('en-US'),
    (result.bytes / 1e6 / result.seconds).toFixed(0),
    result.peakRssBytes === null ? 'n/a' : mb(result.peakRssBytes),
    result.ratioToNpsScore.toFixed(2),
  ]);
  const widths = head.map((_, column) => Math.max(...[head, ...rows].map((row) => row[column].length)));
  for (const row of [head, ...rows]) lines.push(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  return lines.join('\n');
}

/** Every command on an everyday file, against Node starting and doing nothing (`node -e 0`): what a person waits for. */
function everydayTools(file, other, outDir) {
  return [
    { name: 'node -e 0', command: node('-e', '0'), reference: true },
    { name: 'nps --help', command: nps('--help') },
    { name: 'nps score', command: nps('score', file, '--json', '-q') },
    { name: 'nps columns', command: nps('columns', file) },
    { name: 'nps segment --out', command: nps('segment', file, '--out', outDir, '--force', '-q') },
    { name: 'nps themes', command: nps('themes', file, '--json', '-q') },
    { name: 'nps report', command: nps('report', file, '--out', join(outDir, 'report.html'), '--force', '-q') },
    { name: 'nps drivers', command: nps('drivers', file, '--json', '-q') },
    { name: 'nps compare', command: nps('compare', file, other, '--json', '-q') },
  ];
}

async function benchEveryday(rows) {
  const dataDir = join(root, 'bench', 'data');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `everyday-${rows}-v${GENERATOR_VERSION}.csv`);
  const other = join(dataDir, `everyday-${rows}-v${GENERATOR_VERSION}-b.csv`);
  if (!existsSync(file)) await generate(file, rows);
  if (!existsSync(other)) await generate(other, rows, 7);
  const outDir = mkdtempSync(join(tmpdir(), 'nps-bench-everyday-'));
  const list = everydayTools(file, other, outDir);
  const times = list.map(() => []);
  const rss = list.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    for (const [index, tool] of list.entries()) {
      const result = await runOnce(tool.command, false);
      times[index].push(result.seconds);
      if (result.rss !== undefined) rss[index].push(result.rss);
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  const results = list.map((tool, index) => ({ tool: tool.name, seconds: median(times[index]), peakRssBytes: rss[index].length ? Math.max(...rss[index]) : null, runs: times[index] }));
  const reference = results[0]?.seconds ?? 1;
  return { rows, bytes: statSync(file).size, results: results.map((result) => ({ ...result, ratioToNode: result.seconds / reference })) };
}

function everydayTable(size) {
  const lines = [`Everyday: ${size.rows.toLocaleString('en-US')} rows, ${(size.bytes / 1e3).toFixed(0)} KB`];
  const head = ['command', 'median s', '× node -e 0', 'peak RSS MB'];
  const rows = size.results.map((result) => [result.tool, result.seconds.toFixed(2), result.ratioToNode.toFixed(1), result.peakRssBytes === null ? 'n/a' : mb(result.peakRssBytes)]);
  const widths = head.map((_, column) => Math.max(...[head, ...rows].map((row) => row[column].length)));
  for (const row of [head, ...rows]) lines.push(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  return lines.join('\n');
}

const everydayDone = [];
for (const rows of EVERYDAY_ROWS) everydayDone.push(await benchEveryday(rows));
const sizesDone = [];
for (const rows of sizes) sizesDone.push(await benchSize(rows));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'unknown';
console.log(`nps benchmark, commit ${commit}, ${machine}, median of ${runs} runs\n`);
for (const size of everydayDone) console.log(`${everydayTable(size)}\n`);
for (const size of sizesDone) console.log(`${table(size)}\n`);
if (only === undefined) console.log(`Timed: nps, the floors${hasCommand('mlr') ? ', Miller' : ''}${hasDuckdb ? ', DuckDB' : ''}.`);
else console.log(`Timed (--only): ${sizesDone[0]?.results.map((result) => result.tool).join(', ') ?? 'the everyday commands'}.`);
if (!hasCommand('mlr')) console.log('Miller not timed: install it with `apt-get install miller`.');
if (!hasDuckdb) console.log('DuckDB not timed: install it with `npm install --no-save @duckdb/node-api`.');
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const out = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${commit}.json`);
writeFileSync(out, `${JSON.stringify({ commit, machine, runs, everyday: everydayDone, sizes: sizesDone }, null, 2)}\n`);
console.log(`results written to ${out}`);
