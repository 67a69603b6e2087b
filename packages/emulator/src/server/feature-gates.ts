/**
 * The engines the record, batch and scan/query commands call: the list/map CDT engine
 * (bit and HLL operations answer UNSUPPORTED_FEATURE there) and the expression engine.
 * Commands import them from here so one file names what the server side depends on.
 */
export { applyCdtOperation, storedCdtValue, type CdtResult } from '../engine/cdt/index.js';
export { evaluateExpression, evaluateFilter, type ExpContext, type ExpResult, type ExpValueResult } from '../engine/exp/index.js';
