import type { Category } from '../../core/categories.js';
import type { SampledResponse } from '../../core/discover-sample.js';
import { describeMentions } from '../../core/followup.js';
import type { LedgerCase } from '../../core/ledger.js';
import { listedDiscovery } from '../../core/listed-themes.js';
import type { CommentReader, Reading } from '../../core/themes.js';
import type { DiscoveredFinder } from '../../core/discover-finder.js';
import { withDiscovered } from '../../core/segment.js';
import type { ListSource } from '../../output/write/lists.js';
import { serializerFor } from '../../output/write/records.js';
import { HELD_FINISHED, HELD_PENDING, type PendingRow, type SegmentConfig } from '../jobs/segment.js';

/** The lists' rows written at last: each held row's discovered themes added to its themes column, then the row made a record. */
export function discoveredRows(lists: ListSource, find: DiscoveredFinder, config: SegmentConfig, at: number): ListSource {
  const serialize = serializerFor(config.record.format, config.header, config.record);
  const questions = config.lists.questions ?? [];
  function* finished(category: Category): Generator<string> {
    for (const held of lists.ordered(category)) {
      if (held.startsWith(HELD_FINISHED)) {
        yield held.slice(HELD_FINISHED.length);
        continue;
      }
      const [language, comment, ...cells] = JSON.parse(held.slice(HELD_PENDING.length)) as PendingRow;
      cells[at] = withDiscovered(cells[at] ?? '', find(comment, language), questions);
      yield serialize(cells);
    }
  }
  return { ordered: finished };
}

/**
 * Each listed case's comment, read, with its themes column: the named themes, then those discovered in the
 * comments of the ledger's cases of the run's window (`pool`; none with --no-discover), as a run without a ledger
 * discovers them in the window's comments. A case's themes then do not depend on which cases are listed with it
 * (--new-only lists a few), and an alert's run does not read the ledger's whole history.
 */
export function ledgerReadings(
  listed: readonly LedgerCase[],
  pool: readonly LedgerCase[],
  commentOf: (row: number) => string,
  reader: CommentReader,
  discover: boolean,
): (row: number) => (Reading & { themes: string }) | undefined {
  const readings = new Map<number, Reading>();
  const readingAt = (row: number): Reading | undefined => {
    const comment = commentOf(row).trim();
    if (comment === '') return undefined;
    let reading = readings.get(row);
    if (reading === undefined) {
      reading = reader.read(comment);
      readings.set(row, reading);
    }
    return reading;
  };
  const sampled: SampledResponse[] = [];
  if (discover) {
    for (const found of pool) {
      if (found.category === undefined) continue;
      const reading = readingAt(found.row);
      if (reading === undefined) continue;
      const answer = { text: commentOf(found.row).trim(), language: reading.language, themes: reading.mentions.map((mention) => mention.theme) };
      sampled.push({ priority: 0, order: found.row, category: found.category, side: undefined, answers: [answer] });
    }
  }
  for (const found of listed) readingAt(found.row);
  const find = sampled.length > 0 ? listedDiscovery(sampled).find : undefined;
  return (row) => {
    const reading = readings.get(row);
    if (reading === undefined) return undefined;
    const named = describeMentions(reading.mentions);
    return { ...reading, themes: find === undefined ? named : withDiscovered(named, find(commentOf(row).trim(), reading.language)) };
  };
}
