/** Monotonic time in milliseconds, with sub-millisecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const perSecond = (count: number, ms: number): number => (count * 1000) / ms;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One line on the console about a long scenario's phase, so a slow or stuck run shows where it is. */
export const progress = (message: string): void => void process.stdout.write(`  · ${message}\n`);
