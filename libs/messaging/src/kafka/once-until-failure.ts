/**
 * Runs `start` on the first call and answers later calls with the same promise while it succeeds
 * or is under way; a failure is forgotten, so the next call tries again (the broker may only be
 * starting).
 */
export function onceUntilFailure(start: () => Promise<void>): () => Promise<void> {
  let started: Promise<void> | undefined;
  return () =>
    (started ??= start().catch((error: unknown) => {
      started = undefined;
      throw error;
    }));
}
