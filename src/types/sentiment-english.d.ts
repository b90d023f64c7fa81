/** The `sentiment` package's English module: AFINN-165's words and their scores, -5 to 5. */
declare module 'sentiment/languages/en/index.js' {
  const english: { labels: Record<string, number> };
  export default english;
}
