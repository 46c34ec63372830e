// Integration and end-to-end tests: real Kafka and Postgres, provided once for the run
// by libs/testing (env vars, else testcontainers, else deploy/local-stack.sh).
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 180000,
  // One suite at a time: they share one broker on a 2-core machine.
  maxWorkers: 1,
};
