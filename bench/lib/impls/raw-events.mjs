// The raw ceiling reading through 'data' events (Node allocates a buffer per read and runs it
// through the stream machinery): the ceiling's read path until 2026-12-03, kept to compare.
import { open as openRaw } from './raw.mjs';

export function open(options) {
  return openRaw({ ...options, ownReads: false });
}
