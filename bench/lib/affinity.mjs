// Which CPUs this process may run on (Linux: /proc/self/status), so a report can say when
// the bench was pinned, e.g. `taskset -c 0 node bench/run.mjs …` with the server pinned to
// the other core. Child processes inherit the mask, so the parent's answer holds for every
// measured process. Elsewhere, or when every CPU is allowed, the answer is null.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The allowed-CPU list as Linux prints it ("0", "0-1,3"), or null when unrestricted or unknown. */
export function restrictedCpus() {
  let status;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return null;
  }
  const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(status);
  if (m === null) return null;
  const list = m[1];
  return countCpus(list) < cpus().length ? list : null;
}

/** How many CPUs a list such as "0-1,3" names. */
export function countCpus(list) {
  let n = 0;
  for (const part of list.split(',')) {
    const [a, b] = part.split('-').map(Number);
    n += b === undefined ? 1 : b - a + 1;
  }
  return n;
}
