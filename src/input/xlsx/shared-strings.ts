import { isAscii, isUtf8 } from 'node:buffer';
import { MAX_TEXT_CHARS, textTooLong } from './limits.js';
import { readsOtherwise, scanSharedString } from './shortcuts.js';
import { unescapeText } from './values.js';
import { isSpace, xmlParser, XmlBytes, type Shortcut, type XmlHandlers } from './xml.js';

/**
 * A workbook's shared strings: the table of texts its cells point to by number, and the
 * reading of its part.
 *
 * Most of a table is `<si><t>text</t></si>`, one after another. Those are read from the
 * part's bytes: their text's bytes are copied into the table, and made characters only
 * when a cell first asks for a string of their block. A `score` of a 1M-row workbook asks
 * for a few thousand of its 2.3 million; decoding, cutting and packing all of them was a
 * quarter of its time. Everything else (runs of rich text, a phonetic guide, references,
 * a carriage return, an `_xHHHH_` escape, a string cut by the end of a chunk more than
 * 64 KiB from its start or cut again once joined to the next chunk) goes to the XML
 * reader's events, which read it as they read any part, from its first byte up to the
 * next `<si><t` at which they have nothing open but the table (the root, `sst`).
 */

/**
 * Strings packed by this many into one block. A block of short texts made characters is
 * then one string of a few hundred KB, which V8 keeps among its large objects and never
 * copies; blocks of 4,096 (about 100 KB) were each copied twice by the collector, and a
 * read of every column of the 1M-row workbook took 0.1 s more.
 */
const STRINGS_PER_BLOCK = 16384;

/** A block made characters: its strings joined into one, and where each starts. */
interface JoinedBlock {
  text: string;
  starts: Uint32Array;
}

/** A block whose strings, joined, would be longer than a string may be: each kept as it is. */
interface ListedBlock {
  texts: string[];
}

type TextBlock = JoinedBlock | ListedBlock;

/**
 * The most characters a block's strings are joined into: V8's strings hold at most 2^29 - 24
 * (a block of 16,384 of Excel's longest texts, 32,767 characters, just fits, but the XML
 * may hold longer ones).
 */
const MAX_JOINED_CHARS = 2 ** 28;

/** A block of strings read from bytes: their UTF-8 bytes one after another, and where each starts. */
interface ByteBlock {
  bytes: Buffer;
  starts: Uint32Array;
}

const isByteBlock = (block: TextBlock | ByteBlock): block is ByteBlock => 'bytes' in block;

/**
 * The shared strings table, packed: each block of strings joined into one string, with
 * where each starts. A string the XML parser hands over may be a slice of a whole chunk
 * of the XML, which it then keeps in memory; and each string of its own costs V8 a
 * header. Packed, the table of a 1M-row sheet with 2M distinct texts (an id and an email
 * per row) takes 40 MB, and reading the sheet peaks at 135 MB instead of 260. A block
 * whose strings were all read as bytes stays bytes until one of its strings is asked for.
 */
export class SharedStrings {
  private readonly blocks: Array<TextBlock | ByteBlock> = [];
  /** The block being filled: its strings' bytes, where each starts, and those the events read (by place in the block). */
  private pendingBytes = Buffer.allocUnsafe(1 << 16);
  private pendingUsed = 0;
  private readonly pendingStarts = new Uint32Array(STRINGS_PER_BLOCK + 1);
  private pendingTexts: Map<number, string> | undefined;
  private pendingCount = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** A string the events read. */
  push(text: string): void {
    this.pendingTexts ??= new Map();
    this.pendingTexts.set(this.pendingCount, text);
    this.endString();
  }

  /** Packs the strings pushed since the last block, once the table is read; lets go of the memory blocks are made in. */
  seal(): void {
    this.sealBlock();
    this.pendingBytes = Buffer.alloc(0);
  }

  /** Packs the strings pushed since the last block. */
  private sealBlock(): void {
    const count = this.pendingCount;
    if (count === 0) return;
    const starts = this.pendingStarts.slice(0, count + 1);
    const texts = this.pendingTexts;
    const bytes = this.pendingBytes.subarray(0, this.pendingUsed);
    // A block that holds strings the events read is made characters now: those strings may be slices of a chunk.
    this.blocks.push(texts === undefined ? { bytes: copyOf(bytes), starts } : packed(bytes, starts, texts));
    this.pendingUsed = 0;
    this.pendingCount = 0;
    this.pendingTexts = undefined;
  }

  /** The block that holds string `index`, by number; -1 when the table has no such string. */
  private blockOf(index: number): number {
    return Number.isInteger(index) && index >= 0 && index < this.count ? Math.floor(index / STRINGS_PER_BLOCK) : -1;
  }

  get(index: number): string | undefined {
    const number = this.blockOf(index);
    if (number === -1) return undefined;
    const block = this.blocks[number];
    const at = index - number * STRINGS_PER_BLOCK;
    if (block === undefined) return this.pendingString(at);
    const text = isByteBlock(block) ? (this.blocks[number] = characters(block)) : block;
    return 'texts' in text ? text.texts[at] : text.text.slice(text.starts[at], text.starts[at + 1]);
  }

  /** Whether the string `get` gives is empty (or missing), told without making characters of its block. */
  isEmpty(index: number): boolean {
    const number = this.blockOf(index);
    if (number === -1) return true;
    const at = index - number * STRINGS_PER_BLOCK;
    const block = this.blocks[number];
    if (block === undefined) return this.pendingString(at) === '';
    if ('texts' in block) return block.texts[at] === '';
    // Bytes make no characters only when there are none: a byte that is not UTF-8 is a character of its own (U+FFFD).
    return block.starts[at] === block.starts[at + 1];
  }

  /** A string of the block being filled (asked before the table is sealed: a test's). */
  private pendingString(at: number): string | undefined {
    const text = this.pendingTexts?.get(at);
    if (text !== undefined) return text;
    return this.pendingBytes.toString('utf8', this.pendingStarts[at], this.pendingStarts[at + 1]);
  }

  private endString(): void {
    this.pendingCount += 1;
    this.count += 1;
    this.pendingStarts[this.pendingCount] = this.pendingUsed;
    if (this.pendingCount === STRINGS_PER_BLOCK) this.sealBlock();
  }

  /** Room for `more` bytes in the block being filled. */
  private makeRoom(more: number): Buffer {
    const needed = this.pendingUsed + more;
    if (needed > this.pendingBytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, this.pendingBytes.length * 2));
      this.pendingBytes.copy(larger, 0, 0, this.pendingUsed);
      this.pendingBytes = larger;
    }
    return this.pendingBytes;
  }

  /**
   * Reads the strings of the common shape written one after another in `bytes` from `from`
   * (white space between them passed over), into the table. Says where it stopped: at the
   * end; at a string the end cuts (`cut`: one that may turn out to be of the common shape
   * once the next chunk comes); or at anything else, for the events.
   */
  readCommon(bytes: Buffer, from: number): { at: number; cut: boolean } {
    let at = from;
    const end = bytes.length;
    for (;;) {
      while (at < end && isSpace(bytes[at] ?? 0)) at += 1;
      if (at >= end) return { at, cut: false };
      const textStart = commonStartAt(bytes, at);
      if (textStart === CUT) return { at, cut: true };
      if (textStart === OTHER) return { at, cut: false };
      // The text's bytes are copied as they are looked at: room for all the chunk could hold.
      const into = this.makeRoom(end - textStart);
      let out = this.pendingUsed;
      let textEnd = textStart;
      let code = 0;
      for (; textEnd < end; textEnd += 1) {
        code = bytes[textEnd] ?? 0;
        // Letters, most of a text, are past `<` and every byte readsOtherwise looks for: one comparison for them. A byte
        // past the chunk's end may make `_x`: the string is then left cut, for the next chunk to tell.
        if (code <= UNDERSCORE && (code === LESS || readsOtherwise(code, bytes[textEnd + 1] ?? LOWER_X))) break;
        into[out] = code;
        out += 1;
      }
      if (textEnd + STRING_END.length > end) return { at, cut: true };
      if (code !== LESS || textEnd - textStart > MAX_TEXT_CHARS || !endsString(bytes, textEnd)) return { at, cut: false };
      this.pendingUsed = out;
      this.endString();
      at = textEnd + STRING_END.length;
    }
  }
}

/** A copy of `bytes` in memory of its own (Buffer.from copies a Buffer a byte at a time). */
function copyOf(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** A block's strings made characters, as the events' strings are kept: joined, with where each starts. */
function packed(bytes: Buffer, byteStarts: Uint32Array, texts: ReadonlyMap<number, string>): TextBlock {
  const count = byteStarts.length - 1;
  const pieces: string[] = [];
  const starts = new Uint32Array(count + 1);
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    const piece = texts.get(index) ?? bytes.toString('utf8', byteStarts[index], byteStarts[index + 1]);
    starts[index] = at;
    at += piece.length;
    pieces.push(piece);
  }
  if (at > MAX_JOINED_CHARS) return { texts: pieces };
  starts[count] = at;
  return { text: pieces.join(''), starts };
}

/**
 * A block of bytes made characters. ASCII is its own characters. Other UTF-8 is decoded
 * whole when each string begins a character: then each string's characters are its
 * bytes that begin one, and one more for each written as two UTF-16 units (four bytes).
 * Bytes that are not UTF-8 are decoded string by string, as the events decode them: a
 * string's broken end must not join the next string's start.
 */
function characters(block: ByteBlock): TextBlock {
  const { bytes, starts } = block;
  // A block makes at most as many characters as it has bytes.
  if (bytes.length > MAX_JOINED_CHARS) return packed(bytes, starts, new Map());
  if (isAscii(bytes)) return { text: bytes.toString('latin1'), starts };
  const count = starts.length - 1;
  if (!isUtf8(bytes) || !eachBeginsACharacter(bytes, starts)) return packed(bytes, starts, new Map());
  const units = new Uint32Array(count + 1);
  let unit = 0;
  for (let index = 0; index < count; index += 1) {
    units[index] = unit;
    const last = starts[index + 1] ?? 0;
    for (let at = starts[index] ?? 0; at < last; at += 1) {
      const byte = bytes[at] ?? 0;
      if ((byte & 0xc0) !== 0x80) unit += byte >= 0xf0 ? 2 : 1;
    }
  }
  units[count] = unit;
  return { text: bytes.toString('utf8'), starts: units };
}

/** Whether no string of the block starts with a byte that continues a character. */
function eachBeginsACharacter(bytes: Buffer, starts: Uint32Array): boolean {
  for (let index = 0; index + 1 < starts.length; index += 1) {
    const start = starts[index] ?? 0;
    if (start < (starts[index + 1] ?? 0) && ((bytes[start] ?? 0) & 0xc0) === 0x80) return false;
  }
  return true;
}

const LESS = 0x3c;
const UNDERSCORE = 0x5f;
const LOWER_X = 0x78;

const STRING_START = Buffer.from('<si><t>');
const STRING_START_KEPT = Buffer.from('<si><t xml:space="preserve">');
const STRING_END = Buffer.from('</t></si>');
const CUT = -1;
const OTHER = -2;

/** Whether `bytes` holds `expected` at `at`, as far as they go: 1 when whole, 0 when cut short by their end, -1 when not. */
function matchAt(bytes: Buffer, at: number, expected: Buffer): number {
  for (let index = 0; index < expected.length; index += 1) {
    if (at + index >= bytes.length) return 0;
    if (bytes[at + index] !== expected[index]) return -1;
  }
  return 1;
}

/** Where the text of a string of the common shape starts, from its `<` at `at`; CUT when the bytes end first; OTHER when it is another shape. */
function commonStartAt(bytes: Buffer, at: number): number {
  const plain = matchAt(bytes, at, STRING_START);
  if (plain === 1) return at + STRING_START.length;
  // `<si><t` then ` xml:space="preserve">`, the only attribute read here.
  const kept = matchAt(bytes, at, STRING_START_KEPT);
  if (kept === 1) return at + STRING_START_KEPT.length;
  return plain === 0 || kept === 0 ? CUT : OTHER;
}

/** Whether `</t></si>` is written at `at`. */
const endsString = (bytes: Buffer, at: number): boolean => matchAt(bytes, at, STRING_END) === 1;

/** The XML reader's events for a part, as the byte reading hands them bytes. */
export interface PartEvents {
  write(bytes: Buffer): void;
  end(): void;
  /** Whether the events have read all they were given and have exactly `depth` elements open. */
  settledAt(depth: number): boolean;
}

/**
 * The shared strings part read as XML events, into `strings`: one string per entry, its
 * runs of rich text joined, its phonetic guide (`rPh`, the furigana of Japanese workbooks)
 * left out. Strings of the common shape met among the events are read whole by their
 * shortcut, as their events would read them.
 */
export function sharedStringsEvents(strings: SharedStrings): PartEvents {
  let text = '';
  let capture = false;
  let phonetic = false;
  /** The root element's name (without its prefix), once opened. */
  let root: string | undefined;
  const whole = { text: '', escaped: false };
  const wholeStringAt: Shortcut = (input, lt) => {
    if (capture || phonetic) return -1;
    let end = -1;
    for (let at = lt; input.charCodeAt(at) === LESS; at = end + 1) {
      const last = scanSharedString(input, at, whole);
      if (last === -1) break;
      strings.push(whole.escaped ? unescapeText(whole.text) : whole.text);
      // Inside a string the events read (a string in a string), its text is what the events would have gathered.
      text = whole.text;
      end = last;
    }
    return end;
  };
  const handlers: XmlHandlers = {
    open: (name) => {
      root ??= name;
      if (name === 't') capture = !phonetic;
      else if (name === 'si') text = '';
      else if (name === 'rPh') phonetic = true;
    },
    close: (name) => {
      if (name === 't') capture = false;
      else if (name === 'rPh') phonetic = false;
      else if (name === 'si') strings.push(unescapeText(text));
    },
    text: (chunk) => {
      if (!capture) return;
      text += chunk;
      if (text.length > MAX_TEXT_CHARS) throw textTooLong();
    },
  };
  const events = new XmlBytes(xmlParser(handlers, undefined, wholeStringAt));
  return {
    write: (bytes) => events.write(bytes),
    end: () => events.end(),
    // Inside a root of another name (a `t`, an `si`), a string the bytes read would not be what the events read.
    settledAt: (depth) => root === 'sst' && !capture && !phonetic && events.settledAt(depth),
  };
}

/** Where the byte reading may start again: a string of the common shape (or one written `<si><t …>`, looked at then). */
const RESUME_AT = Buffer.from('<si><t');
const STRING_CLOSE = Buffer.from('</si>');

/**
 * A string cut by the end of a chunk waits for the next one joined to it, up to this many
 * bytes: a longer one goes to the events, which gather a long text without copying it again
 * for each chunk.
 */
const MAX_CARRIED_BYTES = 64 * 1024;

/**
 * The events are asked at most this many times in a chunk (a chunk joined to a string the
 * last one cut: twice) whether the byte reading may take over at a `<si><t`; then they read
 * the rest of it. Each time costs a search and a call into the events, a few microseconds:
 * a table that mixes the common shape with others string by string would otherwise be read
 * slower than by the events alone. A chunk holds thousands of strings.
 */
const RESUMES_PER_CHUNK = 64;

/**
 * Reads the shared strings part: strings of the common shape into the table from the bytes,
 * the rest through `events`. The events start (the XML declaration and the table's start
 * tag), and take over at anything else, with the rest of the chunk. The byte reading takes
 * over again at the next `<si><t` where the events have read all they were given and have
 * only the table open, so that what the byte reading reads is what the events would read
 * there: a string in the table, of the common shape. (The events read those whole too,
 * through their shortcut, and the strings they read join the table in their order.)
 */
export class SharedStringsReader {
  private carried: Buffer | undefined;
  private fromBytes = false;

  constructor(
    private readonly strings: SharedStrings,
    private readonly events: PartEvents,
  ) {}

  write(chunk: Buffer): void {
    const carried = this.carried;
    if (carried === undefined) {
      this.read(chunk);
      return;
    }
    // The string the last chunk cut is joined to this chunk up to the end of a string, not to all of it.
    this.carried = undefined;
    const close = chunk.indexOf(STRING_CLOSE);
    const joinTo = close === -1 ? chunk.length : close + STRING_CLOSE.length;
    this.read(Buffer.concat([carried, chunk.subarray(0, joinTo)]), true);
    if (joinTo < chunk.length) this.write(chunk.subarray(joinTo));
  }

  /** Reads `bytes`; `joined` when they start with a string the last chunk cut, which is then not carried again. */
  private read(bytes: Buffer, joined = false): void {
    let at = 0;
    // Where the next `<si><t` is looked for: past the string that stopped the byte reading, which the events take.
    let searchFrom = 0;
    for (let resumes = 0; ; resumes += 1) {
      if (!this.fromBytes) {
        const resume = resumes < RESUMES_PER_CHUNK ? bytes.indexOf(RESUME_AT, searchFrom) : -1;
        if (resume === -1) {
          this.events.write(bytes.subarray(at));
          return;
        }
        this.events.write(bytes.subarray(at, resume));
        at = resume;
        searchFrom = resume + 1;
        if (!this.events.settledAt(1)) continue;
        this.fromBytes = true;
      }
      const stop = this.strings.readCommon(bytes, at);
      if (stop.at >= bytes.length) return;
      // A string cut again (chunks smaller than it) goes to the events: carried each time, it would be copied and read
      // again from its start with every chunk.
      if (stop.cut && bytes.length - stop.at <= MAX_CARRIED_BYTES && !(joined && stop.at === 0)) {
        // A copy: a stream may hand over a view of memory it writes again.
        this.carried = copyOf(bytes.subarray(stop.at));
        return;
      }
      this.fromBytes = false;
      at = stop.at;
      searchFrom = at + 1;
    }
  }

  /** The part has ended: a string it cut, and the rest, are the events'. */
  end(): void {
    if (this.carried !== undefined) this.events.write(this.carried);
    this.carried = undefined;
    this.events.end();
  }
}
