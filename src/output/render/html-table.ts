import { inputHtml } from './svg.js';

/** The report's table cells: text from the input escaped and isolated, numbers right-aligned by their class. */

export const cell = (text: string | number, numeric = false): string => `<td${numeric ? ' class="num"' : ''}>${inputHtml(String(text))}</td>`;

/** A row of headers, each `[text, numeric?]`. */
export const headRow = (...headers: Array<[string, boolean?]>): string =>
  `<tr>${headers.map(([text, numeric]) => `<th${numeric ? ' class="num"' : ''}>${inputHtml(text)}</th>`).join('')}</tr>`;
