import { onceUntilFailure } from './once-until-failure';

describe('onceUntilFailure', () => {
  it('runs once for concurrent and later calls while it succeeds', async () => {
    let runs = 0;
    const ready = onceUntilFailure(async () => void (runs += 1));

    await Promise.all([ready(), ready()]);
    await ready();

    expect(runs).toBe(1);
  });

  it('given a failed run, fails its callers and runs again on the next call', async () => {
    const outcomes = [new Error('broker starting'), undefined];
    let runs = 0;
    const ready = onceUntilFailure(async () => {
      runs += 1;
      const failure = outcomes.shift();
      if (failure) throw failure;
    });

    await expect(ready()).rejects.toThrow('broker starting');
    await ready();
    await ready();

    expect(runs).toBe(2);
  });
});
