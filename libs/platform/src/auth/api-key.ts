import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './access-matrix';

/** An API key as stored: never the key itself, only its hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  department: string;
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

const PREFIX = 'crm_';

/**
 * 256 random bits, so a plain SHA-256 is enough to store: a slow password hash guards
 * low-entropy secrets against guessing, and nobody can guess 2^256 keys. A fast hash also keeps
 * the per-request lookup cheap.
 */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): string {
  return `${PREFIX}${random(32).toString('base64url')}`;
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export const looksLikeApiKey = (value: string): boolean => value.startsWith(PREFIX);

export interface ApiKeyRequest {
  name: string;
  role: Role;
  /** Defaults to the role. */
  department?: string;
}

/** Creates a key and stores its hash; the key itself is returned once and never again. */
export async function issueApiKey(
  store: { add(record: ApiKeyRecord): Promise<void> },
  request: ApiKeyRequest,
  now: string,
  newId: () => string = () => randomBytes(8).toString('hex'),
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = generateApiKey();
  const record: ApiKeyRecord = {
    id: newId(),
    name: request.name,
    role: request.role,
    department: request.department ?? request.role,
    keyHash: hashApiKey(key),
    createdAt: now,
    revokedAt: null,
  };
  await store.add(record);
  return { key, record };
}
