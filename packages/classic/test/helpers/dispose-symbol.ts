// Node defines Symbol.asyncDispose in its main realm only; jest runs each test file in a
// vm realm without it. Import this first in tests that use `await using`.
const S = Symbol as { asyncDispose?: symbol };
S.asyncDispose ??= Symbol.for('nodejs.asyncDispose');
export {};
