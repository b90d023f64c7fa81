import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, createPendingFile, discardFiles } from '../../../src/output/write/files.js';
import { pendingLedger } from '../../../src/output/write/ledger.js';
import { fixture, run, tempDir } from '../../helpers.js';

/** Hostile and broken inputs: nothing lost, nothing leaked, no stack trace. */
const counts = (stdout: string): Record<string, number> => JSON.parse(stdout) as Record<string, number>;
const noTrace = (stderr: string): void => expect(stderr).not.toMatch(/\n\s+at /);

describe('line endings, wherever they change', () => {
  it('reads LF rows after a CRLF header', async () => {
    const result = await run(['score', '-', '--json', '-q'], { stdin: 'email,score\r\na@x.com,9\nb@x.com,10\nc@x.com,0\n' });
    expect(counts(result.stdout)).toMatchObject({ rows: 3, promoters: 2, detractors: 1 });
  });

  it('reads a CRLF export with LF rows appended, and CR-only lines', async () => {
    const crlf = Array.from({ length: 100 }, (_, index) => `r${index},${index % 11}`).join('\r\n');
    const lf = Array.from({ length: 6 }, (_, index) => `s${index},9`).join('\n');
    const result = await run(['score', '-', '--json', '-q'], { stdin: `id,score\r\n${crlf}\r\n${lf}\nt1,10\rt2,0\r` });
    expect(counts(result.stdout)).toMatchObject({ rows: 108, responses: 108 });
  });

  it('joins a CR and an LF that arrive in separate chunks', async () => {
    const result = await run(['score', '-', '--json', '-q'], { stdin: ['id,score\r', '\n1,9\r', '\n2,0\r', '\n'] });
    expect(counts(result.stdout)).toMatchObject({ rows: 2, promoters: 1, detractors: 1 });
  });

  it('reads a header longer than 64 KiB with CR line endings', async () => {
    const header = ['score', ...Array.from({ length: 9000 }, (_, index) => `column number ${index}`)].join(',');
    const row = (score: number): string => [String(score), ...Array.from({ length: 9000 }, () => 'x')].join(',');
    const result = await run(['score', '-', '--json', '-q'], { stdin: `${header}\r${row(9)}\r${row(3)}\r` });
    expect(header.length).toBeGreaterThan(65_536);
    expect(counts(result.stdout)).toMatchObject({ rows: 2, promoters: 1, detractors: 1 });
  });

  it('counts lines right across mixed endings', async () => {
    const result = await run(['score', '-', '-q'], { stdin: 'id,score\r\n1,9\n2,x\r3,10\r\n4,y\n' });
    expect(result.stderr).toContain('nps: stdin line 3: rejected: score "x"');
    expect(result.stderr).toContain('nps: stdin line 5: rejected: score "y"');
  });
});

describe('an unclosed quote in mid-file', () => {
  it('takes no valid answer with it, says where it opens and where it stops, and fails --strict', async () => {
    const input = 'id,score,comment\n1,9,"oops\n2,10,ok\n3,0,fine\n4,5,"bad"\n5,6,x\n';
    const result = await run(['score', '-', '--json'], { stdin: input });
    expect(counts(result.stdout)).toMatchObject({ rows: 5, responses: 5, rejected: 0 });
    expect(result.stderr).toContain(
      'nps: warning: stdin line 2: a quote opens a field and does not close properly before line 5 (4 lines); ' +
        'it was read as a plain character, and the lines after it as the rows they are',
    );
    expect((await run(['score', '-', '--strict', '-q'], { stdin: input })).code).toBe(3);
  });

  it('on the last line of a file with no final line break, says the quote never closes, and where it opened', async () => {
    for (const input of ['id,score,comment\n1,9,ok\n2,3,"never closed', 'email,score\nu2@x.com,9\n"u1@x.com,3']) {
      const result = await run(['score', '-', '--json'], { stdin: input });
      expect(counts(result.stdout)).toMatchObject({ rows: 2, responses: 2 });
      expect(result.stderr).toContain('nps: warning: stdin line 3: a quote opens a field and is never closed; it was read as a plain character');
      expect(result.stderr).not.toContain('followed by more text');
      expect((await run(['score', '-', '--strict', '-q'], { stdin: input })).code).toBe(3);
    }
    // A quoted word followed by more text is still that.
    const kept = await run(['score', '-', '-q'], { stdin: 'id,score,comment\n1,9,"Native" interactive graphics' });
    expect(kept.stderr).toContain('1 field starts with a quoted word followed by more text (line 2)');
  });

  it('says "never closed" only where it is true', async () => {
    const result = await run(['score', '-', '-q'], { stdin: 'id,score,comment\n1,9,"a comment\nover lines"\n2,10,"oops\n3,0,x\n' });
    expect(result.stderr).toContain('stdin line 4: a quote opens a field and is never closed');
    expect(result.stderr).not.toContain('line 2: a quote');
  });
});

describe('--dedupe follows the one date policy', () => {
  it('keeps the newest answer of dotted and slashed day-first dates', async () => {
    // a: 10 on 1 February, 0 on 15 January; b: 0 on 20 January, 10 on 15 January.
    const latest = await run(['score', 'fixtures/repeat-dotted-dates.csv', '--dedupe', 'latest', '--json', '-q']);
    expect(counts(latest.stdout)).toMatchObject({ promoters: 1, detractors: 1, duplicates: 2 });
    const first = await run(['score', 'fixtures/repeat-dotted-dates.csv', '--dedupe', 'first', '--json', '-q']);
    expect(counts(first.stdout)).toMatchObject({ promoters: 1, detractors: 1, duplicates: 2 });
    const lists = await run(['segment', 'fixtures/repeat-dotted-dates.csv', '--window', 'all', '--dedupe', 'latest', '-c', 'promoters', '-q']);
    expect(lists.stdout).toContain('a@example.com,01.02.2026,10');
  });
});

describe('CSV injection', () => {
  it('compare --moved-to neutralises cells and headers, and takes --raw', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.csv'), 'email,score,=cmd|note\nx@x.com,10,a\n');
    await writeFile(join(dir, 'b.csv'), 'email,score,=cmd|note\nx@x.com,0,=HYPERLINK("http://evil")\n');
    const moved = await run(['compare', 'a.csv', 'b.csv', '--moved-to', 'detractors', '-q'], { cwd: dir });
    expect(moved.stdout).toBe(`email,score,'=cmd|note,previous_category,nps_category\nx@x.com,0,"'=HYPERLINK(""http://evil"")",promoters,detractors\n`);
    const raw = await run(['compare', 'a.csv', 'b.csv', '--moved-to', 'detractors', '-q', '--raw'], { cwd: dir });
    expect(raw.stdout).toContain('x@x.com,0,"=HYPERLINK(');
  });
});

describe('ordinary conditions of the machine: one line, a documented code, no trace', () => {
  it.each([
    [['report', 'fixtures/sample.csv', '--out', 'nodir/r.html'], 2, 'cannot write nodir/r.html: the folder nodir does not exist'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '--out', 'afile/lists'], 2, 'cannot create the folder afile/lists: a part of the path is a file, not a folder'],
    [['report', 'fixtures/sample.csv', '--out', 'adir', '--force'], 2, 'adir is a folder; give the name of a file to write'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '--out', 'lists', '--force'], 2, 'lists/promoters.csv is a folder; give the name of a file to write'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '--out', '/proc/nps-test'], 2, 'cannot create the folder /proc/nps-test: no such file or folder'],
    [['report', 'fixtures/sample.csv', '--out', '/dev/null', '--force'], 2, '/dev/null is not a regular file (a device or a pipe); nps writes only files'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '-c', 'promoters', '--sla', '100000000d'], 2, '--sla takes hours or days up to 100 years, such as 24h or 2d, not "100000000d"'],
  ])('%j', async (args, code, message) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'afile'), 'a file');
    await mkdir(join(cwd, 'adir'));
    await mkdir(join(cwd, 'lists', 'promoters.csv'), { recursive: true });
    const result = await run(args.map((arg) => (arg.startsWith('fixtures/') ? fixture(arg.slice(9)) : arg)), { cwd });
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('nps: error:'))).toEqual([`nps: error: ${message}`]);
    noTrace(result.stderr);
  });

  it('removes the temporary files of runs that were killed, and never collides with one', async () => {
    const out = await tempDir();
    await writeFile(join(out, '.promoters.csv.999999999.deadbeef.tmp'), 'left by a killed run');
    const result = await run(['segment', fixture('sample.csv'), '--window', 'all', '--out', out, '-q']);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['detractors.csv', 'passives.csv', 'promoters.csv', 'suggestions.csv']);
  });
});

describe('two runs writing into one folder', () => {
  it('refuses to move a list over one that appeared since the start, and leaves no mixed set', async () => {
    const out = await tempDir();
    const files = ['promoters', 'passives', 'detractors'].map((name) => createPendingFile(join(out, `${name}.csv`), `${name}.csv`));
    for (const file of files) file.stream.end(`mine: ${file.shown}\n`);
    await Promise.all(files.map((file) => new Promise<void>((resolve) => file.stream.on('close', () => resolve()))));
    // Another run finished its passives meanwhile.
    await writeFile(join(out, 'passives.csv'), 'theirs');
    await expect(commitFiles(files, false)).rejects.toThrow('passives.csv appeared while nps was writing it (another run?); nothing was replaced');
    await discardFiles(files);
    expect(await readdir(out)).toEqual(['passives.csv']);
    expect(await readFile(join(out, 'passives.csv'), 'utf8')).toBe('theirs');
  });
});

describe('a ledger saved from a spreadsheet while nps runs', () => {
  it('is not written over: neither the ledger nor the lists move, no backup is made', async () => {
    const dir = await tempDir();
    const ledger = join(dir, 'followup.csv');
    await writeFile(ledger, 'case_id,status\r\nR1,new\r\n');
    const read = await stat(ledger);
    const list = createPendingFile(join(dir, 'detractors.csv'), 'detractors.csv');
    list.stream.end('case_id\nR2\n');
    await new Promise<void>((resolve) => list.stream.on('close', () => resolve()));
    const stamp = { size: read.size, mtimeMs: read.mtimeMs, ino: read.ino };
    const next = await pendingLedger(ledger, 'followup.csv', 'case_id,status\r\nR1,new\r\nR2,new\r\n', { backup: `${ledger}.bak`, stamp });
    // The team saves its edit meanwhile.
    await writeFile(ledger, 'case_id,status\r\nR1,contacted\r\n');
    await expect(commitFiles([list, next], true)).rejects.toThrow('followup.csv changed while nps was running (saved from a spreadsheet?); nothing was written: run nps again');
    await discardFiles([list, next]);
    expect(await readdir(dir)).toEqual(['followup.csv']);
    expect(await readFile(ledger, 'utf8')).toBe('case_id,status\r\nR1,contacted\r\n');
  });

  it('is replaced whole when unchanged, the previous version kept as FILE.bak', async () => {
    const dir = await tempDir();
    const ledger = join(dir, 'followup.csv');
    await writeFile(ledger, 'case_id,status\r\nR1,contacted\r\n');
    const read = await stat(ledger);
    const next = await pendingLedger(ledger, 'followup.csv', 'case_id,status\r\nR1,contacted\r\nR2,new\r\n', {
      backup: `${ledger}.bak`,
      stamp: { size: read.size, mtimeMs: read.mtimeMs, ino: read.ino },
    });
    await commitFiles([next], true);
    expect((await readdir(dir)).sort()).toEqual(['followup.csv', 'followup.csv.bak']);
    expect(await readFile(ledger, 'utf8')).toBe('case_id,status\r\nR1,contacted\r\nR2,new\r\n');
    expect(await readFile(`${ledger}.bak`, 'utf8')).toBe('case_id,status\r\nR1,contacted\r\n');
  });
});

describe('the lock of a folder', () => {
  const pending = async (out: string): Promise<ReturnType<typeof createPendingFile>> => {
    const file = createPendingFile(join(out, 'report.html'), 'report.html');
    file.stream.end('<html></html>');
    await new Promise<void>((resolve) => file.stream.on('close', () => resolve()));
    return file;
  };

  it('a lock whose process is gone, or that holds no process and is old, is stale: removed, and said', async () => {
    for (const [content, age] of [['999999999', 0], ['', 60_000]] as const) {
      const out = await tempDir();
      await writeFile(join(out, '.nps.lock'), content);
      const old = new Date(Date.now() - age);
      await utimes(join(out, '.nps.lock'), old, old);
      const said: string[] = [];
      await commitFiles([await pending(out)], false, (text) => said.push(text));
      expect(await readdir(out)).toEqual(['report.html']);
      expect(said).toEqual([
        `removed the lock ${join(out, '.nps.lock')}, left by an nps run that ended${content === '' ? '' : ' (process 999999999)'} without removing it`,
      ]);
    }
  });

  it('a lock held by a live process is waited for, then refused, and left as it is', async () => {
    const out = await tempDir();
    await writeFile(join(out, '.nps.lock'), String(process.ppid));
    const file = await pending(out);
    await expect(commitFiles([file], false)).rejects.toThrow(`another nps run is writing into ${out}; try again when it is done`);
    await discardFiles([file]);
    expect(await readdir(out)).toEqual(['.nps.lock']);
  });
});

describe('the 1..11 check cannot be defeated', () => {
  it.each([
    ['one "abc" row', 'abc'],
    ['"11.0"', '11.0'],
    ['"11 - label"', '11 - Extremely likely'],
  ])('still asks when the file has %s', async (_what, odd) => {
    const rows = ['1', '5', '8', '10', '11', '11', odd, '9', '11'].map((score, index) => `${index},${score}`).join('\n');
    const result = await run(['score', '-', '-q'], { stdin: `id,score\n${rows}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('this looks like a 0-10 question coded 1-11');
  });

  it('reads the scores as they are with --score-offset 0', async () => {
    const result = await run(['score', '-', '--score-offset', '0', '--json', '-q'], { stdin: 'id,score\n1,5\n2,11\n3,10\n' });
    expect(counts(result.stdout)).toMatchObject({ responses: 2, rejected: 1 });
  });
});

describe('text from the input never reaches the terminal raw', () => {
  it('shows control characters in tables and messages as escapes', async () => {
    const dir = await tempDir();
    const name = 'evil\u001b]0;owned\u0007.csv';
    await writeFile(join(dir, name), 'plan,score\n\u001b[2Jpro,9\nfree\u009b31m,3\n');
    const result = await run(['score', name, '--by', 'plan'], { cwd: dir });
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).not.toContain('\u009b');
    expect(result.stdout).toContain('\\u001b[2Jpro');
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).toContain('evil\\u001b]0;owned\\u0007.csv');
  });
});

describe('no hang', () => {
  it('--dedupe refuses a pipe at once, and /dev/stdin', async () => {
    const dir = await tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const fifo = await run(['score', 'fifo', '--dedupe', 'latest'], { cwd: dir });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toBe('nps: error: fifo: --dedupe reads its input twice, so it needs a regular file, not a pipe or a device; save it to a file first\n');
    const stdin = await run(['score', '/dev/stdin', '--dedupe', 'latest'], { stdin: 'email,score\na@x.com,9\n' });
    expect(stdin.code).toBe(2);
  });

  it('reads a 100,000-column header', async () => {
    const header = ['score', ...Array.from({ length: 100_000 }, (_, index) => `c${index}`)].join(',');
    const rows = Array.from({ length: 5 }, (_, index) => [String(index * 2 + 1), ...Array.from({ length: 100_000 }, () => '')].join(','));
    const result = await run(['segment', '-', '--window', 'all', '-c', 'promoters', '-q'], { stdin: `${header}\n${rows.join('\n')}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(3);
  });
});

describe('options taken as they are written, or refused', () => {
  it.each([
    [['score', 'fixtures/sample.csv', '--fail-under', '0x10'], '--fail-under takes a number from -100 to 100, not "0x10"'],
    [['score', 'fixtures/sample.csv', '--min-n', '1.5'], '--min-n takes a whole number 1 or more, not "1.5"'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '-c', 'promoters', '--sample', '1.5'], '--sample takes a whole number 1 or more, not "1.5"'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '-c', 'promoters', '--sample', '2', '--seed', '1.5'], '--seed takes a whole number from 0 to 4294967295, not "1.5"'],
    [['score', 'fixtures/sample.csv', '--score-offset', '0.5'], '--score-offset takes a whole number from -10 to 10, not "0.5"'],
    [['score', 'fixtures/sample.csv', '--by', ''], '--by takes column names, such as plan or plan,region, not ""'],
    [['segment', 'fixtures/sample.csv', '--window', 'all', '--out', ''], '--out takes the name of a folder, not an empty text'],
  ])('%j', async (args, message) => {
    const result = await run([...args, '-q']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`nps: error: ${message}\n`);
  });

  it('refuses a template with an empty placeholder', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 't.json'), '{"promoters": "Hi {}"}');
    const result = await run(['segment', fixture('sample.csv'), '--window', 'all', '-c', 'promoters', '--templates', 't.json', '-q'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: the promoters message template has a { or } that is not a placeholder such as {first_name} (in "Hi {}")');
  });
});

describe('the side files are read as carefully as the survey', () => {
  const survey = 'email,score,comment\nu1@x.com,2,bad\nu2@x.com,3,meh\nu3@x.com,9,great\n';

  it('an --exclude list with a stray quote says so, with its line, and fails --strict', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'survey.csv'), survey);
    await writeFile(join(dir, 'exclude.csv'), 'email\n"u1@x.com\nu3@x.com\n');
    const result = await run(['segment', 'survey.csv', '--exclude', 'exclude.csv', '-c', 'detractors'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nps: warning: exclude.csv line 2: a quote opens a field and is never closed; it was read as a plain character');
    const strict = await run(['segment', 'survey.csv', '--exclude', 'exclude.csv', '-c', 'detractors', '--strict'], { cwd: dir });
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('nps: warning: --strict: 1 quote was read leniently');
  });

  it('a --customers file with ragged rows and an unclosed quote draws the survey\'s warnings and rejections, and fails --strict', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'survey.csv'), survey);
    await writeFile(join(dir, 'customers.csv'), 'email,plan\nu1@x.com,pro\nu2@x.com,free,extra\nu3@x.com,"team');
    const result = await run(['segment', 'survey.csv', '--customers', 'customers.csv', '--join-on', 'email', '-c', 'detractors', '--strict'], { cwd: dir });
    expect(result.stderr).toContain('nps: customers.csv line 3: rejected: has 3 fields but the header has 2');
    expect(result.stderr).toContain('nps: warning: customers.csv line 4: a quote opens a field and is never closed');
    expect(result.stderr).toContain('nps: warning: --strict: 1 row was rejected and 1 quote was read leniently');
    expect(result.code).toBe(3);
    // The survey's own accounting is the survey's: the customers' rows are not rows read.
    expect(result.stderr).toContain('nps: 3 rows read = 3 scored + 0 blank + 0 rejected');
  });
});

describe('bidirectional controls', () => {
  // "\u202Emoc.elpmaxe@nimda" shows as "admin@example.com" backwards-forwards: a name that reads as another.
  const spoof = '\u202Emoc.elpmaxe@nimda';
  const input = `email,plan,score,comment\n${spoof},pro\u2066x\u2069,2,fine \u061Cok\n b@x.com,free,9,great\n`;

  it('are shown visibly on the terminal, as other control characters are', async () => {
    const result = await run(['score', '-', '--by', 'plan'], { stdin: input });
    expect(result.stdout).not.toMatch(/[\u061c\u202a-\u202e\u2066-\u2069]/);
    expect(result.stdout).toContain('pro\\u2066x\\u2069');
    const detractors = await run(['segment', '-', '-c', 'detractors', '-f', 'json'], { stdin: input, tty: true });
    expect(detractors.stderr).not.toMatch(/[\u061c\u202a-\u202e\u2066-\u2069]/);
  });

  it('are neutralised in CSV lists as formula cells are, and kept with --raw', async () => {
    const lists = await run(['segment', '-', '-c', 'detractors', '-q'], { stdin: input });
    expect(lists.stdout).not.toMatch(/[\u061c\u202a-\u202e\u2066-\u2069]/);
    expect(lists.stdout).toContain('\\u202emoc.elpmaxe@nimda,pro\\u2066x\\u2069,2,fine \\u061cok');
    const raw = await run(['segment', '-', '-c', 'detractors', '-q', '--raw'], { stdin: input });
    expect(raw.stdout).toContain(`${spoof},pro\u2066x\u2069,2`);
  });

  it('are isolated in the report, so that they reorder nothing around them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'survey.csv'), input);
    const result = await run(['report', 'survey.csv', '--by', 'plan', '--out', 'r.html', '-q'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain(`<td><bdi>${spoof}</bdi></td>`);
    expect(html).toContain('>\u2068pro\u2066x\u2069\u2069 (1)</text>');
    // Every control in the page stands inside an isolate: a <bdi> in the page, U+2068…U+2069 in the charts' text.
    const outside = html.replace(/<bdi>[^<]*<\/bdi>|\u2068[^\u2068]*?\u2069\u2069/g, '');
    expect(outside).not.toMatch(/[\u061c\u202a-\u202e\u2066-\u2069]/);
  });
});
