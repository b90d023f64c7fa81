import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { xmlParser, XmlBytes } from '../../../src/input/xlsx/xml.js';

/**
 * The workbook's XML reader, held to saxes (a conforming streaming parser) on seeded
 * random documents cut into random chunks: the same elements, attributes and text, and
 * a refusal wherever saxes refuses.
 */
type Event = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/** Adjacent texts joined (where a text is cut depends on the chunks), and none outside the root (white space, unread). */
function joined(events: Event[]): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (const event of events) {
    const last = out[out.length - 1];
    if (event[0] === 'open') depth += 1;
    if (event[0] === 'close') depth -= 1;
    if (event[0] === 'text' && depth === 0) continue;
    if (event[0] === 'text' && last?.[0] === 'text') last[1] += event[1];
    else out.push(event);
  }
  return out.filter((event) => event[0] !== 'text' || event[1] !== '');
}

function withOurs(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const parser = xmlParser(recording(events));
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return joined(events);
}

const recording = (events: Event[]): Parameters<typeof xmlParser>[0] => ({
  open: (name, attributes) => events.push(['open', name, { ...attributes }]),
  close: (name) => events.push(['close', name]),
  text: (text) => events.push(['text', text]),
});

/** The document's UTF-8 bytes handed over in chunks, through XmlBytes. */
function withOursFromBytes(chunks: readonly Buffer[]): Event[] {
  const events: Event[] = [];
  const bytes = new XmlBytes(xmlParser(recording(events)));
  for (const chunk of chunks) bytes.write(chunk);
  bytes.end();
  return joined(events);
}

/** Bytes cut at random, inside a character of several bytes too; now and then a chunk longer than what is joined to the one before. */
function byteChunks(text: string, random: () => number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * (random() < 0.2 ? 3000 : 60));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** saxes, with the root's prefix taken off the names as the reader does. */
function withSaxes(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ position: false });
  let prefix: string | undefined;
  const nameOf = (name: string): string => {
    prefix ??= name.slice(0, name.indexOf(':') + 1);
    return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  parser.on('opentag', (tag) => events.push(['open', nameOf(tag.name), { ...(tag.attributes as Record<string, string>) }]));
  parser.on('closetag', (tag) => events.push(['close', nameOf(tag.name)]));
  parser.on('text', (text) => events.push(['text', text]));
  parser.on('cdata', (text) => events.push(['text', text]));
  for (const chunk of chunks) parser.write(chunk);
  parser.close();
  return joined(events);
}

const outcome = (read: () => Event[]): { events: Event[] } | { refused: true } => {
  try {
    return { events: read() };
  } catch {
    return { refused: true };
  }
};

function documentOf(random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const prefix = pick(['', '', 'x:']);
  const texts = ['9', ' ', 'Tom &amp; Jerry', 'a &lt; b &gt; c', '&#233;t&#xE9;', 'line\r\nbreak', 'tab\there', '"quoted" \'too\'', 'über 😀', '&quot;&apos;'];
  const values = ['A1', 's', '1', 'a &amp; b', "it's", 'say "hi"', 'x > y', 'tab\tand\nline', '&#10;kept', ''];
  const element = (depth: number): string => {
    const name = `${prefix}${pick(['c', 'v', 'row', 't', 'si', 'is', 'r'])}`;
    const attributes = Array.from({ length: Math.floor(random() * 3) }, (_, index) => {
      const quote = random() < 0.5 ? '"' : "'";
      const value = pick(values).replaceAll(quote, quote === '"' ? '&quot;' : '&apos;');
      return ` ${pick(['r', 's', 't', 'ref', 'r:id'])}${index}${random() < 0.2 ? ' = ' : '='}${quote}${value}${quote}`;
    }).join('');
    if (random() < 0.2) return `<${name}${attributes}${random() < 0.5 ? '/' : ' /'}>`;
    const children = depth > 3 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => {
      const kind = random();
      if (kind < 0.4) return element(depth + 1);
      if (kind < 0.8) return pick(texts);
      if (kind < 0.9) return `<![CDATA[${pick(['<b>raw</b>', 'a & b', ']] >'])}]]>`;
      return kind < 0.95 ? '<!-- a comment -->' : '<?pi data?>';
    });
    return `<${name}${attributes}>${children.join('')}</${name}${random() < 0.1 ? ' ' : ''}>`;
  };
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${random() < 0.2 ? '<!-- written by hand -->\n' : ''}<${prefix}root xmlns${prefix === '' ? '' : ':x'}="urn:x">${element(0)}${element(0)}</${prefix}root>`;
}

/** Ways to break a document: each one saxes refuses. */
const BREAKS: ReadonlyArray<(text: string) => string> = [
  (text) => text.replace(/<\/(?:x:)?root>$/, ''),
  (text) => text.replace('</', '</zz'),
  (text) => text.replace('<', '<<'),
  (text) => text.replace('&amp;', '&nope;'),
  // An attribute's value without quotes (the XML declaration is left alone: it is not read).
  (text) => text.replace(/(<[a-z:]+ [^>=]*=\s*)"([^"]*)"/, '$1$2'),
  (text) => `${text}<extra/>`,
  (text) => text.replace(/<\/(?:x:)?root>$/, '</other>'),
];

function chunked(text: string, random: () => number, most = 40): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(random() * most);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

describe('the workbook XML reader', () => {
  it('reads 2,000 random documents in random chunks as saxes does', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 2000; round += 1) {
      const text = documentOf(random);
      const chunks = chunked(text, random);
      expect(outcome(() => withOurs(chunks)), text).toEqual(outcome(() => withSaxes(chunks)));
    }
  });

  it('reads long documents in chunks longer than what it joins to the end of the chunk before, as saxes does', () => {
    const random = seededRandom(8);
    for (let round = 0; round < 100; round += 1) {
      // Long texts and comments, so that what a chunk cut may run past the start of the next that is joined to it.
      const long = (): string => (random() < 0.5 ? `<!--${'c'.repeat(2500)}-->` : `<t>${'long text '.repeat(300)}</t>`);
      const parts = Array.from({ length: 20 }, () => (random() < 0.3 ? long() : documentOf(random).replace(/^[^]*?<(?:x:)?root[^>]*>|<\/(?:x:)?root>$/g, '')));
      const text = `<root>${parts.join('')}</root>`;
      const chunks = chunked(text, random, 4000);
      expect(outcome(() => withOurs(chunks)), text).toEqual(outcome(() => withSaxes(chunks)));
    }
  });

  it('refuses what saxes refuses: a tag left open, closed twice, an unknown entity, a broken attribute, a second root', () => {
    const random = seededRandom(11);
    let refused = 0;
    for (let round = 0; round < 300; round += 1) {
      const broken = (BREAKS[round % BREAKS.length] ?? ((text: string) => text))(documentOf(random));
      const chunks = chunked(broken, random);
      if (!('refused' in outcome(() => withSaxes(chunks)))) continue;
      refused += 1;
      expect(outcome(() => withOurs(chunks)), broken).toEqual({ refused: true });
    }
    // Most breaks break: the test reads more than a handful.
    expect(refused).toBeGreaterThan(200);
  });

  it('reads 600 random documents handed over as bytes cut anywhere as it reads their text whole', () => {
    const random = seededRandom(9);
    let refused = 0;
    for (let round = 0; round < 600; round += 1) {
      // Documents of many elements, longer than the chunks; some with long texts: a chunk with no tag after its first byte goes on whole.
      const parts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => documentOf(random).replace(/^[^]*?<(?:x:)?root[^>]*>|<\/(?:x:)?root>$/g, ''));
      const whole = `<root>${parts.join('')}</root>`;
      const long = random() < 0.2 ? whole.replace(/<(x:)?(t|v)>/, `<$1$2>${'ü long '.repeat(400)}`) : whole;
      const text = round % 3 === 0 ? (BREAKS[round % BREAKS.length] ?? ((same: string) => same))(long) : long;
      const expected = outcome(() => withOurs([text]));
      if ('refused' in expected) refused += 1;
      expect(outcome(() => withOursFromBytes(byteChunks(text, random))), text).toEqual(expected);
    }
    expect(refused).toBeGreaterThan(120);
  });

  it('reads long documents handed over in chunks of 120 KiB, which it reads in smaller pieces, as it reads their text whole', () => {
    const random = seededRandom(10);
    for (let round = 0; round < 3; round += 1) {
      const parts = Array.from({ length: 4000 }, () => documentOf(random).replace(/^[^]*?<(?:x:)?root[^>]*>|<\/(?:x:)?root>$/g, ''));
      const text = `<root>${parts.join('')}</root>`;
      const bytes = Buffer.from(text);
      expect(bytes.length).toBeGreaterThan(3 * 120 * 1024);
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += 120 * 1024) chunks.push(bytes.subarray(at, at + 120 * 1024));
      expect(outcome(() => withOursFromBytes(chunks))).toEqual(outcome(() => withOurs([text])));
    }
  });

  it('has read a chunk whose last tag is whole before the next comes, and waits for a tag a chunk cut', () => {
    const events: Event[] = [];
    const bytes = new XmlBytes(xmlParser(recording(events)));
    bytes.write(Buffer.from(`<sheet>${'<a/>'.repeat(400)}<b/>`));
    expect(events[events.length - 1]).toEqual(['close', 'b']);
    bytes.write(Buffer.from(`${'<a/>'.repeat(400)}<c x="1`));
    expect(events[events.length - 1]).toEqual(['close', 'a']);
    bytes.write(Buffer.from('"/></sheet>'));
    bytes.end();
    expect(events.slice(-3)).toEqual([['open', 'c', { x: '1' }], ['close', 'c'], ['close', 'sheet']]);
  });

  it('builds attributes only for the elements asked for', () => {
    const seen: Array<[string, Record<string, string>]> = [];
    const parser = xmlParser({ open: (name, attributes) => seen.push([name, attributes]) }, new Set(['c']));
    parser.write('<sheet><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheet>');
    parser.close();
    expect(seen).toEqual([['sheet', {}], ['row', {}], ['c', { r: 'A1', t: 's' }], ['v', {}]]);
  });
});
