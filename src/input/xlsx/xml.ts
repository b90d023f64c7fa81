import { SaxesParser } from '../../libraries/saxes.js';
import { MAX_TEXT_CHARS, textTooLong } from './limits.js';

/** The XML of a workbook's parts: names without their prefix, and a streaming parser over them. */

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
}

/**
 * A streaming XML parser calling `handlers` with names stripped of the root
 * element's prefix: the elements `nps` reads are all in the root's namespace, and
 * Excel writes none, so most files cost no stripping at all.
 *
 * saxes gathers a text, a tag or an attribute whole before it hands it over: one
 * 2 GB text would be gathered whole in memory. So the characters written since the
 * parser last handed anything over are counted (from the end of the chunk that held
 * it, never more than they are), and past MAX_TEXT_CHARS the XML is refused.
 */
export function xmlParser(handlers: XmlHandlers): XmlParser {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  let prefix: string | undefined;
  const nameOf = (name: string): string => {
    prefix ??= name.slice(0, name.indexOf(':') + 1);
    return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  let written = 0;
  let handedOver = 0;
  const handed = (): void => {
    handedOver = written;
  };
  parser.on('opentag', (tag) => {
    handed();
    open?.(nameOf(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    handed();
    close?.(nameOf(tag.name));
  });
  const onText = (chunk: string): void => {
    handed();
    text?.(chunk);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  return {
    write: (chunk) => {
      written += chunk.length;
      parser.write(chunk);
      if (written - handedOver > MAX_TEXT_CHARS) throw textTooLong();
    },
    close: () => void parser.close(),
  };
}
