// The Teams app package: `npm run teams:package` writes a zip with exactly manifest.json, color.png and
// outline.png at its root; the manifest in it parses and carries the app id; the icons are what Teams
// asks for; the manifest matches what the bot handles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { helpLines } from '../../src/core/i18n.js';
import { root } from '../helpers.js';

const APP_ID = '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0011';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'coach-teams-package-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runPackage(env: Record<string, string | undefined>, args: string[] = []) {
  const childEnv = { ...process.env, ...env };
  if (env.MICROSOFT_APP_ID === undefined) delete childEnv.MICROSOFT_APP_ID;
  // Run from an empty folder: no .env there to fill the id in.
  return spawnSync(process.execPath, [join(root, 'scripts/teams-package.mjs'), ...args], { cwd: dir, env: childEnv, encoding: 'utf8' });
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** Reads a zip through its central directory, checking each entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** Width, height and RGBA pixels of one of our PNGs (8-bit RGBA, filter 0 rows). */
function readPng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(png[24]).toBe(8);
  expect(png[25]).toBe(6);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

test('npm run teams:package writes a zip of exactly manifest.json, color.png and outline.png, the id filled in', () => {
  const out = join(dir, 'teams-app.zip');
  const run = runPackage({ MICROSOFT_APP_ID: APP_ID.toUpperCase() }, ['--out', out]);
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('teams-app.zip');
  const files = readZip(readFileSync(out));
  expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  expect(manifest.id).toBe(APP_ID);
  expect(manifest.bots[0].botId).toBe(APP_ID);
  expect(manifest.webApplicationInfo.id).toBe(APP_ID);
  expect(manifest.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  expect(JSON.stringify(manifest)).not.toContain('{{');
  expect(files.get('color.png')).toEqual(readFileSync(join(root, 'teams/color.png')));
  // Same inputs, same bytes.
  const again = join(dir, 'again.zip');
  expect(runPackage({ MICROSOFT_APP_ID: APP_ID }, ['--out', again]).status).toBe(0);
  expect(readFileSync(again)).toEqual(readFileSync(out));
});

test('without MICROSOFT_APP_ID, or with one that is not a GUID, it fails with a clear message', () => {
  const missing = runPackage({ MICROSOFT_APP_ID: undefined }, ['--out', join(dir, 'none.zip')]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('MICROSOFT_APP_ID is not set');
  const bad = runPackage({ MICROSOFT_APP_ID: 'my-bot' }, ['--out', join(dir, 'bad.zip')]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('must be a GUID');
});

test('icons: color.png is 192×192 and opaque; outline.png is 32×32, white on transparent', () => {
  const color = readPng(readFileSync(join(root, 'teams/color.png')));
  expect([color.width, color.height]).toEqual([192, 192]);
  let translucent = 0;
  for (let i = 3; i < color.pixels.length; i += 4) if (color.pixels[i] !== 255) translucent++;
  expect(translucent).toBe(0);
  const outline = readPng(readFileSync(join(root, 'teams/outline.png')));
  expect([outline.width, outline.height]).toEqual([32, 32]);
  let transparent = 0;
  let notWhite = 0;
  for (let i = 0; i < outline.pixels.length; i += 4) {
    if (outline.pixels[i + 3] === 0) transparent++;
    else if (outline.pixels[i] !== 255 || outline.pixels[i + 1] !== 255 || outline.pixels[i + 2] !== 255) notWhite++;
  }
  expect(notWhite).toBe(0);
  expect(transparent).toBeGreaterThan(32 * 32 / 2);
});

test('the manifest: a bot in personal, team and group chat, the coach’s commands, channel-message consent', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'teams/manifest.json'), 'utf8'));
  expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.16);
  expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  const [bot] = manifest.bots;
  expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
  expect(bot.commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title)).sort()).toEqual(['answer', 'coach', 'incident', 'leaderboard', 'playbook', 'scenario']);
  for (const list of bot.commandLists) for (const c of list.commands) expect(c.description.length).toBeLessThanOrEqual(128);
  expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
  expect(manifest.webApplicationInfo.id).toBe('{{MICROSOFT_APP_ID}}');
  expect(manifest.description.short.length).toBeLessThanOrEqual(80);
  expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  expect(manifest.name.short.length).toBeLessThanOrEqual(30);
});

test('every command word the help shows is in the Teams command menu', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'teams/manifest.json'), 'utf8'));
  const menu = new Set<string>(manifest.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title)));
  for (const lang of ['fr', 'en'] as const) {
    const shown = commandWordsIn(helpLines(lang, true));
    expect(shown.size).toBeGreaterThanOrEqual(5);
    for (const word of shown) expect(menu).toContain(word);
  }
});

/** The command words (without their slash) that lines of help mention: `/answer N` → answer. */
function commandWordsIn(lines: readonly string[]): Set<string> {
  return new Set(lines.flatMap((line) => [...line.matchAll(/(?:^|[\s(:;,])\/([a-zà-ÿ]+)/g)].map((m) => m[1]!)));
}
