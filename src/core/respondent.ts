/** Emails are matched without regard to case; other ids exactly, less surrounding spaces. */
export function respondentKey(raw: string): string {
  const key = raw.trim();
  return key.includes('@') ? key.toLowerCase() : key;
}
