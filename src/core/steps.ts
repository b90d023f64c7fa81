/**
 * A long computation as steps: a generator that yields between pieces of its work,
 * so that its caller may let the event loop run (a signal's handler) between them.
 * The core does no I/O and knows no event loop: it only says where it may pause;
 * `completed` runs the steps straight through when nothing needs to.
 */
export type Steps<T> = Generator<void, T, void>;

export function completed<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
