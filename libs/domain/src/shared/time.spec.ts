import { earliest, inTimeOrder, isAfter, latest } from './time';

describe('comparing timestamps', () => {
  it.each([
    ['2024-01-01T10:00:00.001Z', '2024-01-01T10:00:00.000Z', true],
    ['2024-01-01T10:00:00.000Z', '2024-01-01T10:00:00.000Z', false],
    ['2023-12-31T23:59:59.999Z', '2024-01-01T00:00:00.000Z', false],
    ['2024-01-01T10:00:01Z', '2024-01-01T10:00:00.5Z', true],
    ['2024-01-01T10:01Z', '2024-01-01T10:00:59Z', true],
    ['2024-01-01T10:00:00+02:00', '2024-01-01T09:00:00Z', false],
    ['2024-01-01T10:00:00-02:00', '2024-01-01T11:00:00+00:00', true],
  ])('%s is after %s: %s, whatever the layouts', (a, b, after) => {
    expect(isAfter(a, b)).toBe(after);
    expect(isAfter(a, b)).toBe(Date.parse(a) > Date.parse(b));
  });

  it('keeps the later and the earlier of two times as written', () => {
    expect(latest('2024-01-01T10:00:00+02:00', '2024-01-01T09:00:00Z')).toBe('2024-01-01T09:00:00Z');
    expect(earliest('2024-01-01T10:00:00.000Z', '2024-01-01T09:00:00.000Z')).toBe('2024-01-01T09:00:00.000Z');
  });
});

describe('ordering by business time', () => {
  it('orders by time and keeps ties in recorded order, leaving the input as it was', () => {
    const items = [
      { id: 'late', time: 3 },
      { id: 'tie-1', time: 2 },
      { id: 'early', time: 1 },
      { id: 'tie-2', time: 2 },
    ];
    expect(inTimeOrder(items).map((item) => item.id)).toEqual(['early', 'tie-1', 'tie-2', 'late']);
    expect(items[0].id).toBe('late');
  });
});
