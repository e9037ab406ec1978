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
// Under bursts of requests V8 let the old generation grow by a factor of its own choosing (about 2×) before
// collecting it: 47–97 MB of garbage over ~40 MB live, peak RSS 224–227 MB in four of five bench:slack runs
// on an idle machine (target < 200 MB). Growing it by 70 % at most kept the peak at 180–187 MB in five runs,
// with the acknowledgement p99 ratio to bare Bolt at a median of 0.94 (0.87 without); 40 % cost the acks too
// much (1.11–1.84). Only the growth step changes: no heap limit, so a big team can never run out of heap.
setFlagsFromString('--heap-growing-percent=70');

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('coach: the project is not built yet. Run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
// A local .env file is read as documented in .env.example; variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
