import { EMPTY_HISTORY, appended, historyItems, historyLength, someInHistory, type History } from './history';

describe('History', () => {
  it('reads oldest first', () => {
    const history = appended(appended(appended(EMPTY_HISTORY as History<string>, 'a'), 'b'), 'c');
    expect(historyItems(history)).toEqual(['a', 'b', 'c']);
    expect(historyLength(history)).toBe(3);
  });

  it('leaves the earlier list as it was when appended to, even twice from the same point', () => {
    const base = appended(EMPTY_HISTORY as History<number>, 1);
    const left = appended(base, 2);
    const right = appended(base, 3);
    expect(historyItems(base)).toEqual([1]);
    expect(historyItems(left)).toEqual([1, 2]);
    expect(historyItems(right)).toEqual([1, 3]);
  });

  it('is empty at first', () => {
    expect(historyItems(EMPTY_HISTORY)).toEqual([]);
    expect(historyLength(EMPTY_HISTORY)).toBe(0);
    expect(someInHistory(EMPTY_HISTORY, () => true)).toBe(false);
  });

  it('finds a matching item without building the array', () => {
    const history = [1, 2, 3].reduce<History<number>>(appended, EMPTY_HISTORY);
    expect(someInHistory(history, (item) => item === 1)).toBe(true);
    expect(someInHistory(history, (item) => item === 4)).toBe(false);
  });
});
