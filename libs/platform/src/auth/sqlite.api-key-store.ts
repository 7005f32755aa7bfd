import Database from 'better-sqlite3';
import type { Role } from './access-matrix';
import type { ApiKeyRecord } from './api-key';
import type { ApiKeyStore } from './api-key-store.port';

interface Row {
  id: string;
  name: string;
  role: Role;
  department: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

const toRecord = (row: Row): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  department: row.department,
  keyHash: row.key_hash,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** The embedded API key store: one table in its own SQLite file under CRM_DATA_DIR. */
export function createSqliteApiKeyStore(filename: string): ApiKeyStore {
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    department TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  )`);
  const insert = db.prepare(
    'INSERT INTO api_keys (id, name, role, department, key_hash, created_at, revoked_at) VALUES (@id, @name, @role, @department, @keyHash, @createdAt, @revokedAt)',
  );
  const byHash = db.prepare<[string], Row>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
  const all = db.prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, rowid');
  const exists = db.prepare<[string], { id: string }>('SELECT id FROM api_keys WHERE id = ?');
  const revoke = db.prepare<[string, string]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');

  return {
    add: async (record) => void insert.run(record),
    findActive: async (keyHash) => {
      const row = byHash.get(keyHash);
      return row && toRecord(row);
    },
    list: async () => all.all().map(toRecord),
    revoke: async (id, at) => {
      if (!exists.get(id)) return false;
      revoke.run(at, id);
      return true;
    },
    close: async () => void db.close(),
  };
}
