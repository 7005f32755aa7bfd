import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './personal-data-key-store.port';

/** What `data.personal` holds in the store: AES-256-GCM ciphertext of the JSON, with its IV, tag and key id. */
export interface SealedPersonalData {
  $sealed: 'A256GCM';
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export const isSealed = (value: unknown): value is SealedPersonalData =>
  typeof value === 'object' && value !== null && (value as { $sealed?: unknown }).$sealed === 'A256GCM';

/**
 * `context` is bound as additional authenticated data (the stream and event id), so a sealed
 * value copied into another event fails to open instead of passing as that event's data.
 */
export function sealPersonalData(personal: object, key: DataKey, context: string, iv: Buffer = randomBytes(12)): SealedPersonalData {
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(JSON.stringify(personal), 'utf8'), cipher.final()]);
  return { $sealed: 'A256GCM', kid: key.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
}

/** Throws when the key is not the one sealed with, or the ciphertext, tag or context was altered. */
export function openPersonalData(sealed: SealedPersonalData, key: DataKey, context: string): Record<string, unknown> {
  if (sealed.kid !== key.id) throw new Error(`Sealed with key ${sealed.kid}, not ${key.id}`);
  const decipher = createDecipheriv('aes-256-gcm', key.material, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
