import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cutToWidth, LINE_WIDTH, plainTable } from '../../../src/output/render/plain-table.js';

const widest = (text: string): number => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('cutToWidth', () => {
  it('keeps text that fits, and cuts the rest with an ellipsis at the given width', () => {
    expect(cutToWidth('Acme', 10)).toBe('Acme');
    expect(cutToWidth('Northwind Logistics', 10)).toBe('Northwind…');
    expect(stringWidth(cutToWidth('Northwind Logistics', 10))).toBe(10);
  });

  it('counts wide characters as two columns and never splits a character', () => {
    const cut = cutToWidth('株式会社ノースウィンド物流', 9);
    expect(cut).toBe('株式会社…');
    expect(stringWidth(cut)).toBeLessThanOrEqual(9);
    // An accent written as a combining mark stays with its letter.
    expect(cutToWidth('Société Générale des Eaux', 8)).toBe('Société…');
  });
});

describe('plainTable', () => {
  const longNames = ['Northwind Logistics International GmbH & Co. KG', 'Contoso Pharmaceuticals Research & Development Ltd', 'Acme'];

  it('cuts the columns it may, widest first, so that the table fits 80 columns', () => {
    const table = plainTable(['Company', 'n', 'NPS', 'Interval', 'vs rest', 'p'], [false, true, true, true, false, false], { fit: [0] });
    for (const name of longNames) table.push([name, 51, '+15.7', '-5.8 to +35.4', 'higher', '.001 (.002)']);
    const text = table.toString();
    expect(widest(text)).toBeLessThanOrEqual(LINE_WIDTH);
    expect(text).toContain('Northwind Logistics');
    expect(text).toContain('…');
    expect(text).toMatch(/^Acme\s+51/m);
  });

  it('leaves a table alone when it fits', () => {
    const table = plainTable(['Plan', 'n'], [false, true], { fit: [0] });
    table.push(['Enterprise Plus (annual, invoiced)', 48]);
    expect(table.toString()).toBe('Plan                                 n\nEnterprise Plus (annual, invoiced)  48');
  });

  it('drops the columns it may drop before cutting names to nothing', () => {
    const head = ['Owner', 'Plan', 'n', 'Prom.', 'Pass.', 'Detr.', 'NPS', 'Interval', 'vs rest', 'p (adj.)'];
    const table = plainTable(head, head.map((_, at) => at >= 2), { fit: [0, 1], drop: [3, 4, 5] });
    table.push(['Marie-Claire Dubois', 'Enterprise Plus (annual, invoiced)', 48, '50.0%', '29.2%', '20.8%', '+29.2', '+6.5 to +48.4', '', '']);
    const text = table.toString();
    expect(widest(text)).toBeLessThanOrEqual(LINE_WIDTH);
    expect(text).not.toContain('Prom.');
    expect(text).toContain('Marie-Claire');
  });
});
