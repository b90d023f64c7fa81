/** The three NPS groups, in the order reports list them. */
export const CATEGORIES = ['promoters', 'passives', 'detractors'] as const;
export type Category = (typeof CATEGORIES)[number];

export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

/** 9–10 promote, 7–8 are passive, 0–6 detract: the definition of the Net Promoter Score. */
export function categoryOf(score: number): Category {
  if (score >= 9) return 'promoters';
  if (score >= 7) return 'passives';
  return 'detractors';
}

/** What a customer team does next with each group; the detractors' reply time follows `segment --sla`. */
export const FOLLOW_UP = {
  promoters: 'Ask for a referral or a public review',
  passives: 'Ask: "What would we need to do to earn a 9 or 10 from you next time?"',
  detractors: 'Escalate and reply personally within 24 hours',
} as const satisfies Record<Category, string>;
