import type { ApiKeyRecord } from './api-key';

export const API_KEY_STORE = Symbol('API_KEY_STORE');

/** Where API keys live (hashes only). The guard asks it on every request, so a revocation applies at once. */
export interface ApiKeyStore {
  add(record: ApiKeyRecord): Promise<void>;
  /** The key with this hash, unless it was revoked. */
  findActive(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, revoked ones included, oldest first. */
  list(): Promise<ApiKeyRecord[]>;
  /** False when no key has this id; revoking twice keeps the first revocation time. */
  revoke(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
