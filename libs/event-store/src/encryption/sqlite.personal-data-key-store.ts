import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { GroupCommitQueue } from '../sqlite/group-commit.queue';
import { PersonalDataShreddedError, type DataKey, type PersonalDataKeyStore } from './personal-data-key-store.port';

const MAX_KEYS_PER_TRANSACTION = 500;

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
  // First keys asked for together (an import, a burst of registrations) share one transaction
  // and one fsync, as appends do: each costs milliseconds of a blocked thread otherwise.
  const firstKeys = new GroupCommitQueue<string, Row | undefined>({
    maxBatchSize: MAX_KEYS_PER_TRANSACTION,
    commitBatch: db.transaction((subjects: string[]) =>
      subjects.map((subject) => {
        insert.run(subject, randomUUID(), randomBytes(32));
        return { ok: true as const, value: select.get(subject) };
      }),
    ),
    onCommitted: () => undefined,
  });

  return {
    keyFor: async (subject) => {
      // Only a subject's first key is a write: every later append reads it without a durable transaction.
      const key = toKey(select.get(subject) ?? (await firstKeys.submit(subject)));
      if (key === undefined || key === 'shredded') throw new PersonalDataShreddedError(subject);
      return key;
    },
    find: async (subject) => toKey(select.get(subject)),
    shred: async (subject) => void shred.run(subject, randomUUID()),
    close: async () => {
      firstKeys.flush();
      db.close();
    },
  };
}
