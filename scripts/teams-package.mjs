// `npm run teams:package`: the Teams app package to upload in Teams (Apps → Manage your apps → Upload an
// app). Fills the bot's Microsoft app id (MICROSOFT_APP_ID, from the environment or ./.env) and the
// project's version into teams/manifest.json, and writes teams-app.zip holding manifest.json, color.png
// and outline.png at its root. No dependency: a minimal ZIP writer over node:zlib.
//
//   node scripts/teams-package.mjs [--out FILE]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(message) {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
let out = resolve('teams-app.zip');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out' && args[i + 1]) out = resolve(args[++i]);
  else fail(`unknown argument ${JSON.stringify(args[i])}. Usage: node scripts/teams-package.mjs [--out FILE]`);
}

// Variables already set win over ./.env, as for `npm start`.
if (!process.env.MICROSOFT_APP_ID && existsSync('.env')) process.loadEnvFile('.env');
const appId = (process.env.MICROSOFT_APP_ID ?? '').trim();
if (!appId) {
  fail('MICROSOFT_APP_ID is not set. Set it to your Azure Bot\'s Microsoft App ID (a GUID, shown in the Azure portal under the bot\'s Configuration), in the environment or in .env, then run `npm run teams:package` again.');
}
if (!GUID.test(appId)) fail(`MICROSOFT_APP_ID must be a GUID such as 00000000-0000-0000-0000-000000000000 (got ${JSON.stringify(appId.slice(0, 60))}).`);

const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const template = readFileSync(join(root, 'teams', 'manifest.json'), 'utf8');
const filled = template.replaceAll('{{MICROSOFT_APP_ID}}', appId.toLowerCase());
if (filled.includes('{{')) fail('teams/manifest.json has a placeholder other than {{MICROSOFT_APP_ID}}.');
let manifest;
try {
  manifest = JSON.parse(filled);
} catch (err) {
  fail(`teams/manifest.json is not valid JSON: ${err.message}`);
}
manifest.version = version;

const files = [
  { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
  { name: 'color.png', data: readFileSync(join(root, 'teams', 'color.png')) },
  { name: 'outline.png', data: readFileSync(join(root, 'teams', 'outline.png')) },
];
writeFileSync(out, zip(files));
process.stdout.write(`${out} written (manifest.json, color.png, outline.png) for app id ${appId.toLowerCase()}, version ${version}.\nUpload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.\n`);

// ---- ZIP (PKZIP 2.0: deflate, no encryption, no zip64) ----
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function zip(entries) {
  // A fixed timestamp (2025-01-01 00:00): the same inputs give the same bytes.
  const dosTime = 0;
  const dosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, directory, end]);
}
