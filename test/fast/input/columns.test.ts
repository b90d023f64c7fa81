import { describe, expect, it } from 'vitest';
import { chooseColumns } from '../../../src/input/columns.js';
import { detectDelimiter } from '../../../src/input/csv.js';

describe('chooseColumns', () => {
  it.each([
    [['Email', 'Score'], 1],
    [['id', 'NPS'], 1],
    [['id', 'NPS Score'], 1],
    [['Rating', 'x'], 0],
    [['Likelihood to Recommend'], 0],
    [['Name', 'How likely are you to recommend Acme to a friend or colleague?'], 1],
  ])('finds the score in %j', (headers, index) => {
    expect(chooseColumns('f.csv', headers).columns.score).toBe(index);
  });

  it('picks, among several candidates, the only one that asks about recommending', () => {
    const choice = chooseColumns('f.csv', ['Would you recommend us?', 'rating', 'score']);
    expect(choice.columns.score).toBe(0);
    expect(choice.candidates.map((candidate) => candidate.index)).toEqual([0, 1, 2]);
  });

  it('stops, listing the candidates, when several could be the question', () => {
    expect(() => chooseColumns('f.csv', ['id', 'Product NPS', 'Support NPS'])).toThrow(
      'f.csv: 2 columns ask the NPS question: 2 "Product NPS", 3 "Support NPS"; choose one with --score-column NAME or NUMBER',
    );
  });

  it('never takes a Qualtrics NPS group column for the score', () => {
    expect(() => chooseColumns('f.csv', ['Q1_NPS_GROUP', 'Q2'])).toThrow('no score column found');
  });

  it('takes --score-column by name in any case, by number, or by a unique start', () => {
    const headers = ['score', 'Rating', 'How likely are you to recommend us?'];
    expect(chooseColumns('f.csv', headers, { scoreColumn: 'rating' }).columns.score).toBe(1);
    expect(chooseColumns('f.csv', headers, { scoreColumn: '3' }).columns.score).toBe(2);
    expect(chooseColumns('f.csv', headers, { scoreColumn: 'how likely' }).columns.score).toBe(2);
    expect(() => chooseColumns('f.csv', headers, { scoreColumn: '4' })).toThrow('--score-column 4: the file has 3 columns');
    expect(() => chooseColumns('f.csv', ['nps a', 'nps b'], { scoreColumn: 'nps' })).toThrow(
      '--score-column "nps" starts several headers: 1 "nps a", 2 "nps b"; give more of it, or its number',
    );
  });

  it('finds the optional respondent, comment and date columns', () => {
    const choice = chooseColumns('f.csv', ['Customer ID', 'Score', 'Comment', 'created_at', 'plan']);
    expect(choice.columns).toEqual({ score: 1, respondent: 0, comments: [2], date: 3, dateKind: 'text' });
  });

  it('names the headers it saw when no column looks like a score', () => {
    expect(() => chooseColumns('f.csv', ['email', 'satisfaction'])).toThrow(
      'f.csv: no score column found: no column holds 0-10 answers in its first rows; the headers are: 1 "email", 2 "satisfaction". ' +
        'Name the column with --score-column NAME or NUMBER (nps columns FILE shows them all)',
    );
  });

  it('lists at most ten headers, numbered, and counts the rest', () => {
    const headers = Array.from({ length: 52 }, (_, index) => `Question ${index + 1} about something long`);
    const message = ((): string => {
      try {
        chooseColumns('f.csv', headers);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('1 "Question 1 about something long", 2 "Question 2');
    expect(message).toContain('10 "Question 10 about something long", … (52 columns: nps columns FILE lists them all)');
    expect(message).not.toContain('Question 11');
    expect(message.length).toBeLessThan(700);
  });

  it.each([
    ['¿Qué tan probable es que recomiendes R a un colega?', 'es'],
    ['Quelle est la probabilité que vous recommandiez Acme à un ami ?', 'fr'],
    ['Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?', 'de'],
    ['Qual a probabilidade de você recomendar a Acme a um amigo?', 'pt'],
    ['Quanto è probabile che consiglieresti Acme a un amico?', 'it'],
    ['Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend?', 'nl'],
  ])('finds the recommend question %j (%s)', (question) => {
    expect(chooseColumns('f.csv', ['Marca temporal', question, 'Comentario']).columns.score).toBe(1);
  });

  it.each(['user_id', 'customer_id', 'respondent_id', 'sample_id', 'EmailAddress'])('finds the respondent column %j', (header) => {
    expect(chooseColumns('f.csv', ['score', header]).columns.respondent).toBe(1);
  });

  it('takes --respondent-column, named like the other column options', () => {
    expect(chooseColumns('f.csv', ['score', 'account', 'email'], { respondentColumn: 'account' }).columns.respondent).toBe(1);
  });
});

describe('choosing the comment column by what it holds', () => {
  const rows = (...columns: string[][]): string[][] =>
    Array.from({ length: Math.max(...columns.map((column) => column.length)) }, (_, row) => columns.map((column) => column[row] ?? ''));
  const scores = Array.from({ length: 20 }, (_, index) => String(index % 11));
  const comments = Array.from({ length: 20 }, (_, index) => `The onboarding took ${index + 2} days and support answered slowly`);

  it('passes over a header with "reason" in a word, and a "feedback" column of ratings', () => {
    const headers = ['score', 'InformationReasonableTime', 'valuable_feedback', 'Comments'];
    const sample = rows(scores, scores.map((score) => String((Number(score) % 5) + 1)), scores.map((score) => String((Number(score) % 6) + 1)), comments);
    expect(chooseColumns('f.csv', headers, {}, headers, sample).columns.comments).toEqual([3]);
  });

  it('passes over a multiple-choice question whose header mentions feedback', () => {
    const headers = ['score', 'Where did you give feedback before?', 'Tell us more'];
    const choices = scores.map((_, index) => ['Email', 'Phone', 'Chat'][index % 3] ?? '');
    expect(chooseColumns('f.csv', headers, {}, headers, rows(scores, choices, comments)).columns.comments).toEqual([2]);
  });

  it('uses both of two comment questions asked of different respondents', () => {
    const headers = ['score', "If you wouldn't recommend us, why?", 'If you would, why?'];
    const low = comments.map((text, index) => (index % 2 === 0 ? text : ''));
    const high = comments.map((text, index) => (index % 2 === 1 ? `Because ${text.toLowerCase()}` : ''));
    expect(chooseColumns('f.csv', headers, {}, headers, rows(scores, low, high)).columns.comments).toEqual([1, 2]);
  });

  it('takes a question whose answers are free text when no header names a comment', () => {
    const headers = ['score', 'Anything else you would like to tell the team?'];
    expect(chooseColumns('f.csv', headers, {}, headers, rows(scores, comments)).columns.comments).toEqual([1]);
  });

  it('keeps a column named exactly "comment" even when its comments repeat', () => {
    const repeated = scores.map((_, index) => ['Love it', 'Too pricey'][index % 2] ?? '');
    expect(chooseColumns('f.csv', ['score', 'comment'], {}, ['score', 'comment'], rows(scores, repeated)).columns.comments).toEqual([1]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['single', ','],
  ])('reads %j as delimited by %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
