import type { ScoreReport } from './score.js';
import type { ThemesReport } from './themes-report.js';

/** A respondent listed in the report, to contact. */
export interface ListedResponse {
  respondent: string;
  score: number;
  comment: string;
  respondBy: string;
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
  urgent: ListedResponse[];
  promoters: ListedResponse[];
}
