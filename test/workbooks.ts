import { constants, deflateRawSync } from 'node:zlib';

/**
 * Excel workbooks written by the tests themselves, hostile ones included: a zip
 * whose parts inflate to gigabytes is a few megabytes of repeated deflate blocks,
 * made here in milliseconds, never committed. Each part is deflated; a part may
 * declare a size other than its own (`declaredSize`), as a forged zip does.
 */
export interface ZipPart {
  name: string;
  /** The deflated bytes. */
  bytes: Buffer;
  /** The inflated size. */
  size: number;
  /** The size the zip's directory gives, when it lies. */
  declaredSize?: number;
}

/** A zip archive of deflated parts (no CRC: nps reads by the directory's sizes, as yauzl does without decoding). */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const declared = Math.min(part.declaredSize ?? part.size, 0xffffffff);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.bytes.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.bytes.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.bytes);
    directory.push(central, name);
    offset += local.length + name.length + part.bytes.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(parts.length, 0xffff), 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, central, end]);
}

/** A part holding `text`, deflated. */
export function part(name: string, text: string, declaredSize?: number): ZipPart {
  const data = Buffer.from(text);
  return { name, bytes: deflateRawSync(data), size: data.length, ...(declaredSize === undefined ? {} : { declaredSize }) };
}

/**
 * A part of `prefix`, then `unit` `times` over, then `suffix`, deflated without ever
 * being written out: each unit is one flushed deflate block, and the same bytes
 * repeated inflate to the unit repeated. 6 GB of rows take a few megabytes.
 */
export function repeatedPart(name: string, text: { prefix: string; unit: string; times: number; suffix: string }, declaredSize?: number): ZipPart {
  const flushed = (value: string): Buffer => deflateRawSync(Buffer.from(value), { finishFlush: constants.Z_FULL_FLUSH });
  const unit = flushed(text.unit);
  const bytes = Buffer.concat([flushed(text.prefix), ...Array.from({ length: text.times }, () => unit), deflateRawSync(Buffer.from(text.suffix))]);
  const size = Buffer.byteLength(text.prefix) + text.times * Buffer.byteLength(text.unit) + Buffer.byteLength(text.suffix);
  return { name, bytes, size, ...(declaredSize === undefined ? {} : { declaredSize }) };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The start of a sheet's XML, up to where its rows go. */
export const SHEET_START = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">`;
/** The start of a shared strings table's XML, up to where its texts go. */
export const STRINGS_START = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One row of inline strings and numbers, each cell at its own column from A: numbers as `<v>`, texts inline. */
export function rowXml(number: number, cells: ReadonlyArray<string | { n: string }>): string {
  const letters = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : `${letters(Math.floor(index / 26) - 1)}${String.fromCharCode(65 + (index % 26))}`);
  const xml = cells.map((cell, index) => {
    const ref = `${letters(index)}${number}`;
    return typeof cell === 'string' ? `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>` : `<c r="${ref}"><v>${escape(cell.n)}</v></c>`;
  });
  return `<row r="${number}">${xml.join('')}</row>`;
}

/** A sheet of these rows (each an array of cells), with an optional `dimension`. */
export function sheetPart(rows: ReadonlyArray<ReadonlyArray<string | { n: string }>>, dimension?: string): ZipPart {
  const dim = dimension === undefined ? '' : `<dimension ref="${dimension}"/>`;
  return part('xl/worksheets/sheet1.xml', `${SHEET_START}${dim}<sheetData>${rows.map((cells, index) => rowXml(index + 1, cells)).join('')}</sheetData></worksheet>`);
}

/**
 * A workbook of one sheet part (`xl/worksheets/sheet1.xml`), every declared sheet pointing
 * to it but those given parts of their own (`laterSheets`, for the second sheet on), and
 * optional shared strings.
 */
export function workbookOf(sheet: ZipPart, options: { sheetNames?: readonly string[]; sharedStrings?: ZipPart; laterSheets?: readonly ZipPart[] } = {}): Buffer {
  const names = options.sheetNames ?? ['Responses'];
  const later = options.laterSheets ?? [];
  const target = (index: number): string => (index >= 1 && index <= later.length ? `worksheets/sheet${index + 1}.xml` : 'worksheets/sheet1.xml');
  const sheets = names.map((name, index) => `<sheet name="${escape(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('');
  const relations = names.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="${target(index)}"/>`).join('');
  const strings = options.sharedStrings === undefined ? '' : `<Relationship Id="rIdStrings" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>`;
  const parts = [
    part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    part('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="${PACKAGE}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    part('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>${sheets}</sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="${PACKAGE}">${relations}${strings}</Relationships>`),
    sheet,
    ...later.map((one, index) => ({ ...one, name: `xl/worksheets/sheet${index + 2}.xml` })),
    ...(options.sharedStrings === undefined ? [] : [{ ...options.sharedStrings, name: 'xl/sharedStrings.xml' }]),
  ];
  return zipOf(parts);
}
