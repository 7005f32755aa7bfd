import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteApiKeyStore } from './sqlite.api-key-store';
import { describeApiKeyStoreContract } from './testing/api-key-store.contract';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'crm-api-keys-')), 'api-keys.sqlite');

describeApiKeyStoreContract('SQLite', async () => createSqliteApiKeyStore(freshFile()));

describe('SQLite API key store shared with another process', () => {
  const key = { id: 'k1', name: 'ERP sync', role: 'finance' as const, department: 'finance', keyHash: 'hash-k1', createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null };

  it('refuses a key it has found before from the next lookup on, once another connection (the keys CLI) revoked it', async () => {
    const file = freshFile();
    const server = createSqliteApiKeyStore(file);
    const cli = createSqliteApiKeyStore(file);
    await cli.add(key);
    expect(await server.findActive('hash-k1')).toMatchObject({ id: 'k1', role: 'finance' });

    await cli.revoke('k1', '2026-02-01T00:00:00.000Z');

    expect(await server.findActive('hash-k1')).toBeUndefined();
    await cli.close();
    await server.close();
  });

  it('finds a key another connection added after a lookup of it failed', async () => {
    const file = freshFile();
    const server = createSqliteApiKeyStore(file);
    const cli = createSqliteApiKeyStore(file);
    expect(await server.findActive('hash-k1')).toBeUndefined();

    await cli.add(key);

    expect(await server.findActive('hash-k1')).toMatchObject({ id: 'k1' });
    await cli.close();
    await server.close();
  });
});
