import { readFileSync } from 'node:fs';
import type { DetectLanguage } from '../core/themes.js';
import { readLanguageTable } from './language-table.js';

/** A comment's language shows in its first sentences; n-grams past them cost time and tell nothing more. */
const DETECTED_LENGTH = 400;

/** What eld's detector answers. */
interface Eld {
  detect(text: string): { language: string; isReliable(): boolean; getScores(): Record<string, number> };
}

/**
 * The table `npm run build` writes beside this module (scripts/language-table.mjs), named from
 * two folders down so that the bundle of dist/bundle/ finds it too (scripts/bundle.mjs).
 */
const TABLE = new URL('../input/eld-small.bin', import.meta.url);

/**
 * The language detector: Nito-ELD (the `eld` package) with its small n-gram database,
 * bundled in the package, so nothing is fetched at run time. It is loaded only when
 * comments are to be read and no --language is given. eld's own module of the table
 * takes about 0.67 s and 190 MB to evaluate; the same table as the build writes it is
 * read in about 6 ms, each n-gram made the first time it is looked up
 * (language-table.ts), and gives the same answers (a test holds the two to each other).
 * It is given to eld through its detector's loader, the one eld's own entries use; when
 * it is not there (the tests, which run src/), eld's module is loaded as it is.
 */
export async function loadLanguageDetector(): Promise<DetectLanguage> {
  const eld = (await fromTable()) ?? (await import('eld/small')).eld;
  return (text) => {
    const result = eld.detect(text.length > DETECTED_LENGTH ? text.slice(0, DETECTED_LENGTH) : text);
    return { language: result.language, reliable: () => result.isReliable(), scores: () => result.getScores() };
  };
}

/** The table's bytes; undefined before a build. Read at once: an asynchronous read of its 2.9 MB waited on a thread 10 ms. */
function tableBytes(): Buffer | undefined {
  try {
    return readFileSync(TABLE);
  } catch {
    return undefined;
  }
}

async function fromTable(): Promise<Eld | undefined> {
  const buffer = tableBytes();
  if (buffer === undefined) return undefined;
  try {
    // eld's entries build their detector so; the package exports only the entries, so its file is named.
    const detector = new URL('../languageDetector.js', import.meta.resolve('eld/small'));
    const { createEld } = (await import(detector.href)) as { createEld: () => { instance: Eld; loadData: (data: unknown) => unknown } };
    const { instance, loadData } = createEld();
    loadData(readLanguageTable(buffer));
    return instance;
  } catch {
    // Another eld than the one the table was written for (its files moved): its own module still answers.
    return undefined;
  }
}
