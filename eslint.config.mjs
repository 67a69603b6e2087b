import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.tsbuild/**', '**/node_modules/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of a TS enum.' },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' }
      ]
    }
  },
  {
    files: ['packages/classic/src/**/*.ts', 'packages/fluent/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/core/src/**', '../../core/**'], message: 'Import core only through @aerospike-ts/core.' }] }
      ]
    }
  },
  {
    files: ['jest.config.ts', 'test/helpers/global-*.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  }
);
