import { earliest, isAfter, latest } from './time';

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
