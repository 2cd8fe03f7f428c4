/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        // Type checking is `npm run typecheck`'s job; isolatedModules makes ts-jest only transpile (fast).
        tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx', esModuleInterop: true, resolveJsonModule: true, isolatedModules: true },
      },
    ],
  },
  // office-addin-mock only needs office-addin-manifest's OfficeApp enum (DESIGN.md §8).
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js' },
  testTimeout: 60000,
};
