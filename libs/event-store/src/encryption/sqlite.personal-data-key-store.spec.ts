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
