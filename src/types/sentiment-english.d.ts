/** The `sentiment` package's English module: AFINN-165's words and their scores, -5 to 5, and its handling of "not". */
declare module 'sentiment/languages/en/index.js' {
  const english: {
    labels: Record<string, number>;
    scoringStrategy: { apply: (tokens: string[], cursor: number, tokenScore: number) => number };
  };
  export default english;
}
