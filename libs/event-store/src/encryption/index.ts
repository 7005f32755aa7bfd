export * from './personal-data-key-store.port';
export * from './personal-data.cipher';
export * from './personal-data.event-store';
export * from './sealing-key.cache';
export * from './sqlite.personal-data-key-store';
export * from './mongo.personal-data-key-store';
