import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlitePersonalDataKeyStore } from './sqlite.personal-data-key-store';
import { describePersonalDataKeyStoreContract } from './testing/personal-data-key-store.contract';

const newFile = () => join(mkdtempSync(join(tmpdir(), 'crm-data-keys-')), 'personal-data-keys.sqlite');

describePersonalDataKeyStoreContract('SQLite', async () => createSqlitePersonalDataKeyStore(newFile()));

describe('SQLite personal data key store on disk', () => {
  it('leaves no byte of a shredded key in the file', async () => {
    const file = newFile();
    const keys = createSqlitePersonalDataKeyStore(file);
    const { material } = await keys.keyFor('cust-1');
    await keys.keyFor('cust-2');
    await keys.shred('cust-1');
    await keys.close();
    expect(readFileSync(file).includes(material)).toBe(false);
  });

  it('creates the first keys of subjects asked for together, each its own and kept', async () => {
    const file = newFile();
    const keys = createSqlitePersonalDataKeyStore(file);
    const subjects = Array.from({ length: 100 }, (_, i) => `cust-${i % 50}`);
    const handedOut = await Promise.all(subjects.map((subject) => keys.keyFor(subject)));
    await keys.close();

    expect(new Set(handedOut.map((key) => key.id)).size).toBe(50);
    handedOut.forEach((key, i) => expect(key).toEqual(handedOut[i % 50]));
    const reopened = createSqlitePersonalDataKeyStore(file);
    expect(await Promise.all(subjects.slice(0, 50).map((subject) => reopened.keyFor(subject)))).toEqual(handedOut.slice(0, 50));
    await reopened.close();
  });

  it('hands out an existing key while another connection holds the write lock', async () => {
    const file = newFile();
    const keys = createSqlitePersonalDataKeyStore(file);
    const first = await keys.keyFor('cust-1');
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      expect(await keys.keyFor('cust-1')).toEqual(first);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      await keys.close();
    }
  });
});
