/**
 * `@aerospike-ts/emulator`: an in-process Aerospike-compatible server speaking the real
 * wire protocol on loopback, for tests and local development. Not for production.
 */
export { startEmulator, Emulator, type EmulatorOptions } from './server/emulator.js';
export { VirtualClock, realClock, type Clock } from './model/clock.js';
export { FaultInjector, type FaultRule, type FaultMatch, type FaultAction, type CommandKind } from './server/faults.js';
export type { Particle, StoredRecord } from './model/particle.js';
