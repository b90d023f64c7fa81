import Sentiment from 'sentiment';

/**
 * Whether a promoter's comment reads as praise, worth asking to publish as a
 * testimonial. Words are scored by the AFINN-165 list (Nielsen 2011, through the
 * `sentiment` package), which also turns "not bad" around; to it are added the
 * complaints NPS comments are made of and AFINN leaves neutral. A comment reads as
 * praise when its words sum above zero and none of them is negative: "Love it" is
 * praise, "Great, but it crashes" and "Crashed twice, lost work" are not. The list
 * is English: a comment in another language has no word it knows, and is not praise.
 */
const COMPLAINTS: Record<string, number> = Object.fromEntries(
  [
    'crash', 'crashes', 'crashed', 'crashing', 'bug', 'bugs', 'buggy', 'slow', 'slower', 'laggy', 'lag', 'expensive',
    'pricey', 'overpriced', 'broken', 'breaks', 'outage', 'outages', 'glitch', 'glitches', 'freezes', 'froze', 'unusable',
    'confusing', 'clunky', 'missing', 'downtime', 'errors', 'error', 'fails', 'failed', 'failing',
  ].map((word) => [word, -2]),
);

const analyzer = new Sentiment();

export function readsAsPraise(comment: string): boolean {
  if (comment.trim() === '') return false;
  const result = analyzer.analyze(comment, { extras: COMPLAINTS });
  return result.score > 0 && result.negative.length === 0;
}
