WITH
nps_cells AS (
  SELECT
    CAST("How likely? (0-10)" AS VARCHAR) AS nps_raw,
    TRIM(CAST("How likely? (0-10)" AS VARCHAR)) AS nps_text,
    CASE WHEN SUBSTR(TRIM(CAST("How likely? (0-10)" AS VARCHAR)), LENGTH(TRIM(CAST("How likely? (0-10)" AS VARCHAR))), 1) = ')' THEN TRIM(SUBSTR(TRIM(CAST("How likely? (0-10)" AS VARCHAR)), 1, LENGTH(TRIM(CAST("How likely? (0-10)" AS VARCHAR))) - 1)) ELSE TRIM(CAST("How likely? (0-10)" AS VARCHAR)) END AS nps_unclosed,
    TRIM(CAST("submitted at" AS VARCHAR)) AS nps_date_text,
    CASE WHEN TRIM(COALESCE(CAST("email" AS VARCHAR), '')) LIKE '%@%' THEN LOWER(TRIM(COALESCE(CAST("email" AS VARCHAR), ''))) ELSE TRIM(COALESCE(CAST("email" AS VARCHAR), '')) END AS nps_respondent,
    CASE WHEN COALESCE(CAST("country" AS VARCHAR), '') = 'it''s' THEN 1 ELSE 0 END AS nps_kept,
    COALESCE(CAST("plan" AS VARCHAR), '') AS nps_by_1,
    COALESCE(CAST("Région" AS VARCHAR), '') AS nps_by_2
  FROM "survey"."responses"
),
nps_read AS (
  SELECT
    nps_cells.*,
    CASE
      WHEN regexp_full_match(nps_text, '[0-9]{1,2}([.,]00?)?|[0-9]{1,2}([.,]00?)?\s*[-–—:=]\s*\p{L}[^0-9]*|[0-9]{1,2}\s*\(\s*\p{L}[^0-9)]*\)') THEN CASE WHEN SUBSTR(nps_text, 2, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(SUBSTR(nps_text, 1, 2) AS INTEGER) ELSE CAST(SUBSTR(nps_text, 1, 1) AS INTEGER) END
      WHEN regexp_full_match(nps_text, '\p{L}[^0-9]*[-–—:=]\s*[0-9]{1,2}|\p{L}[^0-9]*\(\s*[0-9]{1,2}\s*\)') THEN CASE WHEN SUBSTR(nps_unclosed, LENGTH(nps_unclosed) - 1, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(SUBSTR(nps_unclosed, LENGTH(nps_unclosed) - 1, 2) AS INTEGER) ELSE CAST(SUBSTR(nps_unclosed, LENGTH(nps_unclosed), 1) AS INTEGER) END
    END AS nps_written,
    CASE WHEN regexp_full_match(nps_date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?') THEN CAST(SUBSTR(nps_date_text, 1, 4) AS INTEGER) END AS nps_y,
    CASE WHEN regexp_full_match(nps_date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?') THEN CAST(SUBSTR(nps_date_text, 6, 2) AS INTEGER) END AS nps_m,
    CASE WHEN regexp_full_match(nps_date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?') THEN CAST(SUBSTR(nps_date_text, 9, 2) AS INTEGER) END AS nps_d
  FROM nps_cells
),
nps_days AS (
  SELECT
    nps_read.*,
    CASE WHEN nps_y >= 100 AND nps_m BETWEEN 1 AND 12 AND nps_d BETWEEN 1 AND CASE WHEN nps_m = 2 THEN CASE WHEN (((nps_y) % (4)) = 0 AND ((nps_y) % (100)) <> 0 OR ((nps_y) % (400)) = 0) THEN 29 ELSE 28 END WHEN nps_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 146097 + (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400) * 365 + ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400)) // (4)) - ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400)) // (100)) + (((153 * (nps_m + CASE WHEN nps_m > 2 THEN -3 ELSE 9 END) + 2) // (5)) + nps_d - 1)) - 719468) END AS nps_days,
    nps_written AS nps_score
  FROM nps_read
),
nps_classed AS (
  SELECT
    nps_days.*,
    CASE
      WHEN NOT (nps_raw IS NULL OR LOWER(nps_text) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a')) AND (nps_score IS NULL OR nps_score < 0 OR nps_score > 10) THEN 'rejected'
      WHEN nps_kept = 0 THEN 'excluded'
      WHEN nps_days IS NULL OR NOT (nps_days >= 20454) THEN 'excluded'
      WHEN nps_raw IS NULL OR LOWER(nps_text) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a') THEN 'blank'
      ELSE 'scored'
    END AS nps_class,
    CASE WHEN nps_days IS NOT NULL THEN (nps_days) * 86400 + CASE WHEN LENGTH(nps_date_text) > 10 THEN CASE WHEN LENGTH(nps_date_text) >= 13 THEN CAST(SUBSTR(nps_date_text, 12, 2) AS INTEGER) ELSE 0 END * 3600 + CASE WHEN LENGTH(nps_date_text) >= 16 THEN CAST(SUBSTR(nps_date_text, 15, 2) AS INTEGER) ELSE 0 END * 60 + CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN CASE WHEN LENGTH(nps_date_text) >= 19 THEN CAST(SUBSTR(nps_date_text, 18, 2) AS INTEGER) ELSE 0 END ELSE 0 END - CASE WHEN SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) = '-' THEN -1 ELSE 1 END * (CASE WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) >= 3 AND SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) IN ('+', '-') THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 2, 2) AS INTEGER) ELSE 0 END * 3600 + CASE WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) = 6 THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 5, 2) AS INTEGER) WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) = 5 AND SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) IN ('+', '-') THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 4, 2) AS INTEGER) ELSE 0 END * 60) ELSE 0 END END AS nps_seconds,
    CASE WHEN nps_days IS NOT NULL THEN ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 146097 + (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400) * 365 + ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400)) // (4)) - ((((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END)) // (400)) * 400)) // (100)) + (((153 * (nps_m + CASE WHEN nps_m > 2 THEN -3 ELSE 9 END) + 2) // (5)) + 1 - 1)) - 719468) END AS nps_period
  FROM nps_days
),
nps_final AS (
  SELECT
    nps_classed.*,
    CASE WHEN nps_class = 'scored' AND nps_respondent <> '' AND ROW_NUMBER() OVER (PARTITION BY nps_class, nps_respondent ORDER BY CASE WHEN nps_seconds IS NULL THEN 1 ELSE 0 END, nps_seconds DESC, nps_score DESC, nps_by_1, nps_by_2) > 1 THEN 'duplicate' ELSE nps_class END AS nps_final_class,
    CASE WHEN nps_class = 'scored' AND nps_respondent <> '' AND ROW_NUMBER() OVER (PARTITION BY nps_class, nps_respondent, nps_period ORDER BY CASE WHEN nps_seconds IS NULL THEN 1 ELSE 0 END, nps_seconds DESC, nps_score DESC, nps_by_1, nps_by_2) > 1 THEN 'duplicate' ELSE nps_class END AS nps_period_class
  FROM nps_classed
)
SELECT
  'all' AS nps_set,
  CAST(NULL AS VARCHAR) AS "plan",
  CAST(NULL AS VARCHAR) AS "Région",
  CAST(NULL AS VARCHAR) AS nps_day,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 0 THEN 1 END) AS "nps_0",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 1 THEN 1 END) AS "nps_1",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 2 THEN 1 END) AS "nps_2",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 3 THEN 1 END) AS "nps_3",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 4 THEN 1 END) AS "nps_4",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 5 THEN 1 END) AS "nps_5",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 6 THEN 1 END) AS "nps_6",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 7 THEN 1 END) AS "nps_7",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 8 THEN 1 END) AS "nps_8",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 9 THEN 1 END) AS "nps_9",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 10 THEN 1 END) AS "nps_10",
  COUNT(CASE WHEN nps_final_class = 'blank' THEN 1 END) AS "nps_blank",
  COUNT(CASE WHEN nps_final_class = 'rejected' THEN 1 END) AS "nps_rejected",
  COUNT(CASE WHEN nps_final_class = 'duplicate' THEN 1 END) AS "nps_duplicates",
  COUNT(CASE WHEN nps_final_class = 'excluded' THEN 1 END) AS "nps_excluded",
  CAST(DATE '1970-01-01' + CAST(MIN(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_first_day",
  CAST(DATE '1970-01-01' + CAST(MAX(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_last_day"
FROM nps_final
UNION ALL
SELECT
  'by:plan' AS nps_set,
  nps_by_1 AS "plan",
  CAST(NULL AS VARCHAR) AS "Région",
  CAST(NULL AS VARCHAR) AS nps_day,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 0 THEN 1 END) AS "nps_0",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 1 THEN 1 END) AS "nps_1",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 2 THEN 1 END) AS "nps_2",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 3 THEN 1 END) AS "nps_3",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 4 THEN 1 END) AS "nps_4",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 5 THEN 1 END) AS "nps_5",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 6 THEN 1 END) AS "nps_6",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 7 THEN 1 END) AS "nps_7",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 8 THEN 1 END) AS "nps_8",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 9 THEN 1 END) AS "nps_9",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 10 THEN 1 END) AS "nps_10",
  COUNT(CASE WHEN nps_final_class = 'blank' THEN 1 END) AS "nps_blank",
  COUNT(CASE WHEN nps_final_class = 'rejected' THEN 1 END) AS "nps_rejected",
  COUNT(CASE WHEN nps_final_class = 'duplicate' THEN 1 END) AS "nps_duplicates",
  COUNT(CASE WHEN nps_final_class = 'excluded' THEN 1 END) AS "nps_excluded",
  CAST(DATE '1970-01-01' + CAST(MIN(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_first_day",
  CAST(DATE '1970-01-01' + CAST(MAX(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_last_day"
FROM nps_final
GROUP BY nps_by_1
UNION ALL
SELECT
  'by:plan,Région' AS nps_set,
  nps_by_1 AS "plan",
  nps_by_2 AS "Région",
  CAST(NULL AS VARCHAR) AS nps_day,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 0 THEN 1 END) AS "nps_0",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 1 THEN 1 END) AS "nps_1",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 2 THEN 1 END) AS "nps_2",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 3 THEN 1 END) AS "nps_3",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 4 THEN 1 END) AS "nps_4",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 5 THEN 1 END) AS "nps_5",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 6 THEN 1 END) AS "nps_6",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 7 THEN 1 END) AS "nps_7",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 8 THEN 1 END) AS "nps_8",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 9 THEN 1 END) AS "nps_9",
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 10 THEN 1 END) AS "nps_10",
  COUNT(CASE WHEN nps_final_class = 'blank' THEN 1 END) AS "nps_blank",
  COUNT(CASE WHEN nps_final_class = 'rejected' THEN 1 END) AS "nps_rejected",
  COUNT(CASE WHEN nps_final_class = 'duplicate' THEN 1 END) AS "nps_duplicates",
  COUNT(CASE WHEN nps_final_class = 'excluded' THEN 1 END) AS "nps_excluded",
  CAST(DATE '1970-01-01' + CAST(MIN(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_first_day",
  CAST(DATE '1970-01-01' + CAST(MAX(CASE WHEN nps_final_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_last_day"
FROM nps_final
GROUP BY nps_by_1, nps_by_2
UNION ALL
SELECT
  'period:month:dedupe' AS nps_set,
  CAST(NULL AS VARCHAR) AS "plan",
  CAST(NULL AS VARCHAR) AS "Région",
  CASE WHEN nps_period IS NOT NULL THEN CAST(DATE '1970-01-01' + CAST(nps_period AS INTEGER) AS VARCHAR) END AS nps_day,
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 0 THEN 1 END) AS "nps_0",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 1 THEN 1 END) AS "nps_1",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 2 THEN 1 END) AS "nps_2",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 3 THEN 1 END) AS "nps_3",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 4 THEN 1 END) AS "nps_4",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 5 THEN 1 END) AS "nps_5",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 6 THEN 1 END) AS "nps_6",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 7 THEN 1 END) AS "nps_7",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 8 THEN 1 END) AS "nps_8",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 9 THEN 1 END) AS "nps_9",
  COUNT(CASE WHEN nps_period_class = 'scored' AND nps_score = 10 THEN 1 END) AS "nps_10",
  COUNT(CASE WHEN nps_period_class = 'blank' THEN 1 END) AS "nps_blank",
  COUNT(CASE WHEN nps_period_class = 'rejected' THEN 1 END) AS "nps_rejected",
  COUNT(CASE WHEN nps_period_class = 'duplicate' THEN 1 END) AS "nps_duplicates",
  COUNT(CASE WHEN nps_period_class = 'excluded' THEN 1 END) AS "nps_excluded",
  CAST(DATE '1970-01-01' + CAST(MIN(CASE WHEN nps_period_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_first_day",
  CAST(DATE '1970-01-01' + CAST(MAX(CASE WHEN nps_period_class = 'scored' THEN nps_days END) AS INTEGER) AS VARCHAR) AS "nps_last_day"
FROM nps_final
GROUP BY nps_period
ORDER BY 1, 2, 3, 4;
