import type { SheetInfo } from '../core/columns-report.js';
import { inputError } from '../errors.js';
import { keptColumns, QueuedRows } from './queued-rows.js';
import type { Source } from './source.js';
import { cellNumber, columnIndex, columnLetters, numberText, serialText, unescapeText } from './xlsx/values.js';
import { MAX_COLUMNS, MAX_TEXT_CHARS, textTooLong, type UnzipLimits } from './xlsx/limits.js';
import { damaged, partError, Workbook } from './xlsx/workbook.js';
import { xmlParser, XmlBytes, type OpenElements } from './xlsx/xml.js';
import { closesRow, scanCell, scanRowTag, type CellState, type RowTag } from './xlsx/shortcuts.js';
import { quote } from '../core/clip.js';
import { groupDigits } from '../core/digits.js';

export { columnIndex, columnLetters, formatKind, numberText, serialText } from './xlsx/values.js';
export { SharedStrings } from './xlsx/shared-strings.js';


/**
 * Reading an Excel workbook (.xlsx): a zip of XML parts. The zip is read from its
 * end (its central directory) with yauzl, which inflates one part at a time as a
 * stream; each part is parsed by a streaming XML reader (xlsx/xml.ts). The small parts
 * (the workbook's sheet list, the relationships, the styles) are read whole; the
 * shared strings table is held in memory, as every reader of the format must,
 * since any cell may refer to any string; the sheet itself is streamed row by row,
 * so memory does not grow with its rows. Cells and shared strings in the shape
 * nearly every writer gives them are read whole (xlsx/shortcuts.ts), the others
 * through the XML reader's events.
 *
 * Each row becomes an array of strings, as a CSV row would be, with cells at the
 * position of their column (A is the first), the missing ones empty: the read
 * pipeline cannot tell the two apart. Cells read as Excel's own "Save as CSV"
 * writes them, where it matters to `nps`: dates as ISO dates, numbers without the
 * float noise of their binary form, booleans as TRUE and FALSE, a formula as its
 * saved value.
 */

/** Columns a table may have right of its header row, unnamed, where its first rows have values (see `startTable`). */
const MAX_UNHEADED = 256;

const LESS_THAN = 0x3c;
const LOWER_C = 0x63;
const LOWER_R = 0x72;

/** The elements of a sheet whose attributes are read: the others' are not even parsed. */
const ATTRIBUTES_READ: ReadonlySet<string> = new Set(['c', 'row', 'dimension']);

/**
 * One sheet of a workbook read as rows of strings, with the same surface as
 * `CsvReader`: `header` is the first row that is not empty, `peekRows` and
 * `skipRows` serve headers over several rows, `forEachRow` streams the rest, and
 * `lineOfCurrentRow` gives the sheet's row number for messages.
 */
export class XlsxReader extends QueuedRows {
  readonly kind = 'xlsx' as const;
  header: string[] = [];
  /** Bytes of the sheet's XML read so far, and in all: for progress. */
  bytesRead = 0;
  readonly size: number;
  /** Formula cells with no saved value (the program that wrote the file did not calculate them): read as empty. */
  formulasWithoutValue = 0;
  /** Cells left of the table's first column, which the sheet's own dimension says hold nothing: not read. */
  cellsOutside = 0;
  /** Cells of the header row more than MAX_UNHEADED columns right of the others: not part of the table. */
  headerCellsLeftOut = 0;
  private readonly parser: XmlBytes;
  private hasHeader = false;
  private done = false;
  /** The row being read, and the row being handled (a pending row's number, while its handler runs). */
  private row: string[] = [];
  private rowNumber = 0;
  /** The sheet read first, when this one was found to hold the responses instead. */
  foundFrom: string | undefined;
  private headerRow = 0;
  private rowFilled = false;
  private handledRow = 0;
  private cell: CellState = { column: -1, type: 'n', style: 0, value: '', index: -1, hasValue: false, formula: false };
  private readonly rowTag: RowTag = { number: Number.NaN, empty: false };
  /** Which text is being gathered: a cell's value, or a text run of an inline string. */
  private capture: 'v' | 't' | undefined;
  private inInline = false;
  private phonetic = false;
  /** A cell opened by the XML reader's events is open: a cell inside it is theirs too (see `wholeRowsAt`). */
  private inCell = false;
  private text = '';
  /** The sheet's used range, as its `dimension` says: the columns Excel's own CSV of the sheet would have. */
  private dimension: { first: number; last: number } | undefined;
  /** How wide the first rows may make the table: the used range, at most MAX_UNHEADED columns past the header. */
  private widest = 0;
  /** Rows with a value right of the table, handed over one cell past it: that value's real column. */
  private readonly beyond = new WeakMap<readonly string[], number>();
  /** The table's first column: its header's first, or the used range's when that starts further left. */
  private origin = 0;
  /** An error thrown by the row handler, passed on as it is rather than taken for a damaged file. */
  private handlerError: unknown;
  /** The sheet's columns (1) whose cells are not made text, by sheet column (see `readOnly`); undefined for none. */
  private skipped: Uint8Array | undefined;

  private constructor(
    private readonly workbook: Workbook,
    readonly sheet: SheetInfo,
    private readonly part: string,
    private readonly chunks: AsyncGenerator<Buffer>,
    /** Stops inflating the sheet: its rows are read, or reading stopped early. */
    private readonly closePart: () => void,
    size: number,
  ) {
    super();
    this.size = size;
    this.parser = new XmlBytes(
      xmlParser(
        {
          open: (name, attributes) => this.onOpen(name, attributes),
          close: (name) => this.onClose(name),
          text: (text) => this.onText(text),
        },
        ATTRIBUTES_READ,
        (input, lt, elements) => this.wholeRowsAt(input, lt, elements),
      ),
    );
  }

  /** Opens the workbook in `source` and its sheet `wanted` (or the first), far enough to know the header. */
  static async open(source: Source, wanted: string | undefined, limits: UnzipLimits): Promise<XlsxReader> {
    const workbook = await Workbook.open(source, limits);
    let reader: XlsxReader | undefined;
    try {
      const sheet = workbook.chooseSheet(wanted);
      const part = workbook.partOf(sheet);
      const { chunks, size, close } = await workbook.openPart(part);
      reader = new XlsxReader(workbook, sheet, part, chunks, close, size);
      while (!reader.hasHeader && (await reader.pump()));
      if (!reader.hasHeader) {
        const others = workbook.sheets.length > 1 ? ` (the workbook has ${workbook.sheets.length} sheets: --sheet chooses another)` : '';
        throw inputError(`${reader.where}: the sheet is empty (no header row)${others}`);
      }
      return reader;
    } catch (error) {
      if (reader === undefined) workbook.close();
      else reader.close();
      throw damaged(source.name, error);
    }
  }

  get name(): string {
    return this.workbook.name;
  }

  /** The file and the sheet, as messages name them. */
  get where(): string {
    return `${this.name}, sheet ${quote(this.sheet.name)}`;
  }

  get sheets(): readonly SheetInfo[] {
    return this.workbook.sheets;
  }

  /**
   * From now on, makes text only of these columns' cells (columns of the table), the
   * others left empty: for a read that looks at a few columns of every row. A row's
   * first value, cells left of the table and cells right of it are still read, so that
   * which rows are blank, which are too wide and what the warnings count stay as they
   * were. Rows read already keep every cell.
   */
  readOnly(columns: readonly number[]): void {
    const kept = keptColumns(columns, this.header.length);
    if (kept === undefined) {
      this.skipped = undefined;
      return;
    }
    // By sheet column: those left of the table (before its origin) are never skipped.
    const skipped = new Uint8Array(this.origin + kept.length);
    kept.forEach((keep, column) => (skipped[column + this.origin] = 1 - keep));
    this.skipped = skipped;
  }

  /** The sheet's letters for a column of the table (which may start right of column A). */
  columnName(index: number): string {
    return columnLetters(index + this.origin);
  }

  /** A waiting row's number while its handler runs; past them, each row sets its own as it is read. */
  protected headerPosition(): number {
    return this.headerRow;
  }

  protected handling(row: number | undefined): void {
    if (row !== undefined) this.handledRow = row;
  }

  /** The sheet row number of the row being handled. */
  lineOfCurrentRow(): number {
    return this.handledRow;
  }

  close(): void {
    this.done = true;
    this.closePart();
    this.workbook.close();
  }

  /** What is worth saying about the sheet once read. */
  warnings(): string[] {
    const warnings: string[] = [];
    const count = this.formulasWithoutValue;
    if (count > 0) {
      warnings.push(
        `${this.where}: ${groupDigits(count)} formula ${count === 1 ? 'cell has' : 'cells have'} no saved value ` +
          '(the program that wrote the file did not calculate them) and read as empty; open the file in Excel and save it again',
      );
    }
    if (this.cellsOutside > 0) {
      warnings.push(
        `${this.where}: ${groupDigits(this.cellsOutside)} ${this.cellsOutside === 1 ? 'cell' : 'cells'} left of column ` +
          `${columnLetters(this.origin)}, where the header and the sheet's used range start, ${this.cellsOutside === 1 ? 'was' : 'were'} not read`,
      );
    }
    if (this.headerCellsLeftOut > 0) {
      warnings.push(
        `${this.where}: ${groupDigits(this.headerCellsLeftOut)} ${this.headerCellsLeftOut === 1 ? 'cell' : 'cells'} of the header row, more than ` +
          `${MAX_UNHEADED} columns right of the others, ${this.headerCellsLeftOut === 1 ? 'is' : 'are'} not part of the table; a row with a value there is rejected`,
      );
    }
    return warnings;
  }

  /** Parses one more chunk of the sheet's XML; false once the sheet's rows are all read. */
  protected async pump(): Promise<boolean> {
    if (this.done) return false;
    let next: IteratorResult<Buffer>;
    try {
      next = await this.chunks.next();
      if (next.done) {
        this.parser.end();
        this.finish();
        return false;
      }
      this.bytesRead += next.value.length;
      this.parser.write(next.value);
    } catch (error) {
      this.close();
      if (error === this.handlerError) throw error;
      throw damaged(this.name, partError(this.part, error));
    }
    return !this.done;
  }

  /** The sheet's rows are read: what follows them (merged cells, print settings) is not needed. */
  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.closePart();
    this.workbook.close();
  }

  private startCell(attributes: Record<string, string>): void {
    const reference = attributes['r'];
    const column = (reference === undefined ? undefined : columnIndex(reference)) ?? this.cell.column + 1;
    if (column >= MAX_COLUMNS) throw new Error(`a cell is beyond Excel's last column, XFD (${reference ?? column})`);
    const cell = this.cell;
    const style = attributes['s'];
    cell.column = column;
    cell.type = attributes['t'] ?? 'n';
    cell.style = style === undefined ? 0 : Number(style);
    cell.value = '';
    cell.index = -1;
    cell.hasValue = false;
    cell.formula = false;
  }

  /**
   * Rows and cells of the common shape, one after another, read whole from the `<` at
   * `lt` of the first (xlsx/shortcuts.ts) as their events would read them: the position
   * of the last one's last character, or -1 to leave the first to the events. What is
   * not of that shape is left to the events from where it starts: a cell in another
   * shape, one past the last column (whose message the events give), anything inside
   * what the events read (a cell, a value, an inline string, whose state a cell read
   * whole would not leave as its events do). A row whose start tag is read here and
   * whose cells are not all is left open for the events, through `elements`.
   */
  private wholeRowsAt(input: string, lt: number, elements: OpenElements): number {
    if (this.inCell || this.capture !== undefined || this.inInline) return -1;
    let end = -1;
    for (let at = lt; input.charCodeAt(at) === LESS_THAN; at = end + 1) {
      const next = input.charCodeAt(at + 1);
      let last: number;
      if (next === LOWER_C) {
        // Once a row has a value, a cell of a column not read changes nothing: no text is made of it.
        last = scanCell(input, at, this.cell, this.rowFilled ? this.skipped : undefined);
        if (last !== -1) this.endCell();
      } else if (next === LOWER_R) {
        last = scanRowTag(input, at, this.rowTag);
        if (last !== -1) {
          this.startRow(this.rowTag.number);
          if (this.rowTag.empty) this.endRow();
          else elements.opened('row');
        }
      } else if (closesRow(input, at) && elements.closes('row')) {
        last = at + 5;
        this.endRow();
      } else last = -1;
      if (last === -1) break;
      end = last;
    }
    return end;
  }

  private onOpen(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'c':
        this.startCell(attributes);
        this.inCell = true;
        break;
      case 'v':
        this.capture = 'v';
        this.text = '';
        break;
      case 'row':
        this.startRow(Number(attributes['r']));
        break;
      case 'is':
        this.inInline = true;
        this.text = '';
        break;
      case 't':
        if (this.inInline && !this.phonetic) this.capture = 't';
        break;
      case 'rPh':
        this.phonetic = true;
        break;
      case 'f':
        this.cell.formula = true;
        break;
      case 'dimension': {
        const [first = '', last = first] = (attributes['ref'] ?? '').split(':');
        const from = columnIndex(first);
        const to = columnIndex(last);
        if (from !== undefined && to !== undefined && from <= to && to < MAX_COLUMNS) this.dimension = { first: from, last: to };
        break;
      }
      default:
    }
  }

  /** A row of the table's width, every cell empty, to fill: once rows are handed on, the table's width is settled. */
  private emptyRow(): string[] {
    const width = this.header.length;
    if (this.emptyCells?.length !== width) this.emptyCells = new Array<string>(width).fill('');
    return this.emptyCells.slice();
  }

  private emptyCells: string[] | undefined;
  /** Whether the row being read began as an empty row of the table's width. */
  private rowBegunEmpty = false;

  /** A row starts: `number` is its `r`, as Number reads it. */
  private startRow(number: number): void {
    this.rowNumber = Number.isInteger(number) && number > 0 ? number : this.rowNumber + 1;
    this.rowBegunEmpty = this.handler !== undefined && this.origin === 0;
    this.row = this.rowBegunEmpty ? this.emptyRow() : [];
    this.rowFilled = false;
    this.cell.column = -1;
  }

  private onClose(name: string): void {
    switch (name) {
      case 'v':
        this.cell.value = this.text;
        this.cell.index = -1;
        this.cell.hasValue = true;
        this.capture = undefined;
        break;
      case 't':
        if (this.capture === 't') this.capture = undefined;
        break;
      case 'is':
        this.inInline = false;
        this.cell.value = this.text;
        this.cell.index = -1;
        this.cell.hasValue = true;
        break;
      case 'rPh':
        this.phonetic = false;
        break;
      case 'c':
        this.inCell = false;
        this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        this.finish();
        break;
      default:
    }
  }

  private onText(text: string): void {
    if (this.capture === undefined) return;
    this.text += text;
    if (this.text.length > MAX_TEXT_CHARS) throw textTooLong();
  }

  /** A cell's text, by its type: a shared or inline string, a number (a date in a date format), a boolean, an error. */
  private endCell(): void {
    const { cell } = this;
    if (!cell.hasValue) {
      if (cell.formula) this.formulasWithoutValue += 1;
      return;
    }
    // A shared string in a column not read: only whether it is empty matters (a row with a value is not a blank line).
    if (cell.type === 's' && this.skipped?.[cell.column] === 1) {
      if (this.workbook.sharedStrings.isEmpty(sharedIndex(cell))) return;
      this.row[cell.column] = '';
      this.rowFilled = true;
      return;
    }
    const text = this.cellText(cell);
    if (text === '') return;
    if (this.hasHeader && cell.column < this.origin) {
      this.cellsOutside += 1;
      return;
    }
    this.row[cell.column] = text;
    this.rowFilled = true;
  }

  private cellText(cell: CellState): string {
    switch (cell.type) {
      case 's':
        return this.workbook.sharedStrings.get(sharedIndex(cell)) ?? '';
      case 'inlineStr':
      case 'str':
        return unescapeText(cell.value);
      case 'b':
        return cell.value.trim() === '1' || cell.value.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
      case 'd':
        return cell.value.trim();
      default: {
        const kind = this.workbook.numberKinds[cell.style];
        if (kind !== undefined) {
          const text = serialText(cellNumber(cell.value) ?? Number.NaN, kind, this.workbook.date1904);
          if (text !== undefined) return text;
        }
        return numberText(cell.value);
      }
    }
  }

  /**
   * A row with no value is skipped, as a blank line of a CSV file is; the others keep
   * their columns' positions. A row is read into a sparse array (a cell the sheet does
   * not have is a hole), or into an empty row of the table's width (`rowBegunEmpty`): its
   * length is its last cell's column, which a file can set to XFD, so no row is ever
   * handed on wider than the table and one cell past it.
   */
  private endRow(): void {
    if (!this.rowFilled) return;
    const cells = this.row;
    if (!this.hasHeader) {
      this.headerRow = this.rowNumber;
      this.startTable(cells);
      return;
    }
    const origin = this.origin;
    const extent = cells.length - origin;
    // While the first rows wait (they are read to choose the columns), one within the used range widens the table.
    if (this.handler === undefined && extent > this.header.length && extent <= this.widest) this.widen(extent);
    const width = this.header.length;
    // A row a little wider than the table is kept whole: it is rejected by its width, or, when the first row was a
    // title above the table, it may be the table's own header. One reaching far right (XFD) keeps only its last value,
    // one cell past the table.
    const whole = extent <= width + MAX_UNHEADED;
    const copied = whole ? Math.max(extent, width) : width;
    // A row begun as an empty one of the table's width (see emptyRow) and no wider is already what the copy would be.
    const row = this.rowBegunEmpty && cells.length === width ? cells : new Array<string>(whole ? copied : width + 1);
    if (row !== cells) for (let index = 0; index < copied; index += 1) row[index] = cells[index + origin] ?? '';
    if (!whole) {
      row[width] = cells[cells.length - 1] ?? '';
      this.beyond.set(row, extent - 1);
    }
    if (this.handler) {
      this.handledRow = this.rowNumber;
      try {
        this.handler(row);
      } catch (error) {
        this.handlerError = error;
        throw error;
      }
    } else {
      this.pending.push([row, this.rowNumber]);
    }
  }

  /**
   * The header row: the table starts at its first cell, or where the used range does
   * when that is further left (Excel's CSV of a sheet is its used range: a table that
   * starts in column B has no column A). It is as wide as its cells; the first rows may
   * widen it within the used range, by MAX_UNHEADED columns at most: the range a
   * `dimension` declares is a claim, not a size to build rows of.
   */
  private startTable(cells: readonly string[]): void {
    this.hasHeader = true;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a hole reads as undefined
    this.origin = Math.min(cells.findIndex((cell) => cell !== undefined), this.dimension?.first ?? 0);
    // A header cell far right of the others (XFD1) would make every row as wide: the table ends before such a gap.
    let end = this.origin;
    cells.forEach((_cell, index) => {
      if (index >= this.origin && index - end <= MAX_UNHEADED) end = index + 1;
      else if (index >= this.origin) this.headerCellsLeftOut += 1;
    });
    this.header = Array.from({ length: end - this.origin }, (_, index) => cells[index + this.origin] ?? '');
    const used = this.dimension === undefined ? 0 : this.dimension.last + 1 - this.origin;
    this.widest = Math.min(used, this.header.length + MAX_UNHEADED);
  }

  /** The first rows reach right of the header, within the used range: the table takes their columns, unnamed. */
  private widen(width: number): void {
    while (this.header.length < width) this.header.push('');
    for (const [row] of this.pending) {
      // A row with a value right of the table keeps it one cell past the table, however wide the table grows.
      const beyond = this.beyond.has(row) ? row.pop() : undefined;
      while (row.length < width) row.push('');
      if (beyond !== undefined) row.push(beyond);
    }
  }

  /** The column (in the table, from 0) of a row's last value, when it lies right of the table: for the message that rejects it. */
  lastColumnOf(cells: readonly string[]): number {
    return this.beyond.get(cells) ?? cells.length - 1;
  }
}

/** The shared string a cell of type `s` points to: its index, read as a number when it is not plain digits. */
const sharedIndex = (cell: CellState): number => (cell.index >= 0 ? cell.index : Number(cell.value));
