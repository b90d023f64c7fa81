import { escapeXml } from './svg.js';

/** The report's table cells: text escaped, numbers right-aligned by their class. */

export const cell = (text: string | number, numeric = false): string => `<td${numeric ? ' class="num"' : ''}>${escapeXml(String(text))}</td>`;

/** A row of headers, each `[text, numeric?]`. */
export const headRow = (...headers: Array<[string, boolean?]>): string =>
  `<tr>${headers.map(([text, numeric]) => `<th${numeric ? ' class="num"' : ''}>${escapeXml(text)}</th>`).join('')}</tr>`;
