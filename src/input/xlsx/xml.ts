import { SaxesParser } from 'saxes';

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

/**
 * A streaming XML parser calling `handlers` with names stripped of the root
 * element's prefix: the elements `nps` reads are all in the root's namespace, and
 * Excel writes none, so most files cost no stripping at all.
 */
export function xmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  let prefix: string | undefined;
  const nameOf = (name: string): string => {
    prefix ??= name.slice(0, name.indexOf(':') + 1);
    return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  if (open) parser.on('opentag', (tag) => open(nameOf(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(nameOf(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}
