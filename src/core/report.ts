import type { DriversResult } from './drivers.js';
import type { ScoreReport } from './score.js';
import type { ThemesReport } from './themes-report.js';

/** A respondent listed in the report, to contact. */
export interface ListedResponse {
  respondent: string;
  score: number;
  comment: string;
  respondBy: string;
  /** Detractors: overdue by N days, due today, or new; '' otherwise. */
  status: string;
  time: number | undefined;
}

/** Everything `nps report` shows, ready to render. */
export interface ReportData {
  title: string;
  files: string[];
  score: ScoreReport;
  /** First and last day of the answers, as ISO dates. */
  dateRange: { first: string; last: string } | undefined;
  themes: ThemesReport | undefined;
  /** What moves the score, when the file has rating columns besides the score. */
  drivers: DriversResult | undefined;
  urgent: ListedResponse[];
  promoters: ListedResponse[];
  /** The newest passives, to ask what would earn a 9 or 10. */
  passives: ListedResponse[];
  /** The day the report was made (--today sets it), as an ISO date. */
  generated: string;
}
