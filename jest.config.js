// Unit tests: pure domain code and libraries, no broker or database. Fast.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
};
