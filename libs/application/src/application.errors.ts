/** The Idempotency-Key was first used with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key "${idempotencyKey}" was already used with a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
