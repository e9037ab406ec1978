// The store's public surface: import from here.
export type { CoachStore, WorkspaceStore } from './store.js';
export * from './schema.js';
export { openJsonStore, workspaceStore, dataFileFromEnv, DEFAULT_DATA_FILE, type JsonStore, type JsonStoreOptions, type JsonStoreStats } from './json-store.js';
export { DataFileError, StoreOpenError, StoreWriteError, StoreClosedError } from './errors.js';
export { newestGoodBackup, listBackups, backupDir, checkBackup } from './backups.js';
export { scoreLogFile, forEachLogEntry, LogLineError } from './score-log.js';
