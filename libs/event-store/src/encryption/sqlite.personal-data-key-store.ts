import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { PersonalDataShreddedError, type DataKey, type PersonalDataKeyStore } from './personal-data-key-store.port';

interface Row {
  key_id: string;
  material: Buffer | null;
}

/**
 * The embedded key store: one table in its own SQLite file. `secure_delete` zeroes the bytes of a
 * shredded key instead of leaving them in a free page, and the rollback journal (not WAL) keeps
 * no old page image once a transaction ends: a shredded key is gone from the file.
 */
export function createSqlitePersonalDataKeyStore(filename: string): PersonalDataKeyStore {
  const db = new Database(filename);
  db.pragma('journal_mode = DELETE');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS data_keys (subject TEXT PRIMARY KEY, key_id TEXT NOT NULL, material BLOB)');
  const select = db.prepare<[string], Row>('SELECT key_id, material FROM data_keys WHERE subject = ?');
  const insert = db.prepare<[string, string, Buffer]>('INSERT OR IGNORE INTO data_keys (subject, key_id, material) VALUES (?, ?, ?)');
  const shred = db.prepare<[string, string]>(
    'INSERT INTO data_keys (subject, key_id, material) VALUES (?, ?, NULL) ON CONFLICT (subject) DO UPDATE SET material = NULL',
  );
  const toKey = (row: Row | undefined): DataKey | 'shredded' | undefined =>
    row === undefined ? undefined : row.material === null ? 'shredded' : { id: row.key_id, material: row.material };

  return {
    keyFor: async (subject) => {
      // Only a subject's first key is a write: every later append reads it without a durable transaction.
      let row = select.get(subject);
      if (row === undefined) {
        insert.run(subject, randomUUID(), randomBytes(32));
        row = select.get(subject);
      }
      const key = toKey(row);
      if (key === undefined || key === 'shredded') throw new PersonalDataShreddedError(subject);
      return key;
    },
    find: async (subject) => toKey(select.get(subject)),
    shred: async (subject) => void shred.run(subject, randomUUID()),
    close: async () => void db.close(),
  };
}
