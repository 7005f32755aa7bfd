import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersonalDataKeyStore } from './personal-data-key-store.port';
import { PersonalDataShreddedError } from './personal-data-key-store.port';
import { withSealingKeyCache } from './sealing-key.cache';
import { createSqlitePersonalDataKeyStore } from './sqlite.personal-data-key-store';
import { describePersonalDataKeyStoreContract } from './testing/personal-data-key-store.contract';

const newStore = () => createSqlitePersonalDataKeyStore(join(mkdtempSync(join(tmpdir(), 'crm-data-keys-')), 'keys.sqlite'));

describePersonalDataKeyStoreContract('SQLite with sealing keys cached', async () => withSealingKeyCache(newStore()));

/** The inner store, counting what reaches it. */
function counted(inner: PersonalDataKeyStore) {
  const calls = { keyFor: 0, find: 0 };
  const store: PersonalDataKeyStore = {
    keyFor: (subject) => ((calls.keyFor += 1), inner.keyFor(subject)),
    find: (subject) => ((calls.find += 1), inner.find(subject)),
    shred: (subject) => inner.shred(subject),
    close: () => inner.close(),
  };
  return { store, calls };
}

describe('sealing key cache', () => {
  it('reads a subject’s key from the store once, then hands out the same key', async () => {
    const { store, calls } = counted(newStore());
    const keys = withSealingKeyCache(store);
    const first = await keys.keyFor('cust-1');
    expect(await keys.keyFor('cust-1')).toEqual(first);
    expect(calls.keyFor).toBe(1);
    await keys.close();
  });

  it('never answers reads from memory: a key shredded elsewhere stops opening data at once', async () => {
    const inner = newStore();
    const keys = withSealingKeyCache(inner);
    await keys.keyFor('cust-1');
    await inner.shred('cust-1');
    expect(await keys.find('cust-1')).toBe('shredded');
    await keys.close();
  });

  it('forgets a key it shreds', async () => {
    const keys = withSealingKeyCache(newStore());
    await keys.keyFor('cust-1');
    await keys.shred('cust-1');
    await expect(keys.keyFor('cust-1')).rejects.toThrow(PersonalDataShreddedError);
    await keys.close();
  });

  it('drops the least recently used key past its bound', async () => {
    const { store, calls } = counted(newStore());
    const keys = withSealingKeyCache(store, 2);
    await keys.keyFor('a');
    await keys.keyFor('b');
    await keys.keyFor('a');
    await keys.keyFor('c');
    expect(calls.keyFor).toBe(3);
    await keys.keyFor('a');
    expect(calls.keyFor).toBe(3);
    await keys.keyFor('b');
    expect(calls.keyFor).toBe(4);
    await keys.close();
  });
});
