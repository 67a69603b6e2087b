import { InvalidArgumentError } from '../errors/client-errors.js';

/**
 * Checks an OR-ed set of flags before it is packed: an integer made only of `known`'s
 * bits (named `family` in the message), and never two bits that exclude each other.
 * @param what the operation, for the message (`"map putItems on 'm'"`)
 * @param exclusive pairs of flag names that cannot be combined (`['CREATE_ONLY', 'UPDATE_ONLY']`)
 * @returns the flags
 * @throws InvalidArgumentError otherwise
 */
export function checkFlags(what: string, flags: unknown, family: string, known: { readonly [name: string]: number }, exclusive: ReadonlyArray<readonly [string, string]> = []): number {
  const all = Object.values(known).reduce((a, b) => a | b, 0);
  if (typeof flags !== 'number' || !Number.isInteger(flags) || flags < 0 || (flags & ~all) !== 0) {
    const names = Object.keys(known).filter((n) => (known[n] as number) !== 0);
    throw new InvalidArgumentError(`${what}: flags must be ${family} OR-ed together (${names.join(', ')}), got ${String(flags)}`);
  }
  for (const [a, b] of exclusive) {
    const fa = known[a] as number;
    const fb = known[b] as number;
    if ((flags & fa) !== 0 && (flags & fb) !== 0) throw new InvalidArgumentError(`${what}: ${family}.${a} and ${family}.${b} contradict each other; pass one of them`);
  }
  return flags;
}
