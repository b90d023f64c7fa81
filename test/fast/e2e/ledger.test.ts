import { parse } from 'csv-parse/sync';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../../helpers.js';

/**
 * Two Mondays of a team's follow-up (fixtures/make-followup.py writes the exports, the team's
 * edits and the truths, computed there from the rows as written). Week 1 creates the ledger; the
 * team edits it in a spreadsheet that saves Windows-1252 with semicolons; week 2 adds the new
 * answers and must keep every cell the team wrote.
 */
interface Edit {
  status: string;
  owner: string;
  note: string;
  contacted_on: string;
  resolved_on: string;
}
interface Team {
  edits: Record<string, Edit>;
  column: string;
  values: Record<string, string>;
}
interface Truths {
  week1: { today: string; cases: number; closed: number; new: number };
  week2: {
    today: string;
    added: number;
    cases: number;
    byStatus: Record<string, number>;
    byCategory: Record<string, Record<string, number>>;
    overdue: { count: number; first: string; longest: number };
    contactedWithinSla: { within: number; of: number; noDate: number; share: number | null };
    medianDaysToContact: number | null;
    resolvedSince: { since: string; count: number };
    previous: Record<string, string>;
  };
}

const truths = JSON.parse(await readFile(fixture('followup-truths.json'), 'utf8')) as Truths;
const team = JSON.parse(await readFile(fixture('followup-edits.json'), 'utf8')) as Team;

/** Windows-1252 beyond Latin-1: the characters of bytes 0x80 to 0x9F. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const high = CP1252_HIGH.indexOf(char);
      if (high !== -1) return 0x80 + high;
      const code = char.codePointAt(0) ?? 0;
      if (code > 0xff) throw new Error(`${char} is not in Windows-1252`);
      return code;
    }),
  );
}

/** As a European spreadsheet saves a table: semicolons, CRLF, quotes where a cell needs them. */
function spreadsheetCsv(rows: readonly (readonly string[])[]): string {
  const field = (cell: string): string => (/[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return rows.map((row) => row.map(field).join(';')).join('\r\n') + '\r\n';
}

const readCsv = async (path: string): Promise<string[][]> => parse(await readFile(path), { bom: true, relaxColumnCount: true }) as string[][];
const week1 = fixture('followup-week1.csv');
const week2 = fixture('followup-week2.csv');

/** The team's week: the ledger nps wrote, edited as `team` says and saved as Windows-1252 with semicolons; the rows as typed. */
async function editAsTheTeam(path: string): Promise<string[][]> {
  const [header = [], ...rows] = await readCsv(path);
  const at = (name: string): number => header.indexOf(name);
  const edited = [[...header, team.column]];
  for (const row of rows) {
    const caseId = row[at('case_id')] ?? '';
    const edit = team.edits[caseId];
    const cells = [...row, team.values[caseId] ?? ''];
    if (edit !== undefined) for (const [name, value] of Object.entries(edit)) cells[at(name)] = value;
    edited.push(cells);
  }
  await writeFile(path, windows1252(spreadsheetCsv(edited)));
  return edited;
}

describe('two Mondays with a ledger', () => {
  let dir = '';
  let typed: string[][] = [];
  let saved: Buffer = Buffer.alloc(0);
  let created: string[][] = [];
  let second = { code: -1, stdout: '', stderr: '' };

  beforeAll(async () => {
    dir = await tempDir();
    const first = await run(['segment', week1, '--ledger', 'followup.csv', '--out', 'week1', '--today', truths.week1.today], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    created = await readCsv(join(dir, 'followup.csv'));
    typed = await editAsTheTeam(join(dir, 'followup.csv'));
    saved = await readFile(join(dir, 'followup.csv'));
    second = await run(['segment', week2, '--ledger', 'followup.csv', '--out', 'week2', '--today', truths.week2.today], { cwd: dir });
  });

  it('week 1 creates the ledger: one case per answer, those older than two weeks closed', () => {
    const [header, ...rows] = created;
    expect(header?.slice(0, 13)).toEqual(['case_id', 'category', 'score', 'date', 'respondent', 'comment', 'respond_by', 'previous_case', 'status', 'owner', 'note', 'contacted_on', 'resolved_on']);
    expect(rows).toHaveLength(truths.week1.cases);
    const statuses = rows.map((row) => row[8]);
    expect(statuses.filter((status) => status === 'closed')).toHaveLength(truths.week1.closed);
    expect(statuses.filter((status) => status === 'new')).toHaveLength(truths.week1.new);
  });

  it('week 2 keeps every cell the team wrote, its own column too, text for text', async () => {
    expect(second.code, second.stderr).toBe(0);
    const [header = [], ...rows] = await readCsv(join(dir, 'followup.csv'));
    const [typedHeader = [], ...typedRows] = typed;
    // The team's header, in its order, then the column the new export brought.
    expect(header).toEqual([...typedHeader, 'Region']);
    expect(rows.slice(0, typedRows.length).map((row) => row.slice(0, typedHeader.length))).toEqual(typedRows);
    const note = rows.find((row) => row[0] === Object.keys(team.edits)[0])?.[header.indexOf('note')];
    expect(note).toBe(Object.values(team.edits)[0]?.note);
    expect(note).toMatch(/"never again".*€.*’.*\n/s);
  });

  it('keeps the previous version, byte for byte, as FILE.bak', async () => {
    expect(await readFile(join(dir, 'followup.csv.bak'))).toEqual(saved);
    expect(second.stderr).toContain('nps: wrote followup.csv (its previous version is followup.csv.bak)');
  });

  it('adds the new answers as new cases, each once, naming a repeat respondent\'s previous case', async () => {
    const [header = [], ...rows] = await readCsv(join(dir, 'followup.csv'));
    expect(rows).toHaveLength(truths.week2.cases);
    const added = rows.slice(truths.week1.cases);
    expect(added).toHaveLength(truths.week2.added);
    expect(added.every((row) => row[header.indexOf('status')] === 'new')).toBe(true);
    const ids = rows.map((row) => row[0]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [caseId, previous] of Object.entries(truths.week2.previous)) {
      expect(added.find((row) => row[0] === caseId)?.[header.indexOf('previous_case')]).toBe(previous);
    }
    expect(second.stderr).toContain(`nps: followup.csv: ${truths.week2.added} new cases`);
    expect(second.stderr).toContain('nps: followup.csv: added the column "Region" at the end');
  });

  it('adds nothing twice when run again on the same export', async () => {
    const again = await run(['segment', week2, '--ledger', 'followup.csv', '--today', truths.week2.today], { cwd: dir });
    expect(again.stderr).toContain(`nps: followup.csv: 0 new cases, ${truths.week2.cases} already in it; ${truths.week2.cases} cases in all`);
    const rows = (await readCsv(join(dir, 'followup.csv'))).slice(1);
    expect(rows).toHaveLength(truths.week2.cases);
  });

  it('lists what needs action now: the new cases and the open ones past due, the longest overdue first', async () => {
    const [header = [], ...detractors] = await readCsv(join(dir, 'week2', 'detractors.csv'));
    const due = detractors.map((row) => row[header.indexOf('due')] ?? '');
    expect(detractors[0]?.[0]).toBe(truths.week2.overdue.first);
    expect(due[0]).toBe(`overdue by ${truths.week2.overdue.longest} days`);
    const status = header.indexOf('status');
    expect(detractors.every((row) => ['new', 'contacted'].includes((row[status] ?? '').toLowerCase()))).toBe(true);
    const days = due.filter((text) => text.startsWith('overdue')).map((text) => Number(/\d+/.exec(text)?.[0]));
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('nps followup --json counts the statuses and the overdue cases', async () => {
    const result = await run(['followup', 'followup.csv', '--json', '--today', truths.week2.today], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & { overdue: { count: number; cases: Array<{ caseId: string; daysOverdue: number }> } };
    expect(report['byStatus']).toEqual(truths.week2.byStatus);
    expect(report['byCategory']).toEqual(truths.week2.byCategory);
    expect(report.overdue.count).toBe(truths.week2.overdue.count);
    expect(report.overdue.cases[0]).toMatchObject({ caseId: truths.week2.overdue.first, daysOverdue: truths.week2.overdue.longest });
    expect(report['contactedWithinSla']).toEqual(truths.week2.contactedWithinSla);
    expect(report['medianDaysToContact']).toBe(truths.week2.medianDaysToContact);
    expect(report['resolvedSince']).toEqual(truths.week2.resolvedSince);
  });

  it('reads the ledger as that team\'s spreadsheet saves it, as the docs show it', async () => {
    const result = await run(['followup', fixture('followup-ledger.csv'), '--json', '--today', truths.week2.today]);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report['byStatus']).toEqual(truths.week2.byStatus);
    expect(report['contactedWithinSla']).toEqual(truths.week2.contactedWithinSla);
  });
});

describe('a ledger that breaks its rules changes nothing', () => {
  async function broken(edit: (text: string) => string): Promise<{ dir: string; before: Buffer; result: { code: number; stderr: string } }> {
    const dir = await tempDir();
    const text = edit((await readFile(fixture('followup-ledger.csv'))).toString('latin1'));
    await writeFile(join(dir, 'followup.csv'), Buffer.from(text, 'latin1'));
    const before = await readFile(join(dir, 'followup.csv'));
    const result = await run(['segment', week2, '--ledger', 'followup.csv', '--out', 'lists', '--today', truths.week2.today], { cwd: dir });
    return { dir, before, result };
  }

  it.each([
    ['a status that is not one of the four', (text: string) => text.replace(';Contacted;', ';done;'), /followup\.csv line \d+: status "done" of case "R116" is not one of new, contacted, resolved, closed/],
    ['no case_id column', (text: string) => text.replace(/^case_id;/, 'id;'), /followup\.csv line 1: the ledger has no case_id column/],
    ['a case_id twice', (text: string) => text.replace(/\r\nR102;/, '\r\nR101;'), /followup\.csv line 3: case_id "R101" is already on line 2/],
  ])('%s: exit 2, the line named, the ledger as it was, no list, no backup', async (_, edit, message) => {
    const { dir, before, result } = await broken(edit);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await readFile(join(dir, 'followup.csv'))).toEqual(before);
    expect((await readdir(dir)).sort()).toEqual(['followup.csv']);
  });
});

describe('a ledger edited as teams do', () => {
  async function ledgerIn(dir: string, text: string): Promise<void> {
    await writeFile(join(dir, 'followup.csv'), Buffer.from(text, 'latin1'));
  }
  const saved = async (): Promise<string> => (await readFile(fixture('followup-ledger.csv'))).toString('latin1');

  it('finds its columns wherever the team moved them, whatever their case', async () => {
    const dir = await tempDir();
    const rows = (parse(await saved(), { delimiter: ';' }) as string[][]).map((row) => [row[10] ?? '', ...row.slice(0, 10), ...row.slice(11)]);
    rows[0] = (rows[0] ?? []).map((name) => (name === 'status' ? 'Status' : name));
    await ledgerIn(dir, spreadsheetCsv(rows));
    const result = await run(['segment', week2, '--ledger', 'followup.csv', '--today', truths.week2.today], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`nps: followup.csv: 0 new cases, ${truths.week2.cases} already in it`);
    expect((await readCsv(join(dir, 'followup.csv')))[0]?.slice(0, 3)).toEqual(['note', 'case_id', 'category']);
    const report = await run(['followup', 'followup.csv', '--json', '--today', truths.week2.today], { cwd: dir });
    expect((JSON.parse(report.stdout) as Record<string, unknown>)['byStatus']).toEqual(truths.week2.byStatus);
  });

  it('asks for --date-format when no day the team wrote tells day from month', async () => {
    const dir = await tempDir();
    await ledgerIn(dir, (await saved()).replaceAll('28/10/2026', '03/11/2026').replaceAll('13/11/2026', '12/11/2026'));
    const result = await run(['followup', 'followup.csv', '--today', truths.week2.today], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: followup.csv: dates such as 03/11/2026 could be month first or day first');
    const told = await run(['followup', 'followup.csv', '--json', '--today', truths.week2.today, '--date-format', 'd/m/yyyy'], { cwd: dir });
    expect((JSON.parse(told.stdout) as { resolvedSince: { count: number } }).resolvedSince.count).toBe(1);
  });

  it('says which dates it could not read, and counts them as not written', async () => {
    const dir = await tempDir();
    await ledgerIn(dir, (await saved()).replace('10/11/2026', 'yesterday'));
    const result = await run(['followup', 'followup.csv', '--today', truths.week2.today], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/nps: warning: followup\.csv: 1 date the team wrote could not be read as dates \(line \d+, contacted_on: "yesterday"\)/);
    const json = await run(['followup', 'followup.csv', '--json', '--today', truths.week2.today], { cwd: dir });
    expect((JSON.parse(json.stdout) as { unreadableDates: unknown }).unreadableDates).toEqual({ count: 1, first: [{ line: expect.any(Number) as number, column: 'contacted_on', text: 'yesterday' }] });
  });

  it('lists only the cases a run adds with --new-only: what an alert posts', async () => {
    const dir = await tempDir();
    expect((await run(['segment', week1, '--ledger', 'followup.csv', '--today', truths.week1.today], { cwd: dir })).code).toBe(0);
    const result = await run(['segment', week2, '--ledger', 'followup.csv', '--new-only', '-c', 'detractors', '--json', '-q', '--today', truths.week2.today], { cwd: dir });
    const listed = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((row) => Number(row['case_id']?.slice(1)) > 130 && row['category'] === 'detractors')).toBe(true);
    const again = await run(['segment', week2, '--ledger', 'followup.csv', '--new-only', '-c', 'detractors', '--json', '-q', '--today', truths.week2.today], { cwd: dir });
    expect(again.stdout).toBe('[]\n');
  });

  it('refuses --new-only without a ledger, and a workbook as the ledger', async () => {
    const dir = await tempDir();
    expect((await run(['segment', week2, '--new-only', '--json'])).stderr).toContain('--new-only lists the cases a run adds to a ledger: give --ledger FILE');
    const workbook = await run(['segment', week2, '--ledger', fixture('excel-plain.xlsx'), '--json'], { cwd: dir });
    expect(workbook.code).toBe(2);
    expect(workbook.stderr).toContain('the ledger is written back as CSV, and this is an Excel workbook: save it as CSV');
  });
});

describe('lists a CRM imports, from the ledger', () => {
  it('owns each task by the ledger\'s owner, due by its respond_by, in both presets', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'followup.csv'), await readFile(fixture('followup-ledger.csv')));
    const args = ['segment', week2, '--ledger', 'followup.csv', '-c', 'detractors', '-q', '--today', truths.week2.today];
    const hubspot = parse(await run([...args, '--preset', 'hubspot'], { cwd: dir }).then((result) => result.stdout), { columns: true }) as Array<Record<string, string>>;
    expect(hubspot[0]).toMatchObject({ 'NPS Score': '2', 'Task Title': 'NPS 2: reply personally to Leo Brun', 'Due Date': '2026-10-30 07:15', 'Assigned To': 'Ravi, Support' });
    const salesforce = await run([...args, '--preset', 'salesforce', '--columns', 'Email,ActivityDate,OwnerId'], { cwd: dir });
    expect(salesforce.stdout.split('\n').slice(0, 2)).toEqual(['Email,ActivityDate,OwnerId', 'leo@delta2.example,2026-10-30,"Ravi, Support"']);
  });
});

describe('the team\'s clock', () => {
  // fixtures/followup-pacific.csv: P1 (2) answered 2026-11-02 20:30 in California, 04:30 on the 3rd in UTC; P3 (4) at 23:45 on the 3rd.
  it('writes respond_by on the export\'s clock, and counts overdue on it in the lists and in followup', async () => {
    const dir = await tempDir();
    const lists = await run(['segment', fixture('followup-pacific.csv'), '--ledger', 'followup.csv', '-c', 'detractors', '--json', '--today', '2026-11-04'], { cwd: dir });
    expect(lists.code, lists.stderr).toBe(0);
    const rows = JSON.parse(lists.stdout) as Array<Record<string, string>>;
    expect(rows.map((row) => [row['case_id'], row['date'], row['respond_by'], row['due']])).toEqual([
      ['P1', '2026-11-02 20:30 UTC-08:00', '2026-11-03 20:30 UTC-08:00', 'overdue by 1 day'],
      ['P3', '2026-11-03 23:45 UTC-08:00', '2026-11-04 23:45 UTC-08:00', 'due today'],
    ]);
    const pacific = JSON.parse((await run(['followup', 'followup.csv', '--json', '--today', '2026-11-04'], { cwd: dir })).stdout) as { clock: string; overdue: { count: number } };
    expect(pacific).toMatchObject({ clock: 'UTC-08:00', overdue: { count: 1 } });
    // On UTC, P1's reply is due at 04:30 on the 4th: today, not overdue.
    const utc = JSON.parse((await run(['followup', 'followup.csv', '--json', '--today', '2026-11-04', '--tz', 'UTC'], { cwd: dir })).stdout) as { clock: string; overdue: { count: number } };
    expect(utc).toMatchObject({ clock: 'UTC', overdue: { count: 0 } });
  });

  it('follows --tz over the export\'s offset, and the ledger keeps the zone for followup', async () => {
    const dir = await tempDir();
    const args = ['segment', fixture('followup-pacific.csv'), '--ledger', 'followup.csv', '-c', 'detractors', '--json', '-q', '--today', '2026-11-04'];
    const rows = JSON.parse((await run([...args, '--tz', 'UTC'], { cwd: dir })).stdout) as Array<Record<string, string>>;
    // In UTC, P1 answered at 04:30 on the 3rd: its reply is due today, not overdue.
    expect(rows.map((row) => [row['case_id'], row['respond_by'], row['due']])).toEqual([
      ['P1', '2026-11-04 04:30 UTC', 'due today'],
      ['P3', '2026-11-05 07:45 UTC', 'due in 1 day'],
    ]);
    const tokyo = await tempDir();
    const east = JSON.parse((await run([...args, '--tz', 'Asia/Tokyo'], { cwd: tokyo })).stdout) as Array<Record<string, string>>;
    expect(east.map((row) => row['respond_by'])).toEqual(['2026-11-04 13:30 Asia/Tokyo', '2026-11-05 16:45 Asia/Tokyo']);
    const report = JSON.parse((await run(['followup', 'followup.csv', '--json', '--today', '2026-11-04'], { cwd: tokyo })).stdout) as { clock: string; overdue: { count: number } };
    expect(report).toMatchObject({ clock: 'Asia/Tokyo', overdue: { count: 0 } });
  });

  it('gives a CRM the due time on the team\'s clock', async () => {
    const result = await run(['segment', fixture('followup-pacific.csv'), '-c', 'detractors', '-q', '--today', '2026-11-04', '--preset', 'hubspot', '--columns', 'Email,Due Date']);
    expect(result.stdout).toBe('Email,Due Date\npat@acme.example,2026-11-03 20:30\nray@gamma.example,2026-11-04 23:45\n');
  });
});
