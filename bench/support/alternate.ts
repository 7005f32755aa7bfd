/**
 * Runs each side `rounds` times in turns (A, B, A, B, …), so a burst of load from a neighbour on
 * a shared machine hits both sides alike, and keeps each side's median run by `score`.
 */
export async function alternate<Side extends string, T>(
  rounds: number,
  sides: Record<Side, (round: number) => Promise<T> | T>,
  score: (result: T) => number,
): Promise<Record<Side, T>> {
  const names = Object.keys(sides) as Side[];
  const results = new Map<Side, T[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) results.get(name)?.push(await sides[name](round));
  }
  const median = (runs: T[]) => [...runs].sort((a, b) => score(a) - score(b))[Math.floor(runs.length / 2)];
  return Object.fromEntries(names.map((name) => [name, median(results.get(name) ?? [])])) as Record<Side, T>;
}
