import { scoreEvidence, wordsOf, type ScoreEvidence } from './header-words.js';
import { emptyProfile, holdsScores, looksLikeRecommendAnswers, share, spreadOf, type ColumnProfile } from './profiles.js';
import { quote } from '../core/clip.js';

/**
 * Which column holds the answers to "how likely are you to recommend": decided by
 * what each column holds (nearly all 0-10 scores, spread as such answers are), with
 * the header as evidence (the question itself, "NPS" anywhere in the name, a word
 * for a score). A column whose answers are not scores never wins over one whose
 * answers are, whatever it is called. Where the choice is not obvious, the decision
 * says why, in words a stderr line can carry.
 */

/** A column that could be the score, with how strongly, and why in a few words. */
export interface ScoreCandidate {
  index: number;
  evidence: ScoreEvidence;
  /** A ranking, 0 to about 100: the header's evidence and the content's. */
  points: number;
  /** What speaks for it (and against), in a few words each. */
  reasons: string[];
  answered: number;
  holdsScores: boolean;
}

export type ScoreDecision =
  | { kind: 'chosen'; index: number; candidates: ScoreCandidate[]; why: string | undefined; byNameOnly?: boolean }
  | { kind: 'none'; candidates: ScoreCandidate[] }
  | { kind: 'several'; candidates: ScoreCandidate[]; why: string };

const EVIDENCE_POINTS: Record<ScoreEvidence, number> = { recommend: 50, nps: 45, 'score-word': 15, related: 8, none: 0, 'other-number': -30, 'nps-group': -50 };
const EVIDENCE_WORDS: Record<ScoreEvidence, string> = {
  recommend: 'asks about recommending',
  nps: 'named NPS',
  'score-word': 'named like a score or an answer',
  related: 'named like a neighbouring measure (satisfaction)',
  none: 'its name says nothing of a score',
  'other-number': 'named like another number (an age, a count, an id…)',
  'nps-group': 'named as the NPS group of an answer, not the answer',
};

function candidateOf(profile: ColumnProfile, header: string, text: string): ScoreCandidate {
  const evidence = scoreEvidence(header, text);
  const scores = holdsScores(profile);
  const reasons = [EVIDENCE_WORDS[evidence]];
  if (profile.answered === 0) reasons.push('no answer in the first rows');
  else if (scores) reasons.push(`${Math.round(share(profile.scores, profile) * 100)}% of its answers are 0-10 scores, ${spreadOf(profile)} different`);
  else reasons.push(`only ${Math.round(share(profile.scores, profile) * 100)}% of its answers are 0-10 scores`);
  if (looksLikeRecommendAnswers(profile)) reasons.push('spread as recommend answers are');
  const content = scores ? 30 + (looksLikeRecommendAnswers(profile) ? 10 : 0) + Math.min(10, (10 * profile.answered) / Math.max(1, profile.rows)) : 0;
  return { index: profile.index, evidence, points: Math.round(EVIDENCE_POINTS[evidence] + content), reasons, answered: profile.answered, holdsScores: scores };
}

/** Names a header may carry and still be chosen when no column holds scores (a header alone, empty or messy first rows). */
const NAMED_ENOUGH = new Set<ScoreEvidence>(['recommend', 'nps', 'score-word']);
/** Headers that say outright they are the score: choosing one needs no word of why. */
const PLAIN_NAMES = new Set(['score', 'scores', 'nps', 'nps score', 'nps_score', 'npsscore', 'rating', 'ltr', 'hs_value', 'likelihood to recommend', 'net promoter score']);

/** Every column that could be the score: its answers are scores, or its header names the score. */
export function scoreCandidates(profiles: readonly ColumnProfile[], headers: readonly string[], texts: readonly string[]): ScoreCandidate[] {
  return profiles
    .map((profile) => candidateOf(profile, headers[profile.index] ?? '', texts[profile.index] ?? ''))
    .filter(
      (candidate) =>
        (candidate.holdsScores && candidate.evidence !== 'nps-group') ||
        (NAMED_ENOUGH.has(candidate.evidence) && (someScores(profiles[candidate.index]) || PLAIN_NAMES.has(normalize(headers[candidate.index] ?? '')))),
    )
    .sort((a, b) => Number(b.holdsScores) - Number(a.holdsScores) || b.points - a.points || a.index - b.index);
}

/** A named column is worth naming as a candidate with no answer yet, or with some scores among its answers (not a comment "about your score"). */
const someScores = (profile: ColumnProfile | undefined): boolean => profile === undefined || profile.answered === 0 || share(profile.scores, profile) >= 0.3;

const isStrong = (candidate: ScoreCandidate): boolean => candidate.evidence === 'recommend' || candidate.evidence === 'nps';

/**
 * The decision, in order: among the columns whose answers are scores, the one named as
 * the NPS question (recommend, NPS); else the only one named like a score; else the only
 * one whose answers spread as recommend answers do. Only when no column holds scores does
 * a header alone decide (a file with its header only, or answers yet to be cleaned).
 */
export function decideScore(profiles: readonly ColumnProfile[], headers: readonly string[], texts: readonly string[]): ScoreDecision {
  const candidates = scoreCandidates(profiles, headers, texts);
  const holding = candidates.filter((candidate) => candidate.holdsScores && candidate.evidence !== 'other-number');
  const strong = holding.filter(isStrong);
  if (strong.length > 0) return amongNamed(strong, candidates, headers);
  const plain = (candidate: ScoreCandidate): boolean => PLAIN_NAMES.has(normalize(headers[candidate.index] ?? ''));
  const named = holding.filter((candidate) => candidate.evidence === 'score-word');
  const [onlyNamed] = named;
  if (named.length === 1 && onlyNamed !== undefined) {
    const why = plain(onlyNamed) ? undefined : 'chosen by content: the only column of 0-10 answers with a name like a score';
    return { kind: 'chosen', index: onlyNamed.index, candidates, why };
  }
  const recommendLike = (candidate: ScoreCandidate): boolean => looksLikeRecommendAnswers(profiles[candidate.index] ?? emptyProfile(candidate.index));
  const pool = named.length > 1 ? named.filter(recommendLike) : holding.filter(recommendLike);
  const [only] = pool;
  if (pool.length === 1 && only !== undefined) {
    return { kind: 'chosen', index: only.index, candidates, why: 'chosen by content: the only column of 0-10 answers spread as recommend answers are' };
  }
  if (pool.length > 1 || named.length > 1) {
    return { kind: 'several', candidates: pool.length > 1 ? pool : named, why: 'several columns hold 0-10 answers and none is named as the NPS question' };
  }
  // No column holds plausible scores: a header that names the question, or the score, decides (the one whose cells
  // are most often scores); its rows will say what they hold.
  const scoreShare = (candidate: ScoreCandidate): number => share(profiles[candidate.index]?.scores ?? 0, profiles[candidate.index] ?? emptyProfile(candidate.index));
  const byShare = (a: ScoreCandidate, b: ScoreCandidate): number => Number(plain(b)) - Number(plain(a)) || scoreShare(b) - scoreShare(a) || a.index - b.index;
  const byName = candidates.filter(isStrong).sort(byShare);
  if (byName.length > 0) {
    const decision = amongNamed(byName, candidates, headers);
    return decision.kind === 'chosen' ? { ...decision, byNameOnly: true } : decision;
  }
  const [scoreWord] = candidates.filter((candidate) => candidate.evidence === 'score-word' && !candidate.holdsScores).sort(byShare);
  return scoreWord === undefined ? { kind: 'none', candidates } : { kind: 'chosen', index: scoreWord.index, candidates, why: undefined, byNameOnly: true };
}

const normalize = (header: string): string => header.trim().toLowerCase().replace(/\s+/g, ' ');

/** Among columns named as the NPS question: the one that asks about recommending, the latest wave, the most answered. */
function amongNamed(pool: readonly ScoreCandidate[], candidates: ScoreCandidate[], headers: readonly string[]): ScoreDecision {
  const [first] = pool;
  if (first === undefined) return { kind: 'none', candidates };
  if (pool.length === 1) return { kind: 'chosen', index: first.index, candidates, why: undefined };
  const others = (chosen: ScoreCandidate): string =>
    pool
      .filter((candidate) => candidate !== chosen)
      .map((candidate) => `${quote(headers[candidate.index] ?? '')} (--score-column ${candidate.index + 1})`)
      .join(', ');
  const recommending = pool.filter((candidate) => candidate.evidence === 'recommend');
  const [asked] = recommending;
  if (recommending.length === 1 && asked !== undefined) {
    return { kind: 'chosen', index: asked.index, candidates, why: `the only one of ${pool.length} NPS columns that asks about recommending; the others: ${others(asked)}` };
  }
  const latest = latestWave(pool, headers);
  if (latest !== undefined) {
    return { kind: 'chosen', index: latest.index, candidates, why: `the latest of ${pool.length} waves of the question; the others: ${others(latest)}` };
  }
  const byAnswers = [...pool].sort((a, b) => b.answered - a.answered);
  const [most, next] = byAnswers;
  if (most !== undefined && next !== undefined && most.answered > 0 && most.answered >= 1.5 * next.answered) {
    return { kind: 'chosen', index: most.index, candidates, why: `the most answered of ${pool.length} recommend questions; the others: ${others(most)}` };
  }
  return { kind: 'several', candidates: [...pool], why: `${pool.length} columns ask the NPS question` };
}

/**
 * Waves of one question in one file ("NPS_2023", "NPS_2024"; "Q1 NPS", "Q2 NPS"): the
 * same words but a number; the latest is the greatest number. Undefined when the
 * headers differ by more than a number.
 */
function latestWave(pool: readonly ScoreCandidate[], headers: readonly string[]): ScoreCandidate | undefined {
  const stems = pool.map((candidate) => wordsOf(headers[candidate.index] ?? '').filter((word) => !/^\d+$/.test(word) && !/^q$/.test(word)).join(' '));
  if (new Set(stems).size !== 1) return undefined;
  const numbers = pool.map((candidate) => Number(wordsOf(headers[candidate.index] ?? '').filter((word) => /^\d+$/.test(word)).join('')));
  if (numbers.some((number) => !Number.isFinite(number)) || new Set(numbers).size !== numbers.length) return undefined;
  const greatest = Math.max(...numbers);
  return pool[numbers.indexOf(greatest)];
}

