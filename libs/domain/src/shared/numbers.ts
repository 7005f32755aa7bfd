/** Rounding keeps derived figures stable across replays and makes "did it change?" meaningful. */
export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export const money = (value: number): number => round(value, 2);

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export const clamp01 = (value: number): number => clamp(value, 0, 1);

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
