import { CATEGORIES } from './categories.js';
import type { SampledAnswer, SampledResponse } from './discover-sample.js';

/**
 * The responses discovery reads, as they travel from a reading thread to the one that
 * merges: in columns of numbers, with their texts joined into one string and every name
 * (a side, a language, a theme) written once. A thread sends up to 50,000 of them; as
 * objects, their structured clone took about 0.1 s to write and 0.15–0.2 s to read on
 * the critical path of `themes` and `report` (a test holds what arrives to what was sent).
 */
export interface PackedResponses {
  count: number;
  priorities: Float64Array;
  orders: Float64Array;
  /** The index of each response's group in CATEGORIES. */
  categories: Uint8Array;
  /** Each response's side as an index into `names`, -1 for none; and how many answers it has. */
  sides: Int32Array;
  answerCounts: Uint32Array;
  /** Per answer: where its text ends in `texts`, its language (in `names`), how many themes it names. */
  textEnds: Uint32Array;
  languages: Uint32Array;
  themeCounts: Uint32Array;
  /** The themes of every answer, one answer's after another's, as indices into `names`. */
  themes: Uint32Array;
  texts: string;
  names: string[];
}

class Names {
  private readonly indices = new Map<string, number>();
  readonly list: string[] = [];

  of(name: string): number {
    let index = this.indices.get(name);
    if (index === undefined) {
      index = this.list.length;
      this.indices.set(name, index);
      this.list.push(name);
    }
    return index;
  }
}

export function packResponses(entries: readonly SampledResponse[]): PackedResponses {
  const count = entries.length;
  const answers = entries.reduce((sum, entry) => sum + entry.answers.length, 0);
  const themeTotal = entries.reduce((sum, entry) => sum + entry.answers.reduce((inner, answer) => inner + answer.themes.length, 0), 0);
  const packed: PackedResponses = {
    count,
    priorities: new Float64Array(count),
    orders: new Float64Array(count),
    categories: new Uint8Array(count),
    sides: new Int32Array(count),
    answerCounts: new Uint32Array(count),
    textEnds: new Uint32Array(answers),
    languages: new Uint32Array(answers),
    themeCounts: new Uint32Array(answers),
    themes: new Uint32Array(themeTotal),
    texts: '',
    names: [],
  };
  const names = new Names();
  const texts: string[] = [];
  let answer = 0;
  let theme = 0;
  let length = 0;
  entries.forEach((entry, at) => {
    packed.priorities[at] = entry.priority;
    packed.orders[at] = entry.order;
    packed.categories[at] = CATEGORIES.indexOf(entry.category);
    packed.sides[at] = entry.side === undefined ? -1 : names.of(entry.side);
    packed.answerCounts[at] = entry.answers.length;
    for (const { text, language, themes } of entry.answers) {
      texts.push(text);
      length += text.length;
      packed.textEnds[answer] = length;
      packed.languages[answer] = names.of(language);
      packed.themeCounts[answer] = themes.length;
      for (const name of themes) packed.themes[theme++] = names.of(name);
      answer += 1;
    }
  });
  packed.texts = texts.join('');
  packed.names = names.list;
  return packed;
}

export function unpackResponses(packed: PackedResponses): SampledResponse[] {
  const { names } = packed;
  const name = (index: number): string => names[index] ?? '';
  const entries: SampledResponse[] = [];
  let answer = 0;
  let theme = 0;
  let start = 0;
  for (let at = 0; at < packed.count; at += 1) {
    const answers: SampledAnswer[] = [];
    for (let left = packed.answerCounts[at] ?? 0; left > 0; left -= 1) {
      const end = packed.textEnds[answer] ?? start;
      const themes: string[] = [];
      for (let left = packed.themeCounts[answer] ?? 0; left > 0; left -= 1) themes.push(name(packed.themes[theme++] ?? 0));
      answers.push({ text: packed.texts.slice(start, end), language: name(packed.languages[answer] ?? 0), themes });
      start = end;
      answer += 1;
    }
    const side = packed.sides[at] ?? -1;
    entries.push({
      priority: packed.priorities[at] ?? 0,
      order: packed.orders[at] ?? 0,
      category: CATEGORIES[packed.categories[at] ?? 0] ?? 'promoters',
      side: side === -1 ? undefined : name(side),
      answers,
    });
  }
  return entries;
}
