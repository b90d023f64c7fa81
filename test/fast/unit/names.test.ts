import { describe, expect, it } from 'vitest';
import { emailOf, nameColumnsOf, nameFromEmail, personName, splitFullName } from '../../../src/core/names.js';

describe('a full name in one cell', () => {
  it.each([
    ['Lisa Taylor', 'Lisa', 'Taylor'],
    ['Taylor, Lisa', 'Lisa', 'Taylor'],
    ['Taylor, Lisa M.', 'Lisa', 'Taylor'],
    ['Lisa', 'Lisa', ''],
    ['  lisa   taylor ', 'Lisa', 'Taylor'],
    ['LISA TAYLOR', 'Lisa', 'Taylor'],
    ['Dr. Lisa Taylor', 'Lisa', 'Taylor'],
    ['Dr Taylor', '', 'Taylor'],
    ['élodie durand', 'Élodie', 'Durand'],
    ['mary-jane watson', 'Mary-Jane', 'Watson'],
    ['Juan de la Cruz', 'Juan', 'de la Cruz'],
    ['Ronan McDonald', 'Ronan', 'McDonald'],
    ['lisa.taylor@example.com', 'Lisa', 'Taylor'],
    ['12345', '', ''],
    ['', '', ''],
  ])('%j is first %j, last %j', (text, first, last) => {
    expect(splitFullName(text)).toEqual({ first, last });
  });
});

describe('a name spelt in an email', () => {
  it.each([
    ['lisa.taylor@acme.example', 'Lisa', 'Taylor'],
    ['LISA_TAYLOR@acme.example', 'Lisa', 'Taylor'],
    ['jean-luc.picard+nps@acme.example', 'Jean-Luc', 'Picard'],
    ['lisa-taylor@acme.example', 'Lisa', 'Taylor'],
    ['customer-care.team@acme.example', '', ''],
    ['lisa@acme.example', '', ''],
    ['jsmith@acme.example', '', ''],
    ['support.team@acme.example', '', ''],
    ['no-reply@acme.example', '', ''],
    ['lisa.t2@acme.example', '', ''],
    ['j.smith@acme.example', '', ''],
  ])('%j gives first %j, last %j', (email, first, last) => {
    expect(nameFromEmail(email)).toEqual({ first, last });
  });
});

describe('a row\'s name, from the columns it has', () => {
  it('finds the columns by their headers', () => {
    expect(nameColumnsOf(['Response ID', 'Email', 'First Name', 'Score'])).toEqual({ first: 2, last: undefined, full: undefined, email: 1 });
    expect(nameColumnsOf(['RecipientLastName', 'RecipientFirstName', 'RecipientEmail'])).toEqual({ first: 1, last: 0, full: undefined, email: 2 });
    expect(nameColumnsOf(['id', 'Name', 'end_user.email'])).toEqual({ first: undefined, last: undefined, full: 1, email: 2 });
    expect(nameColumnsOf(['id', 'score'])).toEqual({ first: undefined, last: undefined, full: undefined, email: undefined });
  });

  it('prefers first- and last-name columns, then a full name, then the email', () => {
    const columns = nameColumnsOf(['First Name', 'Last Name', 'Name', 'Email']);
    expect(personName(['ann', 'Lee', 'Annie Leigh', 'x@y.z'], columns)).toEqual({ first: 'Ann', last: 'Lee' });
    expect(personName(['', '', 'Taylor, Lisa', 'x@y.z'], columns)).toEqual({ first: 'Lisa', last: 'Taylor' });
    expect(personName(['', '', '', 'raj.patel@example.com'], columns)).toEqual({ first: 'Raj', last: 'Patel' });
    expect(personName(['', '', '', 'jsmith@example.com'], columns)).toEqual({ first: '', last: '' });
    expect(emailOf(['', '', '', 'raj.patel@example.com'], columns)).toBe('raj.patel@example.com');
    expect(emailOf(['', '', '', 'not an email'], columns)).toBe('');
  });
});
