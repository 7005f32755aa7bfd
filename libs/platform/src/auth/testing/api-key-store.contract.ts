import type { ApiKeyRecord } from '../api-key';
import type { ApiKeyStore } from '../api-key-store.port';

const record = (id: string, over: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  id,
  name: `key ${id}`,
  role: 'sales',
  department: 'sales',
  keyHash: `hash-${id}`,
  createdAt: `2026-01-0${id.length}T00:00:00.000Z`,
  revokedAt: null,
  ...over,
});

/** The behaviour every API key store adapter shares. */
export function describeApiKeyStoreContract(name: string, open: () => Promise<ApiKeyStore>): void {
  describe(`${name} API key store`, () => {
    let store: ApiKeyStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('finds an active key by its hash and nothing by an unknown hash', async () => {
      await store.add(record('a', { role: 'finance', department: 'accounts' }));
      expect(await store.findActive('hash-a')).toEqual(record('a', { role: 'finance', department: 'accounts' }));
      expect(await store.findActive('hash-unknown')).toBeUndefined();
    });

    it('lists every key, oldest first', async () => {
      await store.add(record('bb'));
      await store.add(record('a'));
      expect((await store.list()).map((key) => key.id)).toEqual(['a', 'bb']);
    });

    it('stops finding a key as soon as it is revoked, and keeps the first revocation time', async () => {
      await store.add(record('a'));
      expect(await store.revoke('a', '2026-02-01T00:00:00.000Z')).toBe(true);
      expect(await store.findActive('hash-a')).toBeUndefined();
      expect(await store.revoke('a', '2026-03-01T00:00:00.000Z')).toBe(true);
      expect((await store.list())[0].revokedAt).toBe('2026-02-01T00:00:00.000Z');
    });

    it('stops finding a key it has found before as soon as it is revoked', async () => {
      await store.add(record('a'));
      expect(await store.findActive('hash-a')).toBeDefined();

      await store.revoke('a', '2026-02-01T00:00:00.000Z');

      expect(await store.findActive('hash-a')).toBeUndefined();
    });

    it('finds a key added after its hash was looked up in vain', async () => {
      expect(await store.findActive('hash-a')).toBeUndefined();

      await store.add(record('a'));

      expect(await store.findActive('hash-a')).toEqual(record('a'));
    });

    it('answers false when revoking an unknown id', async () => {
      expect(await store.revoke('nope', '2026-02-01T00:00:00.000Z')).toBe(false);
    });

    it('refuses a second key with the same hash', async () => {
      await store.add(record('a'));
      // toHaveProperty, not toThrow: the driver's error may come from another realm than the test's Error.
      await expect(store.add(record('b', { keyHash: 'hash-a' }))).rejects.toHaveProperty('message');
      expect((await store.list()).map((key) => key.id)).toEqual(['a']);
    });
  });
}
