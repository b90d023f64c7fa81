/**
 * The controls of bidirectional text: embeddings and overrides (U+202A–U+202E),
 * isolates (U+2066–U+2069) and the Arabic letter mark (U+061C). Invisible, they
 * reorder the text around them: `\u202Emoc.elpmaxe@nimda` shows as another address.
 * Text from the input shows them visibly on a terminal, isolated in the report, and
 * neutralised in CSV lists, as it does with the other control characters and with
 * cells a spreadsheet would run as formulas.
 */
export const BIDI_CONTROLS = /[\u061c\u202a-\u202e\u2066-\u2069]/g;

export function hasBidiControl(text: string): boolean {
  BIDI_CONTROLS.lastIndex = 0;
  const found = BIDI_CONTROLS.test(text);
  BIDI_CONTROLS.lastIndex = 0;
  return found;
}

/** `\u202e`: how a control character is written where it must be seen, not obeyed. */
export function escapeControl(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
