/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
import type { Config } from 'jest';

// Tests run against TypeScript sources (mapped below); `tsc` type-checks separately
// because @swc/jest only strips types.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/plugins', '<rootDir>/docs', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@paradox/([^/]+)$': '<rootDir>/packages/$1/src',
    '^@paradox/([^/]+)/(.+)$': '<rootDir>/packages/$1/src/$2',
    '^@paradox-plugins/([^/]+)$': '<rootDir>/plugins/$1/src',
  },
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // inversify 8 ships ESM only; let swc turn it into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(inversify|@inversifyjs)[@+/])'],
  maxWorkers: 2,
  // A harness cap, not a performance bound: statistical and worker tests take seconds, and
  // on a shared CI machine several times that.
  testTimeout: 120_000,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

export default config;
