// Latency histograms (hdr-histogram-js, from bench/node_modules).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A histogram of microseconds (1 µs .. 1 h, 3 significant digits). */
export function newHistogram() {
  let hdr;
  try {
    hdr = require('hdr-histogram-js');
  } catch {
    throw new Error('hdr-histogram-js is not installed: run `npm --prefix bench ci` at the repository root first');
  }
  return hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}
