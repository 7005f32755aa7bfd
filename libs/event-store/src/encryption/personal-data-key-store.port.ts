export const PERSONAL_DATA_KEY_STORE = Symbol('PERSONAL_DATA_KEY_STORE');

/** A subject's (customer's) AES-256 data key. */
export interface DataKey {
  id: string;
  /** 32 bytes. */
  material: Buffer;
}

/** The subject's key was shredded: personal data can no longer be written or read for it. */
export class PersonalDataShreddedError extends Error {
  constructor(readonly subject: string) {
    super(`The personal data of ${subject} was erased`);
    this.name = 'PersonalDataShreddedError';
  }
}

/**
 * Per-subject data keys. Shredding a key is the erasure: the ciphertext stays in the immutable
 * log, unreadable. A shredded subject never gets a new key, so nothing new can be written that a
 * reader would decrypt as the old customer's data.
 */
export interface PersonalDataKeyStore {
  /** The subject's key, created on first use; throws PersonalDataShreddedError once shredded. */
  keyFor(subject: string): Promise<DataKey>;
  /** The key, 'shredded', or undefined when the subject never had one. */
  find(subject: string): Promise<DataKey | 'shredded' | undefined>;
  /** Destroys the key for good; shredding twice (or a subject without a key) is fine. */
  shred(subject: string): Promise<void>;
  close(): Promise<void>;
}
