/**
 * An append-only list that successive states share. Appending allocates one entry and leaves the
 * earlier list as it was, so folding a stream stays linear in its length where copying an array
 * on every purchase made it quadratic. Rules read it as an array, oldest first.
 */
export type History<T> = HistoryEntry<T> | null;

interface HistoryEntry<T> {
  readonly item: T;
  readonly earlier: History<T>;
  readonly length: number;
}

export const EMPTY_HISTORY = null;

export const appended = <T>(history: History<T>, item: T): History<T> => ({ item, earlier: history, length: historyLength(history) + 1 });

export const historyLength = (history: History<unknown>): number => history?.length ?? 0;

export function historyItems<T>(history: History<T>): T[] {
  const items = new Array<T>(historyLength(history));
  for (let entry = history, index = items.length - 1; entry !== null; entry = entry.earlier, index--) items[index] = entry.item;
  return items;
}

/** Whether any item matches, newest first, without building the array. */
export function someInHistory<T>(history: History<T>, matches: (item: T) => boolean): boolean {
  for (let entry = history; entry !== null; entry = entry.earlier) if (matches(entry.item)) return true;
  return false;
}
