// A data file that cannot be used: the store refuses to open, says what is wrong, names the newest good
// backup and the restore command, and leaves the file byte for byte as it was.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupPath } from '../../src/store/backups.js';
import { DataFileError, StoreOpenError } from '../../src/store/errors.js';
import { FsyncJsonAdapter, nodeFs, type AdapterFs } from '../../src/store/fsync-adapter.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { tempDir } from './tmp.js';

const good = JSON.stringify({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: { T1: { members: { U1: { name: 'Ana' } }, channels: {}, scoreLog: [] } } });

const cases: [string, string | Buffer, RegExp][] = [
  ['truncated', good.slice(0, 40), /is not valid JSON \(truncated\?\)/],
  ['empty', '', /is empty \(0 bytes\)/],
  ['blank', '  \n', /is empty/],
  ['garbage', 'hello world', /is not valid JSON \(corrupted\?\)/],
  ['zero-filled', Buffer.alloc(4096), /is not valid JSON/],
  ['an array', '[1,2]', /does not hold a JSON object \(found a list\)/],
  ['a string', '"coach"', /does not hold a JSON object \(found a string\)/],
  ['null', 'null', /does not hold a JSON object \(found null\)/],
  ['no schemaVersion', '{"workspaces":{}}', /has no schemaVersion/],
  ['a bad schemaVersion', '{"schemaVersion":"1","workspaces":{}}', /has an invalid schemaVersion/],
  ['no workspaces', '{"schemaVersion":1}', /does not have the expected structure: "workspaces" is missing/],
  ['a bad workspace', '{"schemaVersion":1,"workspaces":{"T1":{"members":{},"channels":{},"scoreLog":{}}}}', /workspaces\["T1"\]\.scoreLog is an object, not a list/],
  ['no workspaces (current version)', `{"schemaVersion":${SCHEMA_VERSION},"logEntries":0}`, /does not have the expected structure: "workspaces" is missing/],
  ['no logEntries (current version)', `{"schemaVersion":${SCHEMA_VERSION},"workspaces":{}}`, /does not have the expected structure: "logEntries" is missing, not a whole number >= 0/],
  ['a bad logEntries', `{"schemaVersion":${SCHEMA_VERSION},"logEntries":-1,"workspaces":{}}`, /"logEntries" is -1, not a whole number >= 0/],
];

function setup(content: string | Buffer) {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  writeFileSync(file, content);
  return { dir, file };
}

describe.each(cases)('a data file that is %s', (_name, content, problem) => {
  test('is refused with the problem, no backup, the --empty command; left unchanged', async () => {
    const { file } = setup(content);
    const before = readFileSync(file);
    const err = await openJsonStore(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    const e = err as StoreOpenError;
    expect(e.file).toBe(file);
    expect(e.message).toContain(`its data file ${file} `);
    expect(e.message).toMatch(problem);
    expect(e.message).toContain('No backup found');
    expect(e.message).toContain(`npx coach restore --empty --file ${file}`);
    expect(e.backup).toBeNull();
    expect(readFileSync(file)).toEqual(before);
  });
});

test('with backups: names the newest GOOD one (skipping a damaged newer one) and the --from command', async () => {
  const { file } = setup('{"schemaVersion":1,"workspa');
  mkdirSync(join(file, '..', 'backups'));
  writeFileSync(backupPath(file, '2026-11-20'), good);
  writeFileSync(backupPath(file, '2026-11-21'), good);
  writeFileSync(backupPath(file, '2026-11-22'), '{"schemaVersion":1,'); // damaged too
  const before = readFileSync(file);
  const err = (await openJsonStore(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(err).toBeInstanceOf(StoreOpenError);
  const newest = backupPath(file, '2026-11-21');
  expect(err.backup).toBe(newest);
  expect(err.message).toContain(`Newest good backup: ${newest}`);
  expect(err.message).toContain(`npx coach restore --from ${newest} --file ${file}`);
  expect(err.command).toBe(`npx coach restore --from ${newest} --file ${file}`);
  expect(err.message).toContain('nothing was written, moved or deleted');
  expect(readFileSync(file)).toEqual(before);
  expect(readFileSync(backupPath(file, '2026-11-22'), 'utf8')).toBe('{"schemaVersion":1,'); // no backup made of a bad file
});

test('an unreadable file (EACCES) is refused and named; the message suggests fixing permissions', async () => {
  const { file } = setup(good);
  const before = readFileSync(file);
  const fs: AdapterFs = {
    ...nodeFs,
    readFile: async (path) => {
      if (path === file) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      return nodeFs.readFile(path);
    },
  };
  const err = (await openJsonStore(file, { fs }).catch((e: unknown) => e)) as StoreOpenError;
  expect(err).toBeInstanceOf(StoreOpenError);
  expect(err.message).toContain(`${file} cannot be read (EACCES: permission denied`);
  expect(err.message).toContain('permissions');
  expect(err.message).toContain('npx coach restore --empty');
  expect(readFileSync(file)).toEqual(before);
});

test('a folder where the file should be is unreadable, not "missing"', async () => {
  const dir = tempDir();
  const file = join(dir, 'coach.json');
  mkdirSync(file);
  const err = (await openJsonStore(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(err).toBeInstanceOf(StoreOpenError);
  expect(err.message).toContain('cannot be read (EISDIR');
});

test('a file from a newer Support Coach is refused and left alone', async () => {
  const newer = JSON.stringify({ schemaVersion: 7, workspaces: {}, somethingNew: true });
  const { file } = setup(newer);
  const err = (await openJsonStore(file).catch((e: unknown) => e)) as StoreOpenError;
  expect(err).toBeInstanceOf(StoreOpenError);
  expect(err.message).toContain(`written by a newer Support Coach, version 7; this one knows up to ${SCHEMA_VERSION}`);
  expect(err.message).toContain(file);
  expect(readFileSync(file, 'utf8')).toBe(newer);
});

test('after a refusal the file is not locked: fixing it lets the store open', async () => {
  const { file } = setup('{');
  await expect(openJsonStore(file)).rejects.toBeInstanceOf(StoreOpenError);
  writeFileSync(file, good);
  const store = await openJsonStore(file, { backupsKept: 0 });
  expect(store.read((d) => d.workspaces.T1?.members.U1?.name)).toBe('Ana');
  await store.close();
});

describe('FsyncJsonAdapter.read', () => {
  test('null when there is no file; a typed error for each kind of bad file', async () => {
    const dir = tempDir();
    expect(await new FsyncJsonAdapter(join(dir, 'none.json')).read()).toBeNull();
    const kinds: [string, string][] = [
      ['', 'empty'],
      ['{"schemaVersion":1', 'truncated'],
      ['{x}', 'not-json'],
      ['42', 'not-object'],
      ['{}', 'no-version'],
    ];
    for (const [content, problem] of kinds) {
      const file = join(dir, `${problem}.json`);
      writeFileSync(file, content);
      const err = await new FsyncJsonAdapter(file).read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataFileError);
      expect((err as DataFileError).problem).toBe(problem);
      expect((err as DataFileError).file).toBe(file);
    }
  });

  test('an older version is migrated in memory (the file is not touched); a newer one is a typed error', async () => {
    const dir = tempDir();
    const old = join(dir, 'old.json');
    const text = JSON.stringify({ schemaVersion: 0, teams: { T1: { members: { U1: { name: 'Ana' } } } } });
    writeFileSync(old, text);
    const adapter = new FsyncJsonAdapter(old);
    const data = await adapter.read();
    expect(data).toMatchObject({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: { T1: { members: { U1: { name: 'Ana' } }, channels: {}, scoreLog: [] } } });
    expect(adapter.found).toEqual({ text, version: 0 });
    expect(readFileSync(old, 'utf8')).toBe(text);
    const newer = join(dir, 'newer.json');
    writeFileSync(newer, '{"schemaVersion":99,"workspaces":{}}');
    const err = await new FsyncJsonAdapter(newer).read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as DataFileError).problem).toBe('newer');
  });

  test('write: temp file, fsync, rename, then fsync of the folder, in that order', async () => {
    const dir = tempDir();
    const file = join(dir, 'coach.json');
    const calls: string[] = [];
    const fs: AdapterFs = {
      ...nodeFs,
      async open(path, flags) {
        const handle = await nodeFs.open(path, flags);
        const name = path === dir ? 'dir' : path.slice(dir.length + 1);
        calls.push(`open ${name}`);
        return {
          writeFile: async (d) => (calls.push(`write ${name}`), handle.writeFile(d)),
          sync: async () => (calls.push(`fsync ${name}`), handle.sync()),
          close: () => handle.close(),
        };
      },
      async rename(from, to) {
        calls.push(`rename ${from.slice(dir.length + 1)} -> ${to.slice(dir.length + 1)}`);
        return nodeFs.rename(from, to);
      },
    };
    await new FsyncJsonAdapter(file, { fs }).write({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: {} });
    const tmp = `coach.json.tmp-${process.pid}`;
    expect(calls).toEqual([`open ${tmp}`, `write ${tmp}`, `fsync ${tmp}`, `rename ${tmp} -> coach.json`, 'open dir', 'fsync dir']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ schemaVersion: SCHEMA_VERSION, logEntries: 0, workspaces: {} });
  });
});
