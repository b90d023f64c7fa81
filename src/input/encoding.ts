import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Encoding } from '../core/columns-report.js';

export type { Encoding };


export interface DetectedEncoding {
  encoding: Encoding;
  /** Bytes of byte order mark to skip before the text. */
  bomLength: number;
}

const startsWith = (head: Buffer, ...bytes: number[]): boolean => bytes.every((byte, index) => head[index] === byte);

/** Whether `head` is UTF-8, allowing a character cut in two at its end. */
function isUtf8Text(head: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file from its first bytes: a byte order mark says it outright;
 * without one, text that is not valid UTF-8 is taken as Windows-1252, the encoding
 * of older Excel and Windows exports, and `nps` says so.
 */
export function detectEncoding(head: Buffer): DetectedEncoding {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, 0xff, 0xfe)) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, 0xfe, 0xff)) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isUtf8Text(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

export interface Decoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** A streaming decoder: characters split across chunks are joined, never mangled. */
export function createDecoder(encoding: Encoding): Decoder {
  if (encoding === 'utf-8') {
    // Node's own UTF-8 decoder: TextDecoder's streaming mode showed as a tenth of a 1M-row profile.
    const decoder = new StringDecoder('utf8');
    return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() };
  }
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
}

/**
 * How many bytes at the end of `bytes` start a UTF-8 character that more bytes would
 * complete (0 to 3). Bytes that cannot be such a start are left to the validity test.
 */
function incompleteTail(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back += 1) {
    const byte = bytes[length - back] ?? 0;
    if (byte < 0x80) return 0;
    // A continuation byte: its character starts further back.
    if (byte < 0xc0) continue;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needs > back ? back : 0;
  }
  return 0;
}

/**
 * UTF-8 text taken a byte per character: each chunk's bytes as a Latin-1 string, once
 * the bytes are known to be valid UTF-8. A string of bytes is made by copying (no
 * decoding), and its positions are the bytes': the delimiters, quotes and line breaks
 * of CSV are single bytes in UTF-8, never part of another character, so records and
 * fields are found in it as in the decoded text. What a reader keeps of it is made
 * characters with `characters`. A character cut by the chunk's end is held for the next.
 */
export class ByteText {
  private held: Buffer = Buffer.alloc(0);

  /** The chunk, with any bytes held from the last, as bytes; undefined when they are not valid UTF-8 (see `release`). */
  write(chunk: Buffer): string | undefined {
    const bytes = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const whole = bytes.length - incompleteTail(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) {
      this.held = bytes;
      return undefined;
    }
    this.held = Buffer.from(bytes.subarray(whole));
    return bytes.toString('latin1', 0, whole);
  }

  /** The bytes not yet taken as text (a chunk that was not valid UTF-8, or a character cut at the end), to decode. */
  release(): Buffer {
    const held = this.held;
    this.held = Buffer.alloc(0);
    return held;
  }
}

/** Text taken a byte per character (ByteText), as the characters its bytes stand for in UTF-8. */
export function characters(bytes: string): string {
  for (let at = 0; at < bytes.length; at += 1) {
    if (bytes.charCodeAt(at) > 0x7f) return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return bytes;
}

/** Text as a byte per character: the inverse of `characters`. */
export function asBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
