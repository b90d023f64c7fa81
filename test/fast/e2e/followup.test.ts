import { parse } from 'csv-parse/sync';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/**
 * fixtures/followup-survey.csv (R1..R9) joined to fixtures/followup-customers.csv on email.
 * Detractors: R3 0 (Gamma, 8,000), R1 3 (Acme, $120,000), R4 3 (Delta, 90,000), R2 3 (Beta, 24,000).
 * Passives: R5 7 (Epsilon, 1,200), R6 8 (Phi, 30,000). Promoters: R7 10 (11-03), R8 9 (11-06, no customer), R9 10 (11-01, no customer).
 */
const SURVEY = 'fixtures/followup-survey.csv';
const JOINED = ['--customers', 'fixtures/followup-customers.csv', '--join-on', 'email'];

type Row = Record<string, string>;
async function lists(...args: string[]): Promise<{ code: number; stderr: string; rows: Record<string, Row[]> }> {
  const out = await tempDir();
  const result = await run(['segment', SURVEY, '--window', 'all', ...JOINED, '--out', out, ...args]);
  const rows: Record<string, Row[]> = {};
  if (result.code === 0) {
    for (const list of ['promoters', 'passives', 'detractors']) {
      rows[list] = parse(await readFile(join(out, `${list}.csv`)), { columns: true }) as Row[];
    }
  }
  return { code: result.code, stderr: result.stderr, rows };
}

describe('follow-up lists joined to a customer export', () => {
  it('orders detractors not yet due by score, then revenue, then recency, each with a reply deadline', async () => {
    // With 10 days to reply, none is due on 4 November.
    const { rows } = await lists('--value-column', 'ARR', '--sla', '10d', '--today', '2026-11-04');
    expect(rows['detractors']?.map((row) => [row['Response ID'], row['Company'], row['respond_by'], row['status']])).toEqual([
      ['R3', 'Gamma', '2026-11-11 08:00 UTC', 'new'],
      ['R1', 'Acme', '2026-11-12 09:00 UTC', 'new'],
      ['R4', 'Delta', '2026-11-14 12:00 UTC', 'new'],
      ['R2', 'Beta', '2026-11-13 10:00 UTC', 'new'],
    ]);
  });

  it('without a value column, equal scores come newest first', async () => {
    const { rows } = await lists('--sla', '10d', '--today', '2026-11-04');
    expect(rows['detractors']?.map((row) => row['Response ID'])).toEqual(['R3', 'R4', 'R2', 'R1']);
  });

  it('puts the longest overdue first, whatever the score or the revenue', async () => {
    const { rows } = await lists('--value-column', 'ARR', '--today', '2026-11-07');
    expect(rows['detractors']?.map((row) => [row['Response ID'], row['status']])).toEqual([
      ['R3', 'overdue by 5 days'],
      ['R1', 'overdue by 4 days'],
      ['R2', 'overdue by 3 days'],
      ['R4', 'overdue by 2 days'],
    ]);
  });

  it('lists promoters newest first; "Love it" and "Great" are too vague to quote as testimonials', async () => {
    const { rows } = await lists();
    expect(rows['promoters']?.map((row) => [row['Response ID'], row['testimonial_candidate']])).toEqual([
      ['R8', 'no'],
      ['R7', 'no'],
      ['R9', 'no'],
    ]);
  });

  it('reports the revenue at risk, unmatched responses and repeated customers', async () => {
    const { stderr } = await lists('--value-column', 'ARR');
    // Each customer's ARR once (joined on email, each respondent is a customer of their own here).
    expect(stderr).toContain('nps: revenue at risk (ARR, each customer once, by "Email"): 242,000 with detractors (4 accounts), 31,200 with passives (2), of 281,200 that answered');
    expect(stderr).toContain('nps: warning: 2 responses matched no customer in fixtures/followup-customers.csv; their customer columns are empty');
    expect(stderr).toContain(
      'nps: warning: 1 customer row in fixtures/followup-customers.csv repeats a value of "Email" seen before; the first row with each value was used',
    );
  });

  it('joins emails whatever their case, and takes survey_column=customer_column', async () => {
    const result = await run(['segment', SURVEY, '--window', 'all', '--customers', 'fixtures/followup-customers.csv', '--join-on', 'Email=email', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.find((row) => row['Response ID'] === 'R1')).toMatchObject({ Email: 'Ann@Acme.example', Company: 'Acme', 'Account Owner': 'Dana' });
  });

  it('fills a ready-to-send message from the default template', async () => {
    const { rows } = await lists();
    expect(rows['detractors']?.[0]?.['message']).toBe(
      "I'm sorry we let you down, Cy. I'd like to understand what went wrong and put it right: could we talk this week?",
    );
    expect(rows['promoters']?.[1]?.['message']).toBe(
      'Thank you for the 10, Gus! Would you share your experience in a short review, or introduce us to a colleague who could use it?',
    );
  });

  it('fills templates from a file, with customer columns', async () => {
    const { rows } = await lists('--templates', 'fixtures/followup-templates.json');
    expect(rows['detractors']?.[0]?.['message']).toBe('Hi Cy, this is Dana, who looks after Gamma. I read your 0: could we talk today?');
    expect(rows['promoters']?.[0]?.['message']).toBe('Thanks Hal! Would you leave us a review?');
    // Passives keep the default.
    expect(rows['passives']?.[0]?.['message']).toContain('What would we need to do to earn a 9 or 10');
  });

  it('follows --sla in respond_by and in the follow-up', async () => {
    const { rows } = await lists('--sla', '2d');
    expect(rows['detractors']?.[0]).toMatchObject({ respond_by: '2026-11-03 08:00 UTC', follow_up: 'Escalate and reply personally within 2 days' });
  });
});

describe('choosing whom to contact', () => {
  it('leaves out respondents already followed up', async () => {
    const { rows, stderr } = await lists('--exclude', 'fixtures/followup-exclude.csv');
    expect(rows['detractors']?.map((row) => row['Response ID'])).toEqual(['R3', 'R1', 'R4']);
    expect(stderr).toContain('nps: 1 response left out by --exclude');
    expect(stderr).toContain('nps: 9 rows read = 8 scored + 0 blank + 0 rejected + 1 excluded');
  });

  it('keeps a date range, both ends included', async () => {
    const { rows, stderr } = await lists('--since', '2026-11-02', '--until', '2026-11-04');
    expect(Object.fromEntries(Object.entries(rows).map(([list, listed]) => [list, listed.map((row) => row['Response ID'])]))).toEqual({
      promoters: ['R7'],
      passives: ['R5'],
      detractors: ['R1', 'R2', 'R4'],
    });
    expect(stderr).toContain('nps: 4 responses left out by --since/--until');
  });

  it('draws the same random sample for the same seed', async () => {
    const first = await lists('--sample', '1', '--seed', '7');
    const again = await lists('--sample', '1', '--seed', '7');
    expect(first.rows).toEqual(again.rows);
    expect(Object.values(first.rows).map((listed) => listed.length)).toEqual([1, 1, 1]);
    expect(first.stderr).toContain('nps: wrote 1 promoter of 3 (a sample, seed 7)');
    const other = await Promise.all([1, 2, 3, 4, 5].map((seed) => lists('--sample', '1', '--seed', String(seed))));
    const picks = new Set(other.map((run) => run.rows['detractors']?.[0]?.['Response ID']));
    expect(picks.size).toBeGreaterThan(1);
  });
});

describe('files that are safe to open', () => {
  const formula = '=HYPERLINK("http://x","click")';

  it('neutralises a formula in CSV for spreadsheets, and leaves JSON untouched', async () => {
    const { rows } = await lists();
    expect(rows['passives']?.[0]?.['Comment']).toBe(`'${formula}`);
    const json = await run(['segment', SURVEY, '--window', 'all', '-c', 'passives', '-f', 'json', '-q']);
    expect((JSON.parse(json.stdout) as Row[])[0]?.['Comment']).toBe(formula);
    const ndjson = await run(['segment', SURVEY, '--window', 'all', '-c', 'passives', '-f', 'ndjson', '-q']);
    expect((JSON.parse(ndjson.stdout.split('\n')[0] ?? '') as Row)['Comment']).toBe(formula);
  });

  it('writes the bytes as they were with --raw', async () => {
    const result = await run(['segment', SURVEY, '--window', 'all', '-c', 'passives', '--raw', '-q']);
    expect((parse(result.stdout, { columns: true }) as Row[])[0]?.['Comment']).toBe(formula);
  });
});

describe('mistakes get a clear message', () => {
  it.each([
    [['--templates', 'bad.json'], '{"detractors": 5}', '--templates bad.json: detractors: must be text'],
    [['--templates', 'bad.json'], '{"detractor": "Hi"}', '--templates bad.json: the file: Unrecognized key: "detractor" (detractor): only promoters, passives and detractors are allowed'],
    [['--templates', 'bad.json'], '{"passives": "Hi {nickname}"}', 'the passives message template uses {nickname}, and no column is called that'],
    [['--templates', 'bad.json'], 'not json', '--templates bad.json: not valid JSON'],
  ])('%j with %s', async (args, content, message) => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.json'), content);
    const result = await run(['segment', join(process.cwd(), SURVEY), '--window', 'all', '-c', 'passives', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`nps: error: ${message}`);
  });

  it.each([
    [['--customers', 'fixtures/followup-customers.csv'], '--customers and --join-on go together'],
    [['--sla', 'soon'], '--sla takes hours or days up to 100 years, such as 24h or 2d, not "soon"'],
    [['--value-column', 'MRR'], 'fixtures/followup-survey.csv: no column named "MRR" for --value-column'],
    [['--since', 'yesterday'], '--since takes a date such as 2026-10-31 or a number of days back such as 30d, not "yesterday"'],
  ])('%j', async (args, message) => {
    const result = await run(['segment', SURVEY, '--window', 'all', '-c', 'passives', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`nps: error: ${message}`);
  });
});

describe('messages greet people by their first name', () => {
  // fixtures/followup-names.csv (written by fixtures/make-followup.py): a "Name" column written every way people write
  // one, or only an email.
  const GREETED: Record<string, string> = { N1: 'Lisa', N2: 'Chidi', N3: 'Madonna', N4: 'Raj', N5: '', N6: 'Ana', N7: 'Élodie', N8: '' };

  it('takes the first name from a full name, "Last, First", a single name or an email that spells one', async () => {
    const result = await run(['segment', 'fixtures/followup-names.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      const first = GREETED[row['Response ID'] ?? ''] ?? 'missing';
      expect(row['message'], row['Name']).toBe(`I'm sorry we let you down${first === '' ? '' : `, ${first}`}. I'd like to understand what went wrong and put it right: could we talk this week?`);
    }
  });

  it('fills {first_name} in a template of one\'s own', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'hi.json'), JSON.stringify({ detractors: 'Hi {first_name|there}, I read your {score}.' }));
    const result = await run(['segment', join(process.cwd(), 'fixtures/followup-names.csv'), '--window', 'all', '-c', 'detractors', '-f', 'json', '-q', '--templates', 'hi.json'], { cwd: dir });
    const messages = Object.fromEntries((JSON.parse(result.stdout) as Row[]).map((row) => [row['Response ID'], row['message']]));
    expect(messages).toMatchObject({ N1: 'Hi Lisa, I read your 1.', N2: 'Hi Chidi, I read your 1.', N5: 'Hi there, I read your 6.' });
  });
});

describe('lists a CRM imports', () => {
  const csv = (stdout: string): Row[] => parse(stdout, { columns: true }) as Row[];
  const detractors = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    run(['segment', SURVEY, ...JOINED, '-c', 'detractors', '-q', '--today', '2026-11-04', ...args]);

  it('writes HubSpot\'s contact and task columns, the NPS as properties', async () => {
    const result = await detractors('--preset', 'hubspot');
    expect(result.stdout.split('\n')[0]).toBe('Email,First Name,Last Name,NPS Score,NPS Category,NPS Comment,Task Title,Due Date,Task Type,Priority,Assigned To,Notes');
    expect(csv(result.stdout)[0]).toEqual({
      Email: 'cy@gamma.example',
      'First Name': 'Cy',
      'Last Name': '',
      'NPS Score': '0',
      'NPS Category': 'Detractor',
      'NPS Comment': 'Data loss',
      'Task Title': 'NPS 0: reply personally to Cy',
      // The respond_by of the list, as a wall time on the team's clock.
      'Due Date': '2026-11-02 08:00',
      'Task Type': 'CALL',
      Priority: 'HIGH',
      // The customer's account owner, from --customers.
      'Assigned To': 'Dana',
      Notes: "I'm sorry we let you down, Cy. I'd like to understand what went wrong and put it right: could we talk this week?",
    });
  });

  it('writes Salesforce\'s API names, ActivityDate as a date, and due today for a group with no deadline', async () => {
    const result = await detractors('--preset', 'salesforce');
    expect(result.stdout.split('\n')[0]).toBe('Email,FirstName,LastName,NPS_Score__c,NPS_Category__c,NPS_Comment__c,Subject,ActivityDate,Priority,Status,OwnerId,Description');
    expect(csv(result.stdout).map((row) => [row['Email'], row['ActivityDate'], row['Priority'], row['Status'], row['OwnerId']])).toEqual([
      ['cy@gamma.example', '2026-11-02', 'High', 'Not Started', 'Dana'],
      ['Ann@Acme.example', '2026-11-03', 'High', 'Not Started', 'Dana'],
      ['bo@beta.example', '2026-11-04', 'High', 'Not Started', 'Eli'],
      ['di@delta.example', '2026-11-05', 'High', 'Not Started', 'Fox'],
    ]);
    const promoters = await run(['segment', SURVEY, '-c', 'promoters', '-q', '--today', '2026-11-04', '--preset', 'salesforce']);
    expect(csv(promoters.stdout).map((row) => [row['Subject'], row['ActivityDate'], row['Priority']])).toEqual([
      ['NPS 9: ask Hal for a referral or a review', '2026-11-04', 'Low'],
      ['NPS 10: ask Gus for a referral or a review', '2026-11-04', 'Low'],
      ['NPS 10: ask Ivy for a referral or a review', '2026-11-04', 'Low'],
    ]);
  });

  it('splits a full name and spells one from an email for the contact', async () => {
    const result = await run(['segment', 'fixtures/followup-names.csv', '--window', 'all', '-c', 'detractors', '-q', '--preset', 'hubspot', '--columns', 'Email,First Name,Last Name']);
    const names = Object.fromEntries(csv(result.stdout).map((row) => [row['Email'], [row['First Name'], row['Last Name']]]));
    expect(names).toEqual({
      'lisa.taylor@acme.example': ['Lisa', 'Taylor'],
      'c.okafor@beta.example': ['Chidi', 'Okafor'],
      'madonna@gamma.example': ['Madonna', ''],
      'raj.patel@delta.example': ['Raj', 'Patel'],
      'jsmith@epsilon.example': ['', ''],
      'ana@zeta.example': ['Ana', 'Lima'],
      'elodie@eta.example': ['Élodie', 'Durand'],
      'support@theta.example': ['', ''],
    });
  });

  it('writes the columns --columns names, in its order, found without regard to case or spaces', async () => {
    const result = await detractors('--columns', 'response id,first_name,Score,respond_by,message');
    expect(result.stdout.split('\n')[0]).toBe('Response ID,first_name,Score,respond_by,message');
    expect(csv(result.stdout)[1]).toMatchObject({ 'Response ID': 'R1', first_name: 'Ann', Score: '3', respond_by: '2026-11-03 09:00 UTC' });
    expect((await detractors('--preset', 'hubspot', '--columns', 'email,due date')).stdout.split('\n')[0]).toBe('Email,Due Date');
  });

  it('names the columns there are when --columns names one there is not', async () => {
    const result = await detractors('--columns', 'Email,Phone');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('nps: error: --columns: no column named "Phone"; the list\'s columns are: Response ID, Email, First Name,');
  });
});
