// The store port's conformance suite on the JSON file store (the embedded default).
import { join } from 'node:path';
import { jsonPort } from '../../src/store/json-port.js';
import { openJsonStore } from '../../src/store/json-store.js';
import { describeStoreConformance } from './conformance.js';
import { tempDir, warnings } from './tmp.js';

describeStoreConformance('JSON file', async () => {
  const store = jsonPort(await openJsonStore(join(tempDir(), 'coach.json'), { backupsKept: 0, warn: warnings().warn }));
  return { store, close: () => store.close() };
});
