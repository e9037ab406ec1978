#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// undici's HTTP parser (llhttp, for the replies to Slack's response_url; pg also loads Node's own copy) is
// WebAssembly. By default V8 compiles it with its baseline compiler (Liftoff), then recompiles the hot parse
// function with TurboFan on a background thread, which holds 30–45 MB for a moment: under load, with the
// first replies, that moment was the coach's peak memory (bench:slack). Liftoff's code alone parses the small
// responses Slack sends back about as fast (measured: 3,000 replies, VmHWM +45 MB with tier-up, +13 MB
// without, same time within noise). Set before any module is loaded; it concerns WebAssembly only.
setFlagsFromString('--liftoff-only');
// V8's memory reducer runs full collections that give memory back (garbage of the old generation, the young
// generation's reserve) once the program allocates little, but only 8 s after it noticed: a help desk's
// bursts come closer than that, so each burst started on the last one's garbage (peak RSS up to 221 MB under
// bench:slack). Half a second after a burst, the collections run between bursts, not during one (the
// reducer waits for a low allocation rate): peaks 174–190 MB against 221 MB in the same runs.
setFlagsFromString('--gc-memory-reducer-start-delay-ms=500');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('coach: the project is not built yet. Run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
// A local .env file is read as documented in .env.example; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
