/** Time arithmetic on ISO 8601 strings, the only form time takes in the domain. */
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const isIsoTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value));

/** Days from one parsed time (epoch milliseconds) to another: for rules that parse each time once. */
export const daysFrom = (fromTime: number, toTime: number): number => (toTime - fromTime) / MS_PER_DAY;

export const daysBetween = (from: string, to: string): number => daysFrom(Date.parse(from), Date.parse(to));

export const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / MS_PER_HOUR;

export const addHours = (at: string, hours: number): string => new Date(Date.parse(at) + hours * MS_PER_HOUR).toISOString();

export const addMinutes = (at: string, minutes: number): string => addHours(at, minutes / 60);

/**
 * Two UTC timestamps of one length share one layout (the optional seconds and fraction change the
 * length), so their text order is their time order: the fold compares times on every event.
 */
const sameUtcLayout = (a: string, b: string): boolean => a.length === b.length && a.endsWith('Z') && b.endsWith('Z');

export const isAfter = (a: string, b: string): boolean => (sameUtcLayout(a, b) ? a > b : Date.parse(a) > Date.parse(b));

export const latest = (a: string, b: string): string => (isAfter(b, a) ? b : a);

export const earliest = (a: string, b: string): string => (isAfter(a, b) ? b : a);

/** Items in the order of their business time (epoch milliseconds), ties kept in recorded order. */
export const inTimeOrder = <T extends { time: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.time - b.time);
