// One Jest run for unit (libs/**/*.spec.ts, apps/**/*.spec.ts) and end-to-end suites (test/**/*.e2e-spec.ts).
// SWC transpiles without type-checking; `npm test` runs `tsc --noEmit` first for that.
const swcConfig = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.exclude;
swcConfig.swcrc = false; // the .swcrc's exclude (spec files, for builds) must not apply to tests

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  // NestJS 12 and jose 6 ship ES modules only, and Jest on Node 20 cannot require() them: the
  // second transformer converts such files to CommonJS (cached after the first run).
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcConfig],
    '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs-transformer.js',
  },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@casetrail/(domain|eventstore|readmodels)$': '<rootDir>/libs/$1/src',
    '^@casetrail/(domain|eventstore|readmodels)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
  // Each end-to-end suite starts Nest apps, and what a worker keeps between files grows over the
  // ~550 suites: one worker reached V8's 4.3 GB heap and crashed mid-run. A worker past 2 GB after a
  // file is replaced by a fresh one (Jest's own remedy), so the run's length never decides its result.
  workerIdleMemoryLimit: '2GB',
};
