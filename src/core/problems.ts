/**
 * A problem with what the user gave (a column, its values) that the core finds while
 * computing: it says what is wrong in one sentence. The core knows no exit codes;
 * src/errors.ts maps this to the input error's.
 */
export class InputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
