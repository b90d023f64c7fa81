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
