/**
 * How a front end takes the outcome of a single-record command, so that the command's one
 * promise settles with the front end's own value or error: no second promise, no `.then`
 * per call. Pass a module-level object (it is called, never stored beyond the command).
 *
 * @typeParam T what core's method resolves with when no adapter is given
 * @typeParam R what the promise resolves with instead
 */
export interface ResultAdapter<T, R> {
  /**
   * Turns the command's result into the value the promise resolves with. If it throws,
   * the promise rejects with what it threw.
   */
  value(result: T): R;
  /**
   * Turns the command's failure into a value to resolve with (return it) or the error to
   * reject with (throw it). Called for failures before the wire (bad input) too.
   */
  failure(err: Error): R;
}

/** Settles through `adapter`: a rejected promise when its `failure` throws. */
export function adaptFailure<R>(adapter: ResultAdapter<never, R>, err: Error): Promise<R> {
  try {
    return Promise.resolve(adapter.failure(err));
  } catch (thrown) {
    return Promise.reject(thrown as Error);
  }
}

/** Applies `adapter` to a promise of core's own result (the rare paths: transactions). */
export function adaptPromise<T, R>(promise: Promise<T>, adapter: ResultAdapter<T, R>): Promise<R> {
  return promise.then(
    (v) => adapter.value(v),
    (err: unknown) => adapter.failure(err as Error)
  );
}
