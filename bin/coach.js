#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('coach: the project is not built yet. Run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
// A local .env file is read as documented in .env.example; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
