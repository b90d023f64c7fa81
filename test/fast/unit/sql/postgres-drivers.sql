WITH
nps_cells AS (
  SELECT
    CAST("How likely? (0-10)" AS TEXT) AS nps_raw,
    TRIM(CAST("How likely? (0-10)" AS TEXT)) AS nps_text,
    CASE WHEN SUBSTR(TRIM(CAST("How likely? (0-10)" AS TEXT)), LENGTH(TRIM(CAST("How likely? (0-10)" AS TEXT))), 1) = ')' THEN TRIM(SUBSTR(TRIM(CAST("How likely? (0-10)" AS TEXT)), 1, LENGTH(TRIM(CAST("How likely? (0-10)" AS TEXT))) - 1)) ELSE TRIM(CAST("How likely? (0-10)" AS TEXT)) END AS nps_unclosed,
    TRIM(CAST("submitted at" AS TEXT)) AS nps_date_text,
    CASE WHEN TRIM(COALESCE(CAST("email" AS TEXT), '')) LIKE '%@%' THEN LOWER(TRIM(COALESCE(CAST("email" AS TEXT), ''))) ELSE TRIM(COALESCE(CAST("email" AS TEXT), '')) END AS nps_respondent,
    CASE WHEN COALESCE(CAST("country" AS TEXT), '') = 'it''s' THEN 1 ELSE 0 END AS nps_kept,
    TRIM(COALESCE(CAST("support" AS TEXT), '')) AS nps_text_x1,
    TRIM(COALESCE(CAST("price" AS TEXT), '')) AS nps_text_x2
  FROM "survey"."responses"
),
nps_read AS MATERIALIZED (
  SELECT
    nps_cells.*,
    CASE
      WHEN (nps_text ~ '^([0-9]{1,2}([.,]00?)?|[0-9]{1,2}([.,]00?)?\s*[-–—:=]\s*[[:alpha:]][^0-9]*|[0-9]{1,2}\s*\(\s*[[:alpha:]][^0-9)]*\))$') THEN CASE WHEN SUBSTR(nps_text, 2, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(SUBSTR(nps_text, 1, 2) AS INTEGER) ELSE CAST(SUBSTR(nps_text, 1, 1) AS INTEGER) END
      WHEN (nps_text ~ '^([[:alpha:]][^0-9]*[-–—:=]\s*[0-9]{1,2}|[[:alpha:]][^0-9]*\(\s*[0-9]{1,2}\s*\))$') THEN CASE WHEN SUBSTR(nps_unclosed, LENGTH(nps_unclosed) - 1, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN CAST(SUBSTR(nps_unclosed, LENGTH(nps_unclosed) - 1, 2) AS INTEGER) ELSE CAST(SUBSTR(nps_unclosed, LENGTH(nps_unclosed), 1) AS INTEGER) END
    END AS nps_written,
    CASE WHEN (nps_date_text ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?)$') THEN CAST(SUBSTR(nps_date_text, 1, 4) AS INTEGER) END AS nps_y,
    CASE WHEN (nps_date_text ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?)$') THEN CAST(SUBSTR(nps_date_text, 6, 2) AS INTEGER) END AS nps_m,
    CASE WHEN (nps_date_text ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?)$') THEN CAST(SUBSTR(nps_date_text, 9, 2) AS INTEGER) END AS nps_d,
    CASE WHEN nps_text_x1 IS NULL OR LOWER(nps_text_x1) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a') THEN NULL ELSE CASE
      WHEN (nps_text_x1 ~ '^([-+]?[0-9]+([.,][0-9]{1,2})?)$') THEN CAST(REPLACE(nps_text_x1, ',', '.') AS DOUBLE PRECISION)
      WHEN (nps_text_x1 ~ '^([0-9]{1,2}([.,]00?)?|[0-9]{1,2}([.,]00?)?\s*[-–—:=]\s*[[:alpha:]][^0-9]*|[0-9]{1,2}\s*\(\s*[[:alpha:]][^0-9)]*\))$') THEN CAST(CASE WHEN SUBSTR(nps_text_x1, 2, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(nps_text_x1, 1, 2) ELSE SUBSTR(nps_text_x1, 1, 1) END AS DOUBLE PRECISION)
      WHEN (nps_text_x1 ~ '^([[:alpha:]][^0-9]*[-–—:=]\s*[0-9]{1,2}|[[:alpha:]][^0-9]*\(\s*[0-9]{1,2}\s*\))$') THEN CAST(CASE WHEN SUBSTR(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END, LENGTH(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END) - 1, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END, LENGTH(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END) - 1, 2) ELSE SUBSTR(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END, LENGTH(CASE WHEN SUBSTR(nps_text_x1, LENGTH(nps_text_x1), 1) = ')' THEN TRIM(SUBSTR(nps_text_x1, 1, LENGTH(nps_text_x1) - 1)) ELSE nps_text_x1 END), 1) END AS DOUBLE PRECISION)
    END END AS nps_x1,
    CASE WHEN nps_text_x1 IS NULL OR LOWER(nps_text_x1) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a') THEN 1 ELSE 0 END AS nps_isblank_x1,
    CASE WHEN nps_text_x2 IS NULL OR LOWER(nps_text_x2) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a') THEN NULL ELSE CASE
      WHEN (nps_text_x2 ~ '^([-+]?[0-9]+([.,][0-9]{1,2})?)$') THEN CAST(REPLACE(nps_text_x2, ',', '.') AS DOUBLE PRECISION)
      WHEN (nps_text_x2 ~ '^([0-9]{1,2}([.,]00?)?|[0-9]{1,2}([.,]00?)?\s*[-–—:=]\s*[[:alpha:]][^0-9]*|[0-9]{1,2}\s*\(\s*[[:alpha:]][^0-9)]*\))$') THEN CAST(CASE WHEN SUBSTR(nps_text_x2, 2, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(nps_text_x2, 1, 2) ELSE SUBSTR(nps_text_x2, 1, 1) END AS DOUBLE PRECISION)
      WHEN (nps_text_x2 ~ '^([[:alpha:]][^0-9]*[-–—:=]\s*[0-9]{1,2}|[[:alpha:]][^0-9]*\(\s*[0-9]{1,2}\s*\))$') THEN CAST(CASE WHEN SUBSTR(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END, LENGTH(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END) - 1, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END, LENGTH(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END) - 1, 2) ELSE SUBSTR(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END, LENGTH(CASE WHEN SUBSTR(nps_text_x2, LENGTH(nps_text_x2), 1) = ')' THEN TRIM(SUBSTR(nps_text_x2, 1, LENGTH(nps_text_x2) - 1)) ELSE nps_text_x2 END), 1) END AS DOUBLE PRECISION)
    END END AS nps_x2,
    CASE WHEN nps_text_x2 IS NULL OR LOWER(nps_text_x2) IN ('', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a') THEN 1 ELSE 0 END AS nps_isblank_x2
  FROM nps_cells
),
nps_days AS MATERIALIZED (
  SELECT
    nps_read.*,
    CASE WHEN nps_y >= 100 AND nps_m BETWEEN 1 AND 12 AND nps_d BETWEEN 1 AND CASE WHEN nps_m = 2 THEN CASE WHEN (mod(nps_y, 4) = 0 AND mod(nps_y, 100) <> 0 OR mod(nps_y, 400) = 0) THEN 29 ELSE 28 END WHEN nps_m IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN (div((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END), 400) * 146097 + (((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - div((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END), 400) * 400) * 365 + div(((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - div((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END), 400) * 400), 4) - div(((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END) - div((nps_y - CASE WHEN nps_m <= 2 THEN 1 ELSE 0 END), 400) * 400), 100) + (div(153 * (nps_m + CASE WHEN nps_m > 2 THEN -3 ELSE 9 END) + 2, 5) + nps_d - 1)) - 719468) END AS nps_days,
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
    CASE WHEN nps_days IS NOT NULL THEN (nps_days) * 86400 + CASE WHEN LENGTH(nps_date_text) > 10 THEN CASE WHEN LENGTH(nps_date_text) >= 13 THEN CAST(SUBSTR(nps_date_text, 12, 2) AS INTEGER) ELSE 0 END * 3600 + CASE WHEN LENGTH(nps_date_text) >= 16 THEN CAST(SUBSTR(nps_date_text, 15, 2) AS INTEGER) ELSE 0 END * 60 + CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN CASE WHEN LENGTH(nps_date_text) >= 19 THEN CAST(SUBSTR(nps_date_text, 18, 2) AS INTEGER) ELSE 0 END ELSE 0 END - CASE WHEN SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) = '-' THEN -1 ELSE 1 END * (CASE WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) >= 3 AND SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) IN ('+', '-') THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 2, 2) AS INTEGER) ELSE 0 END * 3600 + CASE WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) = 6 THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 5, 2) AS INTEGER) WHEN LENGTH(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789'))) = 5 AND SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 1, 1) IN ('+', '-') THEN CAST(SUBSTR(TRIM(ltrim(CASE WHEN SUBSTR(nps_date_text, 17, 1) = ':' THEN SUBSTR(nps_date_text, 20) ELSE SUBSTR(nps_date_text, 17) END, '.,0123456789')), 4, 2) AS INTEGER) ELSE 0 END * 60) ELSE 0 END END AS nps_seconds
  FROM nps_days
),
nps_final AS (
  SELECT
    nps_classed.*,
    CASE WHEN nps_class = 'scored' AND nps_respondent <> '' AND ROW_NUMBER() OVER (PARTITION BY nps_class, nps_respondent ORDER BY CASE WHEN nps_seconds IS NULL THEN 1 ELSE 0 END, nps_seconds DESC, nps_score DESC) > 1 THEN 'duplicate' ELSE nps_class END AS nps_final_class
  FROM nps_classed
)
SELECT
  'drivers:support,price' AS nps_set,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 0 THEN 1 END) AS nps_0,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 1 THEN 1 END) AS nps_1,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 2 THEN 1 END) AS nps_2,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 3 THEN 1 END) AS nps_3,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 4 THEN 1 END) AS nps_4,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 5 THEN 1 END) AS nps_5,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 6 THEN 1 END) AS nps_6,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 7 THEN 1 END) AS nps_7,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 8 THEN 1 END) AS nps_8,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 9 THEN 1 END) AS nps_9,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_score = 10 THEN 1 END) AS nps_10,
  COUNT(CASE WHEN nps_final_class = 'blank' THEN 1 END) AS nps_blank,
  COUNT(CASE WHEN nps_final_class = 'rejected' THEN 1 END) AS nps_rejected,
  COUNT(CASE WHEN nps_final_class = 'duplicate' THEN 1 END) AS nps_duplicates,
  COUNT(CASE WHEN nps_final_class = 'excluded' THEN 1 END) AS nps_excluded,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN 1 END) AS nps_n,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL AND nps_score >= 9 THEN 1 END) AS nps_promoters,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL AND nps_score <= 6 THEN 1 END) AS nps_detractors,
  COUNT(CASE WHEN nps_final_class = 'scored' AND NOT (nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL) THEN 1 END) AS nps_left_out,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN CAST(nps_score AS DOUBLE PRECISION) END), 0) AS nps_sum_y,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN CAST(nps_score AS DOUBLE PRECISION) * CAST(nps_score AS DOUBLE PRECISION) END), 0) AS nps_sum_y_y,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 END), 0) AS nps_sum_x1,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 * CAST(nps_score AS DOUBLE PRECISION) END), 0) AS nps_sum_x1_y,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 * nps_x1 END), 0) AS nps_sum_x1_x1,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 * nps_x2 END), 0) AS nps_sum_x1_x2,
  MIN(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 END) AS nps_min_x1,
  MAX(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x1 END) AS nps_max_x1,
  MIN(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN CASE WHEN nps_x1 = FLOOR(nps_x1) THEN 1 ELSE 0 END END) AS nps_whole_x1,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_isblank_x1 = 1 THEN 1 END) AS nps_blank_x1,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_isblank_x1 = 0 AND nps_x1 IS NULL THEN 1 END) AS nps_unreadable_x1,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x2 END), 0) AS nps_sum_x2,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x2 * CAST(nps_score AS DOUBLE PRECISION) END), 0) AS nps_sum_x2_y,
  COALESCE(SUM(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x2 * nps_x2 END), 0) AS nps_sum_x2_x2,
  MIN(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x2 END) AS nps_min_x2,
  MAX(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN nps_x2 END) AS nps_max_x2,
  MIN(CASE WHEN nps_final_class = 'scored' AND nps_x1 IS NOT NULL AND nps_x2 IS NOT NULL THEN CASE WHEN nps_x2 = FLOOR(nps_x2) THEN 1 ELSE 0 END END) AS nps_whole_x2,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_isblank_x2 = 1 THEN 1 END) AS nps_blank_x2,
  COUNT(CASE WHEN nps_final_class = 'scored' AND nps_isblank_x2 = 0 AND nps_x2 IS NULL THEN 1 END) AS nps_unreadable_x2
FROM nps_final;
