/**
 * One jest run, several projects. The global setup starts ONE DynamoDB Local and the local
 * WeChat simulator for the whole run; each integration test file makes its own table.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // the workspace packages are TypeScript source, linked into node_modules
  transformIgnorePatterns: ['/node_modules/(?!@hpf/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'],
};

module.exports = {
  globalSetup: '<rootDir>/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/test-support/global-teardown.ts',
  testTimeout: 30_000,
  testSequencer: '<rootDir>/test-support/sequencer.js',
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/test/**/*.test.ts'] },
    {
      ...common,
      displayName: 'functions',
      testMatch: ['<rootDir>/functions/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test-support/per-file-env.ts'],
    },
    { ...common, displayName: 'miniapp', testMatch: ['<rootDir>/miniapp/test/**/*.test.{ts,tsx}'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/test-support/per-file-env.ts'],
    },
  ],
};
