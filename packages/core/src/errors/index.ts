export * from './result-code.js';
export * from './aerospike-error.js';
export * from './client-errors.js';
export * from './server-errors.js';
