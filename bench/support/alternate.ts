type Sides<Results> = { [Side in keyof Results]: (round: number) => Promise<Results[Side]> | Results[Side] };

/**
 * Runs each side `rounds` times in turns (A, B, A, B, …), so a burst of load from a neighbour on
 * a shared machine hits both sides alike, and keeps each side's median run by `score`.
 */
export async function alternate<Results extends Record<string, unknown>>(
  rounds: number,
  sides: Sides<Results>,
  score: (result: Results[keyof Results]) => number,
): Promise<Results> {
  const names = Object.keys(sides) as Array<keyof Results>;
  const runs = new Map<keyof Results, Array<Results[keyof Results]>>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) runs.get(name)?.push(await sides[name](round));
  }
  const median = (results: Array<Results[keyof Results]>) => [...results].sort((a, b) => score(a) - score(b))[Math.floor(results.length / 2)];
  return Object.fromEntries(names.map((name) => [name, median(runs.get(name) ?? [])])) as Results;
}
