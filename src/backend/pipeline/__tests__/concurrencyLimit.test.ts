import { ConcurrencyLimit } from '../concurrencyLimit';

const tick = () => new Promise((r) => setImmediate(r));

test('concurrencyLimit runs at most `limit` calls at once and starts the waiting ones in arrival order', async () => {
  const slots = new ConcurrencyLimit(2);
  const started: number[] = [];
  const release: Array<() => void> = [];
  const calls = [0, 1, 2, 3].map((i) =>
    slots.run(
      () =>
        new Promise<number>((resolve) => {
          started.push(i);
          release[i] = () => resolve(i);
        })
    )
  );
  await tick();
  expect(started).toEqual([0, 1]);
  expect(slots.inFlight).toBe(2);
  release[1]();
  await tick();
  expect(started).toEqual([0, 1, 2]);
  release[0]();
  await tick();
  expect(started).toEqual([0, 1, 2, 3]);
  release[2]();
  release[3]();
  await expect(Promise.all(calls)).resolves.toEqual([0, 1, 2, 3]);
  expect(slots.inFlight).toBe(0);
});

test('concurrencyLimit frees the slot when a call rejects', async () => {
  const slots = new ConcurrencyLimit(1);
  await expect(slots.run(() => Promise.reject(new Error('upstream down')))).rejects.toThrow('upstream down');
  expect(slots.inFlight).toBe(0);
  await expect(slots.run(async () => 'next')).resolves.toBe('next');
});

test('concurrencyLimit refuses a limit that is not a whole number ≥ 1', () => {
  for (const bad of [0, -3, 2.5, NaN]) {
    expect(() => new ConcurrencyLimit(bad)).toThrow(/limit must be a whole number ≥ 1/);
  }
});
