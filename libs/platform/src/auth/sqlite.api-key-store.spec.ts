import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteApiKeyStore } from './sqlite.api-key-store';
import { describeApiKeyStoreContract } from './testing/api-key-store.contract';

describeApiKeyStoreContract('SQLite', async () => createSqliteApiKeyStore(join(mkdtempSync(join(tmpdir(), 'crm-api-keys-')), 'api-keys.sqlite')));
