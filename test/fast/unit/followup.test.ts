import { describe, expect, it } from 'vitest';
import { byStatusThenUrgency, describeStatus, dueStatus, respondBy, TopList, type Ranked } from '../../../src/core/followup.js';
import { whyNotQuotable } from '../../../src/core/quotable.js';
import { seededRandom } from '../../../src/core/random.js';
import { fixedClock, UTC, zoneClock } from '../../../src/core/clock.js';
import { compileTemplate, DEFAULT_TEMPLATES, TemplateError } from '../../../src/core/templates.js';

const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const settings = { slaMs: 24 * 3_600_000, today: day('2026-11-10'), clock: UTC };

describe('respond_by and status', () => {
  it('writes the due moment as a person works to it', () => {
    expect(respondBy(Date.parse('2025-12-20T08:53:35Z'), settings.slaMs, UTC)).toBe('2025-12-21 08:53 UTC');
    expect(respondBy(undefined, settings.slaMs, UTC)).toBe('');
  });

  it('counts due days and writes due moments on the team\'s clock', () => {
    const pacific = fixedClock(-480);
    // Answered at 20:00 on the 9th in California: 04:00 on the 10th in UTC.
    const answered = Date.parse('2026-11-10T04:00:00Z');
    expect(respondBy(answered, settings.slaMs, pacific)).toBe('2026-11-10 20:00 UTC-08:00');
    expect(describeStatus(dueStatus(answered, { ...settings, clock: pacific, today: day('2026-11-10') }))).toBe('due today');
    expect(describeStatus(dueStatus(answered, settings))).toBe('new');
    const paris = zoneClock('Europe/Paris');
    if (paris === undefined) throw new Error('the runtime knows no Europe/Paris');
    // Summer time in July (+02:00), winter time in January (+01:00).
    expect(respondBy(Date.parse('2026-07-01T10:00:00Z'), 0, paris)).toBe('2026-07-01 12:00 Europe/Paris');
    expect(respondBy(Date.parse('2026-01-01T10:00:00Z'), 0, paris)).toBe('2026-01-01 11:00 Europe/Paris');
  });

  it.each([
    ['2026-11-05T10:00:00Z', 'overdue by 4 days'],
    ['2026-11-08T23:59:00Z', 'overdue by 1 day'],
    ['2026-11-09T10:00:00Z', 'due today'],
    ['2026-11-10T10:00:00Z', 'new'],
  ])('an answer of %s is %s on 2026-11-10 with a 24-hour SLA', (answered, status) => {
    expect(describeStatus(dueStatus(Date.parse(answered), settings))).toBe(status);
  });

  it('orders overdue first, then due today, then new, then undated; by urgency within each', () => {
    const row = (score: number, answered: string | undefined, order: number): Ranked => ({
      score,
      value: undefined,
      time: answered === undefined ? undefined : Date.parse(answered),
      order,
    });
    const rows = [row(0, '2026-11-10T09:00:00Z', 1), row(6, '2026-11-01T09:00:00Z', 2), row(3, undefined, 3), row(2, '2026-11-09T09:00:00Z', 4), row(1, '2026-11-02T09:00:00Z', 5)];
    expect(rows.sort(byStatusThenUrgency(settings)).map((entry) => entry.order)).toEqual([5, 2, 4, 1, 3]);
  });
});

describe('testimonial candidates', () => {
  // The comments of the report that found the old rule wrong both ways.
  it.each([
    ['Saves us hours every week.', 'en'],
    ['Does exactly what we need.', 'en'],
    ['The automation rules alone pay for the subscription.', 'en'],
    ['Einfach zu bedienen, spart uns viel Zeit.', 'de'],
    ['Support answered within the hour and fixed it the same day.', 'en'],
  ])('%j is praise a company could quote', (comment, language) => {
    expect(whyNotQuotable(comment, language)).toBeUndefined();
  });

  it.each([
    ['Support takes 3+ days to answer a ticket.', 'complaint'],
    ['Would love a mobile app.', 'request'],
    ['Needs better reporting and custom dashboards', 'request'],
    ['Great, but it crashes', 'caveat'],
    ['As long as the price stays, I stay.', 'conditional'],
    ['Love it', 'vague'],
    ['It does the job', 'faint'],
    ['The courier was lovely and carried it upstairs.', 'third-party'],
    ['Call me on 0176 555 01234 for a reference, great service.', 'personal-data'],
    ['Sarah Whitfield in billing sorted my refund, amazing!', 'personal-data'],
    ['We use it for client onboarding.', 'not-praise'],
    ['', 'empty'],
    ['Great service, friendly staff and quick answers. '.repeat(25), 'long'],
  ])('%j is not: %s', (comment, why) => {
    expect(whyNotQuotable(comment, 'en')).toBe(why);
  });

  it.each([
    ['The dashboard is brilliant, dark mode would make it unbeatable.', 'en', 'request'],
    ['La app es buenísima, solo le añadiría pagos con tarjeta.', 'es', 'request'],
    ['Curso excelente, podiam abrir uma turma aos sábados.', 'pt', 'request'],
    ['Superbe appli, un mode hors ligne la rendrait parfaite.', 'fr', 'request'],
    ['Tolles Tool, ein Export nach Excel wäre schön.', 'de', 'request'],
    ['Brilliant, the update logged everyone out during payroll 🙃', 'en', 'not-praise'],
    ['Great service on order #48213, arrived a day early.', 'en', 'personal-data'],
  ])('%j wishes, mocks or names an order, whatever its words of praise (%s)', (comment, language, why) => {
    expect(whyNotQuotable(comment, language)).toBe(why);
  });

  it.each([
    ['Would recommend the onboarding team to any clinic, they set us up in a day.', 'en'],
    ['La mejor panadería del barrio, el pan siempre recién hecho.', 'es'],
    ['Sans frais et rapide, le virement arrive en quelques minutes.', 'fr'],
  ])('%j is praise: "would recommend", a bakery and fees are no wish', (comment, language) => {
    expect(whyNotQuotable(comment, language)).toBeUndefined();
  });

  it('a pasted token of 140,000 characters is too long to quote, and is not searched', () => {
    expect(whyNotQuotable('x9'.repeat(70_000), 'en')).toBe('long');
  });
});

describe('message templates', () => {
  const fill = (template: string, columns: string[], cells: string[]): string => compileTemplate('promoters', template, columns).fill(cells);

  it('read naturally with a first name and without one', () => {
    expect(fill(DEFAULT_TEMPLATES.passives, ['first_name'], ['Ann'])).toBe(
      'Thank you for your feedback, Ann. What would we need to do to earn a 9 or 10 from you next time?',
    );
    expect(fill(DEFAULT_TEMPLATES.passives, ['first_name'], [''])).toBe('Thank you for your feedback. What would we need to do to earn a 9 or 10 from you next time?');
    expect(fill(DEFAULT_TEMPLATES.passives, ['email'], ['a@x.com'])).toBe('Thank you for your feedback. What would we need to do to earn a 9 or 10 from you next time?');
  });

  it('finds the first name under the names exports give it', () => {
    for (const column of ['First Name', 'firstname', 'RecipientFirstName', 'given_name']) {
      expect(fill('Hi[[ {first_name}]]!', [column], ['Bo'])).toBe('Hi Bo!');
    }
  });

  it('refuses a placeholder naming no column outside an optional group, and stray braces', () => {
    expect(() => fill('Hi {nickname}', ['email'], [''])).toThrow(TemplateError);
    expect(() => fill('Hi {}', ['email'], [''])).toThrow('has a { or } that is not a placeholder');
    expect(fill('Hi {nickname|friend}', ['email'], [''])).toBe('Hi friend');
  });
});

describe('the first items of a stream', () => {
  it('are the first of a stable sort of them all, however the stream is cut into parts', () => {
    const random = seededRandom(11);
    for (let run = 0; run < 200; run += 1) {
      const items = Array.from({ length: Math.floor(random() * 300) }, (_, at) => ({ key: Math.floor(random() * 20), at }));
      const size = 1 + Math.floor(random() * 25);
      const order = (a: { key: number }, b: { key: number }): number => a.key - b.key;
      const cut = Math.floor(random() * items.length);
      const [first, second] = [new TopList(size, order), new TopList(size, order)];
      for (const item of items.slice(0, cut)) first.add(item);
      for (const item of items.slice(cut)) second.add(item);
      first.addAll(second.result());
      expect(first.result()).toEqual([...items].sort(order).slice(0, size));
    }
  });
});
