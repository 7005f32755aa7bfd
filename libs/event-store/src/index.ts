export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.di-tokens';
export {
  createSqliteEventStore,
  type GroupCommitStats,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite/sqlite.event-store';
export type { SqliteSynchronous } from './sqlite/sqlite.schema';
export { createEsdbEventStore } from './esdb/esdb.event-store';
export * from './encryption';
