const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UNIX_SECONDS = /^\d{9,10}$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;

/**
 * Milliseconds since 1970 for the date forms that cannot be misread: ISO 8601
 * and Unix timestamps. Anything else is undefined, never a guess.
 */
export function parseDate(raw: string): number | undefined {
  const text = raw.trim();
  if (UNIX_SECONDS.test(text)) return Number(text) * 1000;
  if (UNIX_MILLISECONDS.test(text)) return Number(text);
  if (!ISO_DATE.test(text)) return undefined;
  // A space between date and time is common in exports; Date.parse wants a T.
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : time;
}
