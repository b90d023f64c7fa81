// Writes the .xlsx twin of a generated CSV export, as Excel saves one: every text a
// shared string (written after the sheet, as Excel orders them), scores as numbers,
// created_at as a date-time serial number in a date-formatted cell, empty cells left
// out. The zip is written as a stream (deflate, then a data descriptor per entry), so a
// 1M-row sheet never sits in memory; only the shared strings do, as they must.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { parse } from 'csv-parse';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const DAY_MS = 86_400_000;
/** Days from Excel's day 0 (1899-12-30, in the 1900 date system) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function columnName(index) {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A zip written entry by entry to a stream, each entry's bytes deflated as they come. */
class ZipWriter {
  constructor(path) {
    this.out = createWriteStream(path);
    this.offset = 0;
    this.entries = [];
  }

  async write(buffer) {
    this.offset += buffer.length;
    if (!this.out.write(buffer)) await once(this.out, 'drain');
  }

  /** `produce(write)` writes the entry's text through `write`, awaiting it. */
  async entry(name, produce) {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt16LE(nameBytes.length, 26);
    await this.write(Buffer.concat([local, nameBytes]));
    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const drained = (async () => {
      for await (const chunk of deflate) {
        compressed += chunk.length;
        await this.write(chunk);
      }
    })();
    await produce(async (text) => {
      const bytes = Buffer.from(text, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    });
    deflate.end();
    await drained;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);
    this.entries.push({ nameBytes, start, crc, size, compressed });
  }

  async close() {
    const centralStart = this.offset;
    for (const { nameBytes, start, crc, size, compressed } of this.entries) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x0808, 8);
      central.writeUInt16LE(8, 10);
      central.writeUInt16LE(0x21, 14);
      central.writeUInt32LE(crc >>> 0, 16);
      central.writeUInt32LE(compressed, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(nameBytes.length, 28);
      central.writeUInt32LE(start, 42);
      await this.write(Buffer.concat([central, nameBytes]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - centralStart, 12);
    end.writeUInt32LE(centralStart, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'finish');
  }
}

const whole = (text) => async (write) => write(text);

/** Writes `xlsxPath`, one sheet named "Responses", from the CSV export at `csvPath`. */
export async function writeXlsxTwin(csvPath, xlsxPath) {
  const zip = new ZipWriter(xlsxPath);
  await zip.entry(
    '[Content_Types].xml',
    whole(
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        '</Types>',
    ),
  );
  await zip.entry('_rels/.rels', whole(`${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`));
  await zip.entry('xl/workbook.xml', whole(`${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>`));
  await zip.entry(
    'xl/_rels/workbook.xml.rels',
    whole(
      `${HEAD}<Relationships xmlns="${PKG}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    ),
  );
  const strings = new Map();
  const shared = (text) => {
    let index = strings.get(text);
    if (index === undefined) {
      index = strings.size;
      strings.set(text, index);
    }
    return index;
  };
  let dateColumn = -1;
  let scoreColumn = -1;
  await zip.entry('xl/worksheets/sheet1.xml', async (write) => {
    await write(`${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`);
    let rowNumber = 0;
    let batch = '';
    for await (const record of createReadStream(csvPath).pipe(parse({ relax_column_count: true }))) {
      rowNumber += 1;
      if (rowNumber === 1) {
        dateColumn = record.indexOf('created_at');
        scoreColumn = record.indexOf('score');
      }
      batch += `<row r="${rowNumber}">`;
      record.forEach((value, index) => {
        if (value === '') return;
        const ref = `${columnName(index)}${rowNumber}`;
        if (rowNumber > 1 && index === scoreColumn) batch += `<c r="${ref}"><v>${value}</v></c>`;
        else if (rowNumber > 1 && index === dateColumn) batch += `<c r="${ref}" s="1"><v>${Date.parse(value) / DAY_MS + EPOCH_SERIAL}</v></c>`;
        else batch += `<c r="${ref}" t="s"><v>${shared(value)}</v></c>`;
      });
      batch += '</row>';
      if (batch.length > 1 << 16) {
        await write(batch);
        batch = '';
      }
    }
    await write(`${batch}</sheetData></worksheet>`);
  });
  await zip.entry(
    'xl/styles.xml',
    whole(
      `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>` +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>',
    ),
  );
  await zip.entry('xl/sharedStrings.xml', async (write) => {
    await write(`${HEAD}<sst xmlns="${MAIN}" uniqueCount="${strings.size}">`);
    let batch = '';
    for (const text of strings.keys()) {
      const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
      batch += `<si><t${space}>${escapeXml(text)}</t></si>`;
      if (batch.length > 1 << 16) {
        await write(batch);
        batch = '';
      }
    }
    await write(`${batch}</sst>`);
  });
  await zip.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [csvPath, xlsxPath] = process.argv.slice(2);
  await writeXlsxTwin(csvPath, xlsxPath);
}
