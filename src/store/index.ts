// The store's public surface: the app and the CLIs import from here.
export type { CoachStore, WorkspaceStore } from './store.js';
export * from './schema.js';
export { openJsonStore, workspaceStore, dataFileFromEnv, stamp, DEFAULT_DATA_FILE, type JsonStore, type JsonStoreOptions, type JsonStoreStats } from './json-store.js';
export { DataFileError, StoreOpenError, StoreWriteError, StoreClosedError, errorCode, errorText } from './errors.js';
export { newestGoodBackup, listBackups, backupDir, checkBackup, checkDataFile } from './backups.js';
export { scoreLogFile, forEachLogEntry, shortLogProblem, LogLineError } from './score-log.js';
// For `coach restore`, which replaces the files itself, under the store's lock and as durably as the store writes them.
export { acquireLock } from './lock.js';
export { copyFileDurably, syncDir, syncFile, unlinkIfExists, writeFileDurably } from './fsync-adapter.js';
export { knowsMember, type ForgetReport } from './forget-member.js';
export { RECENT_CHALLENGES, checkId } from './port.js';
export type * from './port.js';
export { jsonPort } from './json-port.js';
