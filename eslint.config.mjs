// Lint, including the layering of DESIGN.md §1: domain imports nothing of ours; plan imports only
// domain; the two host adapters never import each other; domain and plan touch no host, library,
// I/O module or host global.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const hostsAndLibraries = [
  { group: ['exceljs', 'exceljs/*', 'jszip', 'saxes'], message: 'domain/plan stay pure: file formats belong in src/host/xlsx.' },
  { group: ['react', 'react-*', 'react/*', '@fluentui/*'], message: 'domain/plan know no UI.' },
  { group: ['fs', 'fs/*', 'node:*', 'path', 'os', 'child_process'], message: 'domain/plan do no I/O.' },
  { group: ['office-*', '@microsoft/*', 'hyperformula', 'commander'], message: 'domain/plan know no host or CLI library.' },
  { group: ['**/host', '**/host/**', '**/functions', '**/functions/**', '**/taskpane', '**/taskpane/**', '**/cli', '**/cli/**', '**/commands', '**/commands/**', '**/sample', '**/sample/**'], message: 'Layering: domain/plan never import hosts or faces.' },
];
const hostGlobals = ['Excel', 'Office', 'CustomFunctions', 'OfficeExtension', 'window', 'document', 'fetch', 'XMLHttpRequest', 'localStorage', 'process', 'require', 'Buffer'].map((name) => ({
  name,
  message: 'domain/plan are pure: no host, DOM or Node global.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-node/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, Office: 'readonly', Excel: 'readonly', CustomFunctions: 'readonly', OfficeExtension: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...hostsAndLibraries, { group: ['**/plan', '**/plan/**'], message: 'domain imports nothing of ours.' }] }],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
  {
    files: ['src/plan/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: hostsAndLibraries }],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
  {
    // Jobs work through an ExcelGateway: no host adapter, library or global of their own.
    files: ['src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...hostsAndLibraries.slice(0, 4), { group: ['**/host', '**/host/**', '**/taskpane', '**/taskpane/**', '**/cli', '**/cli/**'], message: 'Jobs reach the workbook only through an ExcelGateway.' }] }],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
  {
    files: ['src/host/office/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/xlsx', '**/host/xlsx/**', '**/xlsx/**', 'exceljs'], message: 'The host adapters never import each other.' }] }] },
  },
  {
    files: ['src/host/xlsx/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/office', '**/host/office/**', '**/office/**'], message: 'The host adapters never import each other.' }] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
