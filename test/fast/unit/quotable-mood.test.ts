import { describe, expect, it } from 'vitest';
import { whyNotQuotable } from '../../../src/core/quotable.js';

describe('a wish told by the mood of its verb', () => {
  it.each([
    ['The dashboard is brilliant, dark mode would make it unbeatable.', 'en'],
    ['Fantastic payroll tool, it could use a proper API.', 'en'],
    ['La app es buenísima, solo le añadiría pagos con tarjeta.', 'es'],
    ['Me encanta, me gustaría una versión para tablet.', 'es'],
    ['Curso excelente, podiam abrir uma turma aos sábados.', 'pt'],
    ['Ótimo app, seria perfeito com modo escuro.', 'pt'],
    ['Superbe appli, un mode hors ligne la rendrait parfaite.', 'fr'],
    ['Tolles Tool, ein Export nach Excel wäre schön.', 'de'],
    ['Lovely booking app. Top of my wishlist: reminders by text.', 'en'],
    ['Great clinic, and I am counting on the weekend hours coming back.', 'en'],
    ['Hotel lindo, só faltava uma cafeteira no quarto.', 'pt'],
    ['Todo perfecto, solo le faltó un cargador en la habitación.', 'es'],
  ])('%j asks for something (%s)', (comment, language) => {
    expect(whyNotQuotable(comment, language)).toBe('request');
  });

  it.each([
    ['I would definitely recommend them to any clinic, setup took a day.', 'en'],
    ['Great onboarding, I would highly recommend the payroll module.', 'en'],
    ['Would buy again, the desk arrived the next day.', 'en'],
    ['I could not be happier with the accounting module.', 'en'],
    ['Lo recomendaría a cualquier empresa, la facturación es rapidísima.', 'es'],
    ['Las categorías de gastos son muy claras y fáciles de usar.', 'es'],
    ['Voltaria com certeza, o atendimento foi rápido e atencioso.', 'pt'],
    ['Não podia ser melhor, a entrega chegou no dia seguinte.', 'pt'],
    ['A cafeteria do hotel é excelente e o café da manhã é farto.', 'pt'],
    ['Mes enfants adoraient les moniteurs, très patients et souriants.', 'fr'],
    ['Hätte nicht besser sein können, die Lieferung kam am nächsten Tag.', 'de'],
    ['Alles nach Wunsch erledigt, schnell und freundlich.', 'de'],
    ['Happy customer 2015-2024, the invoices are always right.', 'en'],
    ['Staff met all our criteria and the pizzeria next to reception is great.', 'und'],
  ])('%j is no wish (%s)', (comment, language) => {
    expect(whyNotQuotable(comment, language)).not.toBe('request');
    expect(whyNotQuotable(comment, language)).not.toBe('personal-data');
  });
});

describe('irony', () => {
  it.each(['Oh sure, a three-hour wait is exactly what I wanted.', 'Yeah right, "instant" transfers that took two days.', 'Great, the app logged me out at the till 🙄'])('%j is no praise', (comment) => {
    expect(whyNotQuotable(comment, 'en')).toBe('not-praise');
  });

  it('does not take "Oh, great staff" for irony', () => {
    expect(whyNotQuotable('Oh, great staff: they fixed my boiler the same day.', 'en')).toBeUndefined();
  });
});
