// The Slack installations on the JSON store: the contract, plus what only a file has (the optional field
// absent until the first install, odd hand-edited values read as absent, a reopen keeps everything).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonStore } from '../../src/store/json-store.js';
import { jsonInstallations } from '../../src/store/json-installations.js';
import { boltInstallationStore } from '../../src/store/installations.js';
import { installationStoreContract, orgInstall, teamInstall } from './installations-contract.js';

let dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coach-installations-'));
  dirs.push(dir);
  return join(dir, 'coach.json');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

installationStoreContract('JSON file', async () => {
  const store = await openJsonStore(tempFile(), { warn: () => undefined, backupsKept: 0 });
  return { store: jsonInstallations(store), close: () => store.close() };
});

test('absent means no OAuth installs: reading never writes the field; the first save does, and a reopen keeps it', async () => {
  const file = tempFile();
  let store = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
  const installs = jsonInstallations(store);
  expect(await installs.list()).toEqual([]);
  expect(await installs.fetch({ isEnterpriseInstall: false, teamId: 'TA' })).toBeUndefined();
  expect(await installs.remove({ isEnterpriseInstall: false, teamId: 'TA' })).toEqual([]);
  await installs.noteTeam('TA', 'E1').then(() => installs.forgetTeam('TA'));
  await store.close();
  expect(JSON.parse(readFileSync(file, 'utf8')).slackOAuth).toEqual({ installations: {}, enterpriseOf: {} });

  const fresh = tempFile();
  store = await openJsonStore(fresh, { warn: () => undefined, backupsKept: 0 });
  expect(await jsonInstallations(store).list()).toEqual([]);
  await store.update(() => undefined);
  await store.close();
  expect(JSON.parse(readFileSync(fresh, 'utf8'))).not.toHaveProperty('slackOAuth');

  store = await openJsonStore(fresh, { warn: () => undefined, backupsKept: 0 });
  await jsonInstallations(store).save(teamInstall('TA', 'xoxb-a'));
  await store.close();
  store = await openJsonStore(fresh, { warn: () => undefined, backupsKept: 0 });
  expect((await jsonInstallations(store).fetch({ isEnterpriseInstall: false, teamId: 'TA' }))?.bot?.token).toBe('xoxb-a');
  await store.close();
});

test('odd hand-edited values are read as no installation, and a save repairs the field', async () => {
  const file = tempFile();
  writeFileSync(file, JSON.stringify({ schemaVersion: 2, logEntries: 0, workspaces: {}, slackOAuth: { installations: { 'T:TA': null, 'T:TB': { installation: 'x' } }, enterpriseOf: [] } }));
  const store = await openJsonStore(file, { warn: () => undefined, backupsKept: 0 });
  try {
    const installs = jsonInstallations(store);
    expect(await installs.fetch({ isEnterpriseInstall: false, teamId: 'TA' })).toBeUndefined();
    expect(await installs.fetch({ isEnterpriseInstall: false, teamId: 'TB' })).toBeUndefined();
    expect(await installs.list()).toEqual([]);
    expect(await installs.enterpriseOf('TA')).toBeUndefined();
    await installs.noteTeam('TC', 'E1');
    expect(await installs.teamsOf('E1')).toEqual(['TC']);
  } finally {
    await store.close();
  }
});

test('Bolt’s InstallationStore view: a missing installation rejects (as the installer expects), delete is idempotent', async () => {
  const store = await openJsonStore(tempFile(), { warn: () => undefined, backupsKept: 0 });
  try {
    const bolt = boltInstallationStore(jsonInstallations(store));
    await expect(bolt.fetchInstallation({ isEnterpriseInstall: false, teamId: 'TA', enterpriseId: undefined })).rejects.toThrow('no installation for team TA');
    await bolt.storeInstallation(orgInstall('E1', 'xoxb-org'));
    expect((await bolt.fetchInstallation({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined })).bot?.token).toBe('xoxb-org');
    await bolt.deleteInstallation!({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined });
    await bolt.deleteInstallation!({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined });
    await expect(bolt.fetchInstallation({ isEnterpriseInstall: true, enterpriseId: 'E1', teamId: undefined })).rejects.toThrow();
  } finally {
    await store.close();
  }
});
