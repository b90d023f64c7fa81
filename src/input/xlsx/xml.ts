import { StringDecoder } from 'node:string_decoder';
import { cutAt } from '../../core/clip.js';
import { MAX_TEXT_CHARS, textTooLong } from './limits.js';

/**
 * The XML of a workbook's parts, read as a stream of events: an element opens (with
 * its attributes), text, an element closes. Names lose the root element's prefix: the
 * elements `nps` reads are all in the root's namespace, and Excel writes none.
 *
 * The parts of a workbook use a small corner of XML: UTF-8, no DTD, elements,
 * attributes, text, the five named entities and character references, now and then
 * a comment, a processing instruction or CDATA. This reader knows that corner and
 * refuses what falls outside it, as a damaged file: a tag closed that was not open,
 * an element left open, an unknown entity, a broken tag. It finds each `<` and `>`
 * with indexOf rather than stepping through the text a character at a time, and
 * builds attributes only for the elements asked for: a general parser (saxes,
 * htmlparser2) takes a character at a time through its states, where a sheet of a
 * million rows has fourteen million cells. Measured on the 49 MB sheet of a
 * 100,000-row workbook, events alone (fastest of five): saxes 706 ms, htmlparser2
 * 733 ms, this reader 469 ms.
 *
 * What it reads is held to MAX_TEXT_CHARS between two events: a text, a tag or a
 * comment that never ends is refused rather than gathered in memory.
 */

export const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** An attribute by its local name, whatever its prefix (`r:id`). */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(attributes)) if (local(key) === name) return value;
  return undefined;
}

export interface XmlHandlers {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** A streaming XML parser: text in, and `close` at the end. */
export interface XmlParser {
  write(text: string): void;
  close(): void;
  /** Whether all that was written has been read, with exactly `depth` elements open. */
  settledAt(depth: number): boolean;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&([^;&]*);?/g;
/** How much of a chunk is joined to what the chunk before cut: more than a cell or a row's tag takes. */
const JOIN_AHEAD = 1024;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** A character reference's character, when it names one XML allows. */
function referenced(body: string): string | undefined {
  const hex = body.startsWith('#x');
  const digits = body.slice(hex ? 2 : 1);
  if (digits === '' || !(hex ? /^[\da-fA-F]+$/ : /^\d+$/).test(digits)) return undefined;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

/** Text with its entities and character references replaced; an unknown or unended one is a damaged file. */
function decoded(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Error('unterminated entity');
    const character = body.startsWith('#') ? referenced(body) : NAMED[body];
    if (character === undefined) throw new Error(`undefined entity: ${whole}`);
    return character;
  });
}

/** Line ends as XML reads them: `\n`. */
const lineEnds = (raw: string): string => (raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);

/** Text as XML reads it: line ends made `\n` (before references, so that `&#13;` stays). */
export const textOf = (raw: string): string => decoded(lineEnds(raw));

/**
 * One-letter names as constants: a cell's `r`, `t` and `s`, millions of times a sheet. A
 * name cut from the text would be looked up in V8's table of names at every store.
 */
export const LETTERS: readonly string[] = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

/** XML's white space: space, tab, line feed, carriage return. */
export const isSpace = (code: number): boolean => code <= 0x20 && (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d);

/** The attributes of the tag in `text` from `from` to `end` (after its name); a broken one is a damaged file. */
function attributesIn(text: string, from: number, end: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  const broken = (why: string): Error => new Error(`${why} in <${text.slice(from, end)}>`);
  let at = from;
  for (;;) {
    while (at < end && isSpace(text.charCodeAt(at))) at += 1;
    if (at >= end) return attributes;
    let nameEnd = at;
    while (nameEnd < end) {
      const code = text.charCodeAt(nameEnd);
      if (code === 0x3d || isSpace(code)) break;
      nameEnd += 1;
    }
    let equals = nameEnd;
    while (equals < end && isSpace(text.charCodeAt(equals))) equals += 1;
    if (nameEnd === at || text.charCodeAt(equals) !== 0x3d) throw broken('an attribute without a value');
    let open = equals + 1;
    while (open < end && isSpace(text.charCodeAt(open))) open += 1;
    const quote = text.charCodeAt(open);
    if (quote !== 0x22 && quote !== 0x27) throw broken('an unquoted attribute value');
    // One pass over the value: where it ends, and whether it needs its references or white space read.
    let close = open + 1;
    let special = false;
    for (; close < end; close += 1) {
      const code = text.charCodeAt(close);
      if (code === quote) break;
      if (code === 0x26 || code === 0x09 || code === 0x0a || code === 0x0d) special = true;
      else if (code === 0x3c) throw broken('"<" in an attribute value');
    }
    if (close >= end) throw broken('an unterminated attribute value');
    const name = nameEnd === at + 1 ? (LETTERS[text.charCodeAt(at)] ?? text.charAt(at)) : text.slice(at, nameEnd);
    const raw = text.slice(open + 1, close);
    // Attribute values are normalised: a tab or a line end written as such is a space (one written as a reference is not).
    attributes[name] = special ? decoded(raw.replace(/\r\n|[\t\n\r]/g, ' ')) : raw;
    at = close + 1;
    if (at < end && !isSpace(text.charCodeAt(at))) throw broken('attributes not apart');
  }
}

/** The end of a tag from `<` at `start`: the `>` outside any quoted value; -1 when the text has not come yet. */
function tagEnd(text: string, start: number): number {
  let quote = 0;
  for (let at = start + 1; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x3e) return at;
  }
  return -1;
}

/**
 * What a shortcut may do to the elements open, with no events: open one whose start tag
 * it read and left open (a row whose cells the events read), or close the last one open.
 */
export interface OpenElements {
  /** `raw` (as written) is open, inside the elements open. */
  opened(raw: string): void;
  /**
   * Closes the element last opened when it is `raw`, and says so; false (nothing done) when
   * another is open, or when it is the root element, whose end the events read (what follows
   * it is refused).
   */
  closes(raw: string): boolean;
}

/**
 * Elements read whole by the reader's own means, from the `<` at `lt` of the first: the
 * position of the last one's last character, or -1 to leave the first to the parser's
 * events. Asked at every tag that opens within the root element. An element it opens or
 * closes without reading it whole, it reports to `elements`.
 */
export type Shortcut = (input: string, lt: number, elements: OpenElements) => number;

/**
 * A streaming XML parser calling `handlers`. `attributesOf` names the elements whose
 * attributes are wanted (by local name); the others are handed an empty set.
 */
export function xmlParser(handlers: XmlHandlers, attributesOf?: ReadonlySet<string>, shortcut?: Shortcut): XmlParser {
  return new XmlReader(handlers, attributesOf, shortcut);
}

class XmlReader implements XmlParser, OpenElements {
  private prefix: string | undefined;
  /** The elements open, as written (with their prefix). */
  private readonly stack: string[] = [];
  /** What was written and not yet read: a tag, a text or a comment the chunk cut. */
  private rest = '';
  /** The root element has closed. */
  private ended = false;
  /** The length the unread input must reach before it is read again (see `write`). */
  private readAgainAt = 0;

  constructor(
    private readonly handlers: XmlHandlers,
    private readonly attributesOf: ReadonlySet<string> | undefined,
    private readonly shortcut: Shortcut | undefined,
  ) {}

  write(chunk: string): void {
    // (readAgainAt is never past MAX_TEXT_CHARS: what waits here is within the limit.)
    if (this.rest.length + chunk.length < this.readAgainAt) {
      this.rest += chunk;
      return;
    }
    let input = chunk;
    let from = 0;
    let readSome = false;
    const rest = this.rest;
    if (rest !== '') {
      // What the last chunk cut is read with the start of this one, and this one then from where that ended, as it
      // came: a string joined to another is read a character at a time at up to twice the cost.
      const upTo = this.read(rest + chunk.slice(0, cutAt(chunk, JOIN_AHEAD)), 0, false);
      readSome = upTo > 0;
      if (upTo >= rest.length) from = upTo - rest.length;
      else {
        input = rest + chunk;
        from = upTo;
      }
    }
    const upTo = this.read(input, from, false);
    this.rest = upTo >= input.length ? '' : input.slice(upTo);
    // Nothing could be read: a tag, a comment or CDATA runs on. It is looked at again once the input has doubled,
    // so that one that runs for megabytes is scanned a few times over, not once for every chunk.
    // Never past the most it may hold: a construct that long is refused, one shorter is read.
    this.readAgainAt = readSome || upTo > from ? 0 : Math.min(this.rest.length * 2, MAX_TEXT_CHARS);
    if (this.rest.length > MAX_TEXT_CHARS) throw textTooLong();
  }

  settledAt(depth: number): boolean {
    return this.rest === '' && !this.ended && this.stack.length === depth;
  }

  close(): void {
    if (this.rest !== '') {
      const upTo = this.read(this.rest, 0, true);
      if (upTo < this.rest.length) throw new Error('unclosed tag');
      this.rest = '';
    }
    if (this.stack.length > 0) throw new Error(`unclosed tag: ${this.stack[this.stack.length - 1] ?? ''}`);
  }

  private nameOf(name: string): string {
    this.prefix ??= name.slice(0, name.indexOf(':') + 1);
    return this.prefix !== '' && name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
  }

  /** Reads what `input` holds whole, from `from`; returns where the unread rest begins. */
  private read(input: string, from: number, final: boolean): number {
    let at = from;
    for (;;) {
      const lt = input.indexOf('<', at);
      if (lt === -1) return this.trailingText(input, at, final);
      if (lt - at > MAX_TEXT_CHARS) throw textTooLong();
      if (lt > at) this.text(input.slice(at, lt));
      at = lt;
      const next = input.charCodeAt(lt + 1);
      let end: number;
      if (next === 0x2f) {
        end = input.indexOf('>', lt);
        if (end !== -1) this.closeTag(input.slice(lt + 2, end));
      } else if (next === 0x3f) {
        end = input.indexOf('?>', lt + 2);
        if (end !== -1) end += 1;
      } else if (next === 0x21) end = this.markup(input, lt);
      else {
        const read = this.shortcut !== undefined && this.stack.length > 0 ? this.shortcut(input, lt, this) : -1;
        if (read !== -1) {
          // Elements read whole, each held to the limit by the shortcut (which leaves a longer one to the events).
          at = read + 1;
          continue;
        }
        end = tagEnd(input, lt);
        if (end !== -1) this.openTag(input, lt, end);
      }
      if (end === -1) return at;
      // One construct is held to the limit, wherever the chunks that brought it were cut.
      if (end - lt > MAX_TEXT_CHARS) throw textTooLong();
      at = end + 1;
    }
  }

  /** The text after the last tag: all of it, but an entity or a line end the chunk cut waits for the next. */
  private trailingText(input: string, at: number, final: boolean): number {
    let upTo = input.length;
    if (at === upTo) return upTo;
    if (!final) {
      // The text's last `&`, looked for in the text only, not in the whole chunk before it.
      let amp = -1;
      for (let found = input.indexOf('&', at); found !== -1; found = input.indexOf('&', found + 1)) amp = found;
      if (amp !== -1 && !input.includes(';', amp)) upTo = amp;
      if (upTo > at && input.charCodeAt(upTo - 1) === 0x0d) upTo -= 1;
    }
    this.text(input.slice(at, upTo));
    return upTo;
  }

  private text(raw: string): void {
    if (raw === '') return;
    if (this.stack.length === 0) {
      if (/\S/.test(raw)) throw new Error('text outside the root element');
      return;
    }
    this.handlers.text?.(textOf(raw));
  }

  /** A comment, CDATA or a DOCTYPE from `<!` at `lt`: where it ends (its last character), or -1 when it has not come yet. */
  private markup(input: string, lt: number): number {
    if (input.startsWith('<!--', lt)) {
      const end = input.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 2;
    }
    if (input.startsWith('<![CDATA[', lt)) {
      const end = input.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.stack.length === 0) throw new Error('CDATA outside the root element');
      // Line ends are read as `\n` in CDATA too; its `&` are its own.
      this.handlers.text?.(lineEnds(input.slice(lt + 9, end)));
      return end + 2;
    }
    if (input.length - lt < 9) return -1;
    if (!input.startsWith('<!DOCTYPE', lt)) throw new Error('unknown markup "<!"');
    const subset = input.indexOf('[', lt);
    const gt = input.indexOf('>', lt);
    if (subset === -1 || (gt !== -1 && gt < subset)) return gt;
    const end = input.indexOf(']>', subset);
    return end === -1 ? -1 : end + 1;
  }

  /** The tag from `<` at `lt` to `>` at `gt`. */
  private openTag(input: string, lt: number, gt: number): void {
    if (this.ended) throw new Error('an element after the root element');
    const selfClosing = input.charCodeAt(gt - 1) === 0x2f;
    const end = selfClosing ? gt - 1 : gt;
    let nameEnd = lt + 1;
    while (nameEnd < end && !isSpace(input.charCodeAt(nameEnd))) nameEnd += 1;
    if (nameEnd === lt + 1) throw new Error('a tag without a name');
    const raw = input.slice(lt + 1, nameEnd);
    const name = this.nameOf(raw);
    const attributes = this.attributesOf === undefined || this.attributesOf.has(name) ? attributesIn(input, nameEnd, end) : NO_ATTRIBUTES;
    this.handlers.open?.(name, attributes);
    if (selfClosing) {
      this.handlers.close?.(name);
      if (this.stack.length === 0) this.ended = true;
    } else this.stack.push(raw);
  }

  opened(raw: string): void {
    this.stack.push(raw);
  }

  closes(raw: string): boolean {
    if (this.stack.length < 2 || this.stack[this.stack.length - 1] !== raw) return false;
    this.stack.pop();
    return true;
  }

  private closeTag(tag: string): void {
    const raw = tag.trimEnd();
    if (this.stack.length === 0 || this.stack[this.stack.length - 1] !== raw) throw new Error('unexpected close tag');
    this.stack.pop();
    if (this.stack.length === 0) this.ended = true;
    this.handlers.close?.(this.nameOf(raw));
  }
}

/** At most this many bytes are decoded at once (see XmlBytes.writeWhole): their text, even two bytes a character, is under 128 KB. */
const PIECE_BYTES = 60 * 1024;

/** The characters that open and close a tag, as bytes: never part of a character UTF-8 writes in several bytes. */
const LESS_THAN_BYTE = 0x3c;
const GREATER_THAN_BYTE = 0x3e;

/**
 * A part's bytes handed to an XML parser as UTF-8 text, in pieces that do not end inside
 * a tag. Decoded as they came, a chunk would end inside a tag, which the parser then
 * joins to the next chunk's start: a string joined of two, which V8 reads at up to twice
 * the cost, and whose mere presence slowed the reading of every other chunk (measured:
 * the sheet of a 1M-row workbook read in 0.85 of the time). Here, when a chunk's last
 * tag is cut, the bytes from its `<` wait for the next chunk, joined as bytes to that
 * chunk up to its first `<` past its first kilobyte. A chunk whose last tag is whole goes
 * on whole, so that the parser has read all of it (the end of a sheet's rows, say) before
 * the next chunk is asked for. The decoder sees the same bytes in the same order, so the
 * text is the same.
 */
export class XmlBytes {
  private readonly decoder = new StringDecoder('utf8');
  /** The bytes from the last chunk's last `<` on, not yet decoded. */
  private carried: Buffer | undefined;
  /** The last byte decoded: the decoder holds back the start of a character only after a byte that is not ASCII. */
  private lastByte = 0;

  constructor(private readonly parser: XmlParser) {}

  write(chunk: Buffer): void {
    let bytes = chunk;
    const carried = this.carried;
    if (carried !== undefined) {
      this.carried = undefined;
      // What was carried, with this chunk up to a tag past its first kilobyte: enough to end what was carried.
      const joinTo = chunk.indexOf(LESS_THAN_BYTE, JOIN_AHEAD);
      if (joinTo === -1) bytes = Buffer.concat([carried, chunk]);
      else {
        this.writeWhole(Buffer.concat([carried, chunk.subarray(0, joinTo)]));
        bytes = chunk.subarray(joinTo);
      }
    }
    const cut = bytes.lastIndexOf(LESS_THAN_BYTE);
    // With no tag after the first byte (a long text), the chunk goes on whole: nothing is carried twice.
    if (cut <= 0 || bytes.indexOf(GREATER_THAN_BYTE, cut) !== -1) {
      this.writeWhole(bytes);
      return;
    }
    // A copy: a stream may hand over a view of memory it writes again.
    this.carried = Buffer.from(bytes.subarray(cut));
    this.writeWhole(bytes.subarray(0, cut));
  }

  /**
   * Bytes that end where the XML allows, decoded PIECE_BYTES or so at a time, each piece
   * ending where a tag begins: a longer piece of text with one character past Latin-1 (a
   * curly quote) would be one of V8's large objects, each allocated and freed by the
   * system (measured: a 1M-row workbook whose texts had curly quotes took 1.10 times as
   * long in 120 KiB pieces as in 64 KiB ones).
   */
  private writeWhole(bytes: Buffer): void {
    if (bytes.length > 0) this.lastByte = bytes[bytes.length - 1] ?? 0;
    let rest = bytes;
    while (rest.length > PIECE_BYTES) {
      const cut = rest.lastIndexOf(LESS_THAN_BYTE, PIECE_BYTES);
      if (cut <= 0) break;
      this.parser.write(this.decoder.write(rest.subarray(0, cut)));
      rest = rest.subarray(cut);
    }
    this.parser.write(this.decoder.write(rest));
  }

  /** Whether every byte written has been decoded and read, with exactly `depth` elements open. */
  settledAt(depth: number): boolean {
    return this.carried === undefined && this.lastByte < 0x80 && this.parser.settledAt(depth);
  }

  /** The part has ended: what is left is read, and the parser closed. */
  end(): void {
    if (this.carried !== undefined) this.parser.write(this.decoder.write(this.carried));
    this.carried = undefined;
    this.parser.write(this.decoder.end());
    this.parser.close();
  }
}
