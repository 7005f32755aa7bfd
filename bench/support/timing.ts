/** Monotonic time in milliseconds, with sub-millisecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs `work` and returns its result with the wall time it took. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const startedAt = nowMs();
  const result = await work();
  return { result, ms: nowMs() - startedAt };
}

export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
