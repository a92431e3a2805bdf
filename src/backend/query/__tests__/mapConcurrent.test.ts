import { mapConcurrent } from '../mapConcurrent';

/** A task that resolves when the test says so, recording how many run at once. */
function gate() {
  let inFlight = 0;
  let peak = 0;
  const started: number[] = [];
  const release = new Map<number, () => void>();
  const fn = (item: number, index: number) => {
    started.push(index);
    inFlight++;
    peak = Math.max(peak, inFlight);
    return new Promise<number>((resolve) => {
      release.set(index, () => {
        inFlight--;
        resolve(item * 10);
      });
    });
  };
  return { fn, started, release, peak: () => peak };
}

const tick = () => new Promise((r) => setImmediate(r));

test('mapConcurrent never runs more than the limit at once and starts items in order', async () => {
  const g = gate();
  const done = mapConcurrent([1, 2, 3, 4, 5], 2, g.fn);
  await tick();
  expect(g.started).toEqual([0, 1]);
  g.release.get(1)!();
  await tick();
  expect(g.started).toEqual([0, 1, 2]);
  g.release.get(0)!();
  await tick();
  expect(g.started).toEqual([0, 1, 2, 3]);
  for (const i of [3, 2]) {
    g.release.get(i)!();
    await tick();
  }
  g.release.get(4)!();
  await expect(done).resolves.toEqual([10, 20, 30, 40, 50]);
  expect(g.peak()).toBe(2);
});

test('mapConcurrent with a limit above the item count runs them all at once', async () => {
  const g = gate();
  const done = mapConcurrent([1, 2, 3], 10, g.fn);
  await tick();
  expect(g.started).toEqual([0, 1, 2]);
  [2, 0, 1].forEach((i) => g.release.get(i)!());
  await expect(done).resolves.toEqual([10, 20, 30]);
});

test('mapConcurrent of nothing is an empty array', async () => {
  await expect(mapConcurrent([], 3, async () => 1)).resolves.toEqual([]);
});

test('mapConcurrent refuses a limit that is not a whole number ≥ 1', async () => {
  for (const bad of [0, -1, 1.5, NaN]) {
    await expect(mapConcurrent([1], bad, async (x) => x)).rejects.toThrow(/limit must be a whole number ≥ 1/);
  }
});

test('mapConcurrent passes a rejection on after the calls in flight settle', async () => {
  const finished: number[] = [];
  const run = mapConcurrent([1, 2, 3], 2, async (x) => {
    if (x === 1) {
      throw new Error('boom');
    }
    await tick();
    finished.push(x);
    return x;
  });
  await expect(run).rejects.toThrow('boom');
  expect(finished).toContain(2);
});
