import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, runBin, tempDir, type RunResult } from '../helpers.js';
import { part, repeatedPart, rowXml, SHEET_START, STRINGS_START, workbookOf } from '../workbooks.js';

/**
 * Hostile inputs that take a real process to show: workbooks built here to inflate to
 * gigabytes. Each run has a small heap (a run that needed the gigabytes would abort)
 * and a deadline; none takes more than a few seconds once the limits hold.
 */
const HEAP_MB = 256;
const DEADLINE_MS = 15_000;

async function runBounded(args: readonly string[], cwd: string, env: Record<string, string> = {}, heapMb = HEAP_MB): Promise<RunResult & { ms: number }> {
  const started = Date.now();
  const result = await runBin(args, { cwd, env, nodeOptions: [`--max-old-space-size=${heapMb}`], killAfterMs: DEADLINE_MS });
  return { ...result, ms: Date.now() - started };
}

const HEADER_ROW = rowXml(1, ['email', 'score', 'comment']);
/** 4,000 identical rows: repeated, they deflate about 270 to 1. */
const ROWS = Array.from({ length: 4000 }, () => '<row><c t="inlineStr"><is><t>u@x.com</t></is></c><c><v>9</v></c></row>').join('');
const SHEET_PATH = 'xl/worksheets/sheet1.xml';

describe('zip bombs', () => {
  it('a 20 MB workbook whose sheet inflates to 6.1 GB is refused at once', async () => {
    const dir = await tempDir();
    const sheet = repeatedPart(SHEET_PATH, { prefix: `${SHEET_START}<sheetData>${HEADER_ROW}`, unit: ROWS, times: Math.ceil(6.1e9 / ROWS.length), suffix: '</sheetData></worksheet>' });
    await writeFile(join(dir, 'bomb.xlsx'), workbookOf(sheet));
    const result = await runBounded(['score', 'bomb.xlsx'], dir);
    expect(result.stderr).toMatch(/^nps: error: bomb\.xlsx: "xl\/worksheets\/sheet1\.xml" would unzip from \d+ MB to [\d,]+ MB, \d+ times its size, as a zip bomb does; if you trust the file, set NPS_UNZIP_RATIO above \d+ \(docs\/messages\.md\)\n$/);
    expect(result.code).toBe(2);
    expect(result.ms).toBeLessThan(DEADLINE_MS);
  });

  it.each([
    ['in a cell of the sheet', 'inline'],
    ['in the table of shared texts', 'shared'],
  ])('a 2 MB workbook whose one comment inflates to 2 GB %s is refused, in a small heap', async (_where, kind) => {
    const dir = await tempDir();
    const text = { unit: 'a'.repeat(1 << 20), times: 2048 };
    const row2 = '<row r="2"><c r="A2" t="inlineStr"><is><t>a@x.com</t></is></c><c r="B2"><v>3</v></c>';
    const book =
      kind === 'inline'
        ? workbookOf(repeatedPart(SHEET_PATH, { prefix: `${SHEET_START}<sheetData>${HEADER_ROW}${row2}<c r="C2" t="inlineStr"><is><t>`, ...text, suffix: '</t></is></c></row></sheetData></worksheet>' }))
        : workbookOf(part(SHEET_PATH, `${SHEET_START}<sheetData>${HEADER_ROW}${row2}<c r="C2" t="s"><v>0</v></c></row></sheetData></worksheet>`), {
            sharedStrings: repeatedPart('xl/sharedStrings.xml', { prefix: `${STRINGS_START}<si><t>`, ...text, suffix: '</t></si></sst>' }),
          });
    await writeFile(join(dir, 'comment.xlsx'), book);
    for (const env of [{}, { NPS_UNZIP_RATIO: '100000', NPS_UNZIP_MB: '100000' }] as Array<Record<string, string>>) {
      const result = await runBounded(['segment', 'comment.xlsx', '-c', 'detractors'], dir, env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^nps: error: comment\.xlsx: .*(as a zip bomb does|it holds a text longer than 16,777,216 characters, where a cell holds at most 32,767|too large to hold in memory)/);
      expect(result.ms).toBeLessThan(DEADLINE_MS);
    }
  });

  it('a part declaring 1 KB that inflates to 2 GB stops at its first kilobytes', async () => {
    const dir = await tempDir();
    const sheet = repeatedPart(SHEET_PATH, { prefix: `${SHEET_START}<sheetData>${HEADER_ROW}`, unit: ROWS, times: Math.ceil(2e9 / ROWS.length), suffix: '</sheetData></worksheet>' }, 1024);
    await writeFile(join(dir, 'lies.xlsx'), workbookOf(sheet));
    const result = await runBounded(['score', 'lies.xlsx'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(xl/worksheets/sheet1.xml: it unzips to more than the 1,024 bytes its zip directory declares)');
    expect(result.ms).toBeLessThan(DEADLINE_MS);
  });
});

describe('a declared dimension is not a promise', () => {
  it.each([['score'], ['segment']])('%s reads a 2-column, 100,000-row sheet declaring A1:XFD1048576 in seconds', async (command) => {
    const dir = await tempDir();
    const rows = Array.from({ length: 100_000 }, (_, index) => rowXml(index + 2, [`u${index}@x.com`, { n: String(index % 11) }])).join('');
    await writeFile(join(dir, 'wide.xlsx'), workbookOf(part(SHEET_PATH, `${SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>${rowXml(1, ['email', 'score'])}${rows}</sheetData></worksheet>`)));
    const result = await runBounded(command === 'score' ? ['score', 'wide.xlsx', '--json', '-q'] : ['segment', 'wide.xlsx', '--out', 'lists', '-q'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(DEADLINE_MS);
    if (command === 'score') expect(JSON.parse(result.stdout)).toMatchObject({ responses: 100_000 });
  });
});

describe('one stray quote in a large one-column file', () => {
  it.each([['1'], ['2']])('reads 2,000,000 lines after it in seconds, with %s thread(s)', async (threads) => {
    const dir = await tempDir();
    const rows = ['score', '"9', ...Array.from({ length: 2_000_000 }, (_, index) => `${index % 11}          `)];
    await writeFile(join(dir, 'one-column.csv'), `${rows.join('\n')}\n`);
    // With two threads, read in parts whatever its size (24 MB, under the default for reading in parts).
    const env: Record<string, string> = threads === '2' ? { NPS_THREADS: threads, NPS_PARALLEL_MIN_BYTES: '0' } : { NPS_THREADS: threads };
    const result = await runBounded(['score', 'one-column.csv', '--json'], dir, env, 1024);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ responses: 2_000_000, rejected: 1 });
    expect(result.stderr).toContain('one-column.csv line 2: a quote opens a field and is never closed');
    expect(result.ms).toBeLessThan(DEADLINE_MS);
  });
});

/** A 64 KB tmpfs in a mount namespace of its own (a user namespace: no root needed where the system allows them). */
const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /tmp'], { encoding: 'utf8' }).status === 0;

describe('a full disk', () => {
  it.skipIf(!canMount)('report into a full disk exits 5 and leaves no lock: the next run, once space is freed, writes', async () => {
    const dir = await tempDir();
    const disk = join(dir, 'disk');
    await mkdir(disk);
    await writeFile(join(dir, 'survey.csv'), await readFile(fixture('report-sample.csv')));
    const report = `node "${BIN}" report survey.csv --out disk/r.html -q`;
    // Room for the report (about 18 KB), none for the lock: the disk fills while the lock is written.
    const script = `mount -t tmpfs -o size=64k tmpfs disk && dd if=/dev/zero of=disk/fill bs=4k count=11 2>/dev/null; ${report}; echo "exit $?"; ls -A disk; rm disk/fill; ${report}; echo "exit $?"; ls -A disk`;
    const result = spawnSync('unshare', ['-rm', 'sh', '-c', script], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toMatch(/^nps: error: cannot write .*disk\/(\.nps\.lock|r\.html): the disk is full\n$/);
    expect(result.stdout).toBe('exit 5\nfill\nexit 0\nr.html\n');
  });
});
