/** Entry point of the fuzz harness (bundled by scripts/fuzz.mjs). */
export { TARGETS, type FuzzTarget } from './targets.js';
export { loadCorpus, type Corpus } from './corpus.js';
export { SeedBank, caseInput, runCase, runTarget, type CaseFailure, type TargetStats, type RunOptions } from './engine.js';
