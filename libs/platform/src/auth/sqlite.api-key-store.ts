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
  // WAL's default (NORMAL) could lose a revocation to a power cut, and bring the key back.
  db.pragma('synchronous = FULL');
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
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');

  // Every request looks its key up, so a key found once is answered from memory while the file
  // is unchanged: data_version moves with every commit of another connection (the keys CLI
  // revoking a key) and this connection's own revocations clear the memory, so a revoked key is
  // still refused from the next lookup on. Unknown hashes are never remembered.
  const found = new Map<string, ApiKeyRecord>();
  let foundAtVersion: number | undefined;

  return {
    add: async (record) => void insert.run(record),
    findActive: async (keyHash) => {
      const version = dataVersion.get()?.data_version;
      if (version !== foundAtVersion) {
        found.clear();
        foundAtVersion = version;
      }
      const known = found.get(keyHash);
      if (known) return known;
      const row = byHash.get(keyHash);
      if (!row) return undefined;
      const record = Object.freeze(toRecord(row));
      found.set(keyHash, record);
      return record;
    },
    list: async () => all.all().map(toRecord),
    revoke: async (id, at) => {
      if (!exists.get(id)) return false;
      revoke.run(at, id);
      found.clear();
      return true;
    },
    close: async () => void db.close(),
  };
}
