import type { Config } from 'jest';

// Sources, never a stale dist: every package name maps to its src/index.ts.
const moduleNameMapper = {
  '^@aerospike-ts/core$': '<rootDir>/packages/core/src/index.ts',
  '^@aerospike-ts/classic$': '<rootDir>/packages/classic/src/index.ts',
  '^@aerospike-ts/classic/list_operations$': '<rootDir>/packages/classic/src/list-operations.ts',
  '^@aerospike-ts/classic/map_operations$': '<rootDir>/packages/classic/src/map-operations.ts',
  '^@aerospike-ts/classic/hll_operations$': '<rootDir>/packages/classic/src/hll-operations.ts',
  '^@aerospike-ts/classic/bit_operations$': '<rootDir>/packages/classic/src/bit-operations.ts',
  '^@aerospike-ts/classic/exp$': '<rootDir>/packages/classic/src/exp.ts',
  '^@aerospike-ts/classic/predicates$': '<rootDir>/packages/classic/src/predicates.ts',
  '^@aerospike-ts/fluent$': '<rootDir>/packages/fluent/src/index.ts',
  '^@aerospike-ts/emulator$': '<rootDir>/packages/emulator/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1'
};

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] as [string, Record<string, unknown>]
};

function project(name: string, roots: string[], testMatch: string[]): Config {
  return {
    displayName: name,
    rootDir: __dirname,
    roots,
    testMatch,
    testEnvironment: 'node',
    moduleNameMapper,
    transform
  };
}

const config: Config = {
  projects: [
    project('core', ['<rootDir>/packages/core'], ['**/test/**/*.test.ts']),
    project('classic', ['<rootDir>/packages/classic'], ['**/test/**/*.test.ts']),
    project('fluent', ['<rootDir>/packages/fluent'], ['**/test/**/*.test.ts']),
    project('emulator', ['<rootDir>/packages/emulator'], ['**/test/**/*.test.ts']),
    project('reliability', ['<rootDir>/test/reliability'], ['**/*.test.ts']),
    project('bad-input', ['<rootDir>/test/bad-input'], ['**/*.test.ts']),
    project('bench-smoke', ['<rootDir>/test/bench-smoke'], ['**/*.test.ts']),
    {
      ...project('integration', ['<rootDir>/test/integration'], ['**/*.test.ts']),
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts'
    }
  ]
};

export default config;
