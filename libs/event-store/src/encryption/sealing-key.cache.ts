import type { DataKey, PersonalDataKeyStore } from './personal-data-key-store.port';

export const DEFAULT_CACHED_SEALING_KEYS = 10_000;

/**
 * Keeps the keys handed out for sealing in memory, the least recently used dropped past
 * `maxKeys`: a key never changes once created, and without this every append with personal data
 * reads the key store. `find` (the read paths) is never cached, so a shredded key stops opening
 * data at once. Shredding through this instance forgets the key. A key shredded by another
 * process may still seal here until evicted; what it seals is as unreadable as the rest of that
 * subject's data, and the domain refuses new personal data of an erased customer anyway.
 */
export function withSealingKeyCache(inner: PersonalDataKeyStore, maxKeys = DEFAULT_CACHED_SEALING_KEYS): PersonalDataKeyStore {
  const keys = new Map<string, DataKey>();
  return {
    keyFor: async (subject) => {
      const cached = keys.get(subject);
      if (cached) {
        // A Map iterates in insertion order: re-inserting keeps the least recently used first.
        keys.delete(subject);
        keys.set(subject, cached);
        return cached;
      }
      const key = await inner.keyFor(subject);
      keys.set(subject, key);
      if (keys.size > maxKeys) keys.delete(keys.keys().next().value as string);
      return key;
    },
    find: (subject) => inner.find(subject),
    shred: async (subject) => {
      keys.delete(subject);
      await inner.shred(subject);
    },
    close: () => inner.close(),
  };
}
