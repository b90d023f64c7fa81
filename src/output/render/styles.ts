/**
 * The five styles the tables are drawn with, as ANSI escapes of the basic 16 colours,
 * written as chalk writes them at its level 1: a style closed before each line break
 * and opened again after it (so a pager or `less -R` shows each line styled), and an
 * inner style of the same kind opened again where it closes (bold inside bold stays
 * bold). Whether to draw them is the caller's choice (io.ts decides: a TTY, --color,
 * NO_COLOR). chalk was loaded for this alone, and its colour detection, which `nps`
 * does not use, cost about 19 ms of every run's start.
 */
export interface Styles {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}

type Style = (text: string) => string;

function style(open: string, close: string): Style {
  const before = `\u001B[${open}m`;
  const after = `\u001B[${close}m`;
  return (text) => {
    if (text === '') return '';
    let inner = text.includes('\u001B') ? text.replaceAll(after, after + before) : text;
    if (inner.includes('\n')) inner = inner.replace(/(\r?\n)/g, `${after}$1${before}`);
    return before + inner + after;
  };
}

const plain: Style = (text) => text;

const COLOURED: Styles = {
  bold: style('1', '22'),
  dim: style('2', '22'),
  red: style('31', '39'),
  green: style('32', '39'),
  yellow: style('33', '39'),
};

const PLAIN: Styles = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };

/** The styles, drawn or not. */
export const stylesFor = (color: boolean | undefined): Styles => (color === true ? COLOURED : PLAIN);
