import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { SharedStrings, SharedStringsReader, sharedStringsEvents } from '../../../src/input/xlsx/shared-strings.js';

/**
 * The shared strings read from bytes where they have the common shape, held to the same
 * table read by the XML reader's events alone, on seeded random tables: every shape
 * writers give (and some no writer gives), bytes that are not UTF-8, strings longer than
 * a chunk, broken tables, all cut into chunks at random.
 */

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** A table that counts the strings the events hand it, to tell that the byte reading read the others. */
class CountedStrings extends SharedStrings {
  fromEvents = 0;
  override push(text: string): void {
    this.fromEvents += 1;
    super.push(text);
  }
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** Text for a `<t>`: ASCII, accents, CJK, emoji (four bytes), `>`, `_` not starting an escape, sometimes nothing. */
function randomText(random: () => number): Buffer {
  const pieces = ['a', 'Bc', ' ', 'déjà', '日本語', '😀', '>', '_y', '9', 'x_', 'quoted "', "it's", '\n', '\t'];
  const length = random() < 0.1 ? 0 : 1 + Math.floor(random() * 12);
  return Buffer.concat(Array.from({ length }, () => bytes(pick(random, pieces))));
}

/** One entry of the table, in one of the shapes below, as bytes; `prefix` is the namespace prefix of its names. */
function randomEntry(random: () => number, prefix: string): Buffer {
  const p = prefix;
  const text = randomText(random);
  const wrap = (inner: Buffer | string): Buffer => Buffer.concat([bytes(`<${p}si><${p}t>`), typeof inner === 'string' ? bytes(inner) : inner, bytes(`</${p}t></${p}si>`)]);
  const shapes: Array<() => Buffer> = [
    () => wrap(text),
    () => wrap(text),
    () => wrap(text),
    () => Buffer.concat([bytes(`<${p}si><${p}t xml:space="preserve">`), text, bytes(`</${p}t></${p}si>`)]),
    () => wrap('a &amp; b &lt;c&gt; &#233;&#x1F600;'),
    () => wrap('line\r\nend\rhere'),
    () => wrap('escaped _x000D_ and _x0041_ and _xyz_'),
    () => bytes(`<${p}si><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>rich</${p}t></${p}r><${p}r><${p}t xml:space="preserve"> text</${p}t></${p}r></${p}si>`),
    () => bytes(`<${p}si><${p}t>漢字</${p}t><${p}rPh sb="0" eb="2"><${p}t>かんじ</${p}t></${p}rPh></${p}si>`),
    () => bytes(`<${p}si><${p}t/></${p}si>`),
    () => bytes(`<${p}si/>`),
    () => wrap(''),
    () => wrap(`<![CDATA[<${p}si><${p}t>in cdata</${p}t></${p}si>]]>`),
    () => bytes(`<!-- <${p}si><${p}t>commented</${p}t></${p}si> -->`),
    () => bytes(`<${p}si><${p}si><${p}t>a</${p}t></${p}si><${p}t>b</${p}t></${p}si>`),
    () => bytes(`<${p}si ><${p}t>spaced tag</${p}t></${p}si>`),
    () => bytes(`<${p}si><${p}t a="1">other attribute</${p}t></${p}si>`),
    // Bytes that are not UTF-8: a character's start at a text's end, its continuation at the next text's start.
    () => Buffer.concat([wrap(Buffer.from([0x61, 0xc3])), wrap(Buffer.from([0xa9, 0x62]))]),
    () => wrap(Buffer.from([0xff, 0x41, 0xe6, 0x97])),
    // Longer than a chunk, and longer than the byte reading carries from one chunk to the next.
    () => wrap('long '.repeat(random() < 0.5 ? 3_000 : 16_000)),
    () => bytes(pick(random, ['\n', '\r\n', '  ', '\t'])),
  ];
  return pick(random, shapes)();
}

interface Table {
  bytes: Buffer;
  prefix: string;
}

function randomTable(random: () => number, entries: number): Table {
  const prefix = random() < 0.1 ? 'x:' : '';
  const xmlns = prefix === '' ? 'xmlns' : 'xmlns:x';
  // Now and then a root of another name, one whose events hold a string open (`t`, `si`, `rPh`) among them.
  const root = random() < 0.85 ? 'sst' : pick(random, ['t', 'si', 'rPh', 'other']);
  const start = `${random() < 0.2 ? '\uFEFF' : ''}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}${root} ${xmlns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${entries}">`;
  const parts = [bytes(start)];
  const pretty = random() < 0.2;
  for (let index = 0; index < entries; index += 1) {
    parts.push(randomEntry(random, prefix));
    if (pretty) parts.push(bytes('\n  '));
  }
  parts.push(bytes(`</${prefix}${root}>`));
  let table = Buffer.concat(parts);
  // Now and then a broken table: cut short, or with a tag closed that is not open.
  const broken = random();
  if (broken < 0.05) table = table.subarray(0, Math.floor(random() * table.length));
  else if (broken < 0.08) table = Buffer.concat([table.subarray(0, table.length - 6), bytes('</si>'), table.subarray(table.length - 6)]);
  return { bytes: table, prefix };
}

/** `table` cut at random, into chunks of a byte (or `least`) to 80 KB. */
function chunksOf(random: () => number, table: Buffer, least = 1): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < table.length; ) {
    const size = least === 1 && random() < 0.3 ? 1 + Math.floor(random() * 16) : least + Math.floor(random() * 80_000);
    // A copy, in memory of its own: the reader must not keep a view of a chunk.
    chunks.push(Buffer.from(table.subarray(at, at + size)));
    at += size;
  }
  return chunks;
}

/** A table read: every string, whether each is empty, and the refusal of a broken one. */
function read(chunks: readonly Buffer[], withBytes: boolean): { strings: string[]; empty: boolean[]; refused?: string; fromEvents: number } {
  const strings = new CountedStrings();
  const events = sharedStringsEvents(strings);
  const reader = withBytes ? new SharedStringsReader(strings, events) : events;
  let refused: string | undefined;
  try {
    for (const chunk of chunks) reader.write(chunk);
    reader.end();
  } catch (error) {
    refused = (error as Error).message;
  }
  // Strings asked for before the table is sealed, then after.
  const before = Array.from({ length: strings.length }, (_, index) => strings.get(index) ?? 'MISSING');
  strings.seal();
  const after = Array.from({ length: strings.length }, (_, index) => strings.get(index) ?? 'MISSING');
  expect(after).toEqual(before);
  const empty = Array.from({ length: strings.length }, (_, index) => strings.isEmpty(index));
  return { strings: after, empty, fromEvents: strings.fromEvents, ...(refused === undefined ? {} : { refused }) };
}

describe('shared strings read from bytes', () => {
  it('read as the events read them, on 40 random tables cut into random chunks', () => {
    const random = seededRandom(2026);
    let strings = 0;
    let fromBytes = 0;
    for (let round = 0; round < 40; round += 1) {
      const table = randomTable(random, round % 10 === 0 ? 9_000 : 1 + Math.floor(random() * 400));
      const chunks = chunksOf(random, table.bytes);
      const events = read(chunks, false);
      const mixed = read(chunks, true);
      expect({ ...mixed, fromEvents: 0 }).toEqual({ ...events, fromEvents: 0 });
      expect(mixed.empty).toEqual(mixed.strings.map((text) => text === ''));
      strings += mixed.strings.length;
      fromBytes += mixed.strings.length - mixed.fromEvents;
      // With a prefix, no string has the common shape as written: the events read them all.
      if (table.prefix !== '') expect(mixed.fromEvents).toBe(mixed.strings.length);
    }
    expect(strings).toBeGreaterThan(30_000);
    expect(fromBytes).toBeGreaterThan(strings / 4);
  });

  it('reads as the events do inside a root whose events hold a string open', () => {
    for (const table of ['<t><si><t>a</t></si><si>b<t>c</t></si></t>', '<si><si><t>x</t></si></si>', '<rPh><si><t>x</t></si></rPh>', '<x:t xmlns:x="u"><x:si><x:t>a</x:t></x:si></x:t>']) {
      const chunks = [bytes(table)];
      expect(read(chunks, true)).toEqual(read(chunks, false));
    }
    expect(read([bytes('<t><si><t>a</t></si><si>b<t>c</t></si></t>')], true).strings).toEqual(['a', 'c']);
  });

  it('leaves to the events a string that chunks smaller than it cut again and again', () => {
    const table = bytes(`<sst><si><t>short</t></si><si><t>${'long '.repeat(12_000)}</t></si><si><t>after</t></si></sst>`);
    const chunks: Buffer[] = [];
    for (let at = 0; at < table.length; at += 16) chunks.push(Buffer.from(table.subarray(at, at + 16)));
    const mixed = read(chunks, true);
    expect(mixed.strings).toEqual(read(chunks, false).strings);
    expect(mixed.strings[1]).toHaveLength(60_000);
    // The long string, and what the events read on to the next `<si><t` they are settled at: not the short one before.
    expect(mixed.fromEvents).toBeLessThan(3);
    expect(mixed.fromEvents).toBeGreaterThan(0);
  });

  it('reads a table of the common shape wholly from bytes, in blocks of ASCII, of UTF-8, and of bytes that are not', () => {
    const random = seededRandom(7);
    const texts = [bytes('plain ascii'), bytes('accentué'), bytes('emoji 😀 four'), Buffer.from([0xc3]), Buffer.from([0xa9, 0x41]), Buffer.alloc(0)];
    const entries: Buffer[] = [];
    // A block of ASCII, one of UTF-8, one where a string starts inside a character the string before began.
    for (let index = 0; index < 4096; index += 1) entries.push(bytes(`<si><t>id-${index}</t></si>`));
    for (let index = 0; index < 4096; index += 1) entries.push(Buffer.concat([bytes('<si><t>'), pick(random, texts.slice(0, 3)), bytes('</t></si>')]));
    for (let index = 0; index < 4096; index += 1) entries.push(Buffer.concat([bytes('<si><t>'), pick(random, texts), bytes('</t></si>')]));
    // A block whose bytes are UTF-8 only when joined: each string that ends with a character's start before one that continues it.
    for (let index = 0; index < 2048; index += 1) entries.push(bytes('<si><t>a'), Buffer.from([0xc3]), bytes('</t></si><si><t>'), Buffer.from([0xa9]), bytes('b</t></si>'));
    const table = Buffer.concat([bytes('<?xml version="1.0"?><sst>'), ...entries, bytes('</sst>')]);
    // Chunks longer than any string: a string one cuts ends in the next.
    const chunks = chunksOf(random, table, 1024);
    const mixed = read(chunks, true);
    expect(mixed.fromEvents).toBe(0);
    expect(mixed.strings).toEqual(read(chunks, false).strings);
    expect(mixed.strings[4095]).toBe('id-4095');
    expect(mixed.strings.filter((text) => text.includes('\uFFFD')).length).toBeGreaterThan(4096);
    expect(mixed.strings.slice(-2)).toEqual(['a\uFFFD', '\uFFFDb']);
  });
});
