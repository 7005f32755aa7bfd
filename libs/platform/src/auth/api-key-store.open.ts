import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { ApiKeyStore } from './api-key-store.port';
import { createMongoApiKeyStore } from './mongo.api-key-store';
import { createSqliteApiKeyStore } from './sqlite.api-key-store';

export const API_KEY_STORE_FILE = 'api-keys.sqlite';

/** Opens the API key store the configuration names (the apps and the keys CLI). */
export async function openApiKeyStore(config: AppConfig): Promise<ApiKeyStore> {
  if (config.keyStore.kind === 'mongo') return createMongoApiKeyStore({ uri: config.keyStore.uri, database: config.keyStore.database });
  mkdirSync(config.dataDir, { recursive: true });
  return createSqliteApiKeyStore(join(config.dataDir, API_KEY_STORE_FILE));
}
