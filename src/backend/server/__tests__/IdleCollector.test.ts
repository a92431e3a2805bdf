import { IdleCollector } from '../IdleCollector';

const MiB = 1024 * 1024;

/** A collector on fake timers with a resident size the test sets, counting collections. */
function setup(options: { followUpMs?: number[] } = {}) {
  let rss = 100 * MiB;
  let gcs = 0;
  const collector = new IdleCollector({
    quietMs: 1000,
    minGrowthBytes: 64 * MiB,
    followUpMs: options.followUpMs ?? [2000, 4000],
    gc: () => {
      gcs++;
    },
    rss: () => rss,
    now: () => Date.now(),
  });
  return {
    collector,
    setRss: (mib: number) => (rss = mib * MiB),
    gcs: () => gcs,
  };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('IdleCollector collects once the process is quiet after the resident size grew', () => {
  const t = setup();
  t.collector.begin();
  t.setRss(600);
  t.collector.end();
  jest.advanceTimersByTime(999);
  expect(t.gcs()).toBe(0);
  jest.advanceTimersByTime(1);
  expect(t.gcs()).toBe(1);
  expect(t.collector.stats()).toEqual({ collections: 1, baselineBytes: 600 * MiB });
});

test('IdleCollector does nothing after calls that did not grow the resident size', () => {
  const t = setup();
  for (let i = 0; i < 5; i++) {
    t.collector.begin();
    t.setRss(100 + 10 * i);
    t.collector.end();
    jest.advanceTimersByTime(60_000);
  }
  expect(t.gcs()).toBe(0);
});

test('IdleCollector never collects while a call is in flight', () => {
  const t = setup();
  t.collector.begin();
  t.collector.begin();
  t.setRss(600);
  t.collector.end();
  jest.advanceTimersByTime(60_000);
  expect(t.gcs()).toBe(0);
  t.collector.end();
  jest.advanceTimersByTime(1000);
  expect(t.gcs()).toBe(1);
});

test('IdleCollector runs the follow-up collections while quiet, and a call in between only postpones them', () => {
  const t = setup({ followUpMs: [2000, 4000] });
  t.collector.begin();
  t.setRss(600);
  t.collector.end();
  jest.advanceTimersByTime(1000);
  expect(t.gcs()).toBe(1);
  // A small call (e.g. Grafana scraping metrics) 500 ms later: the follow-up still comes, after it ends.
  jest.advanceTimersByTime(500);
  t.collector.begin();
  jest.advanceTimersByTime(3000);
  expect(t.gcs()).toBe(1);
  t.collector.end();
  jest.advanceTimersByTime(999);
  expect(t.gcs()).toBe(1);
  jest.advanceTimersByTime(1);
  expect(t.gcs()).toBe(2);
  jest.advanceTimersByTime(4000);
  expect(t.gcs()).toBe(3);
  // No more than the listed follow-ups.
  jest.advanceTimersByTime(600_000);
  expect(t.gcs()).toBe(3);
});

test('IdleCollector measures growth from the resident size after its last collection', () => {
  const t = setup({ followUpMs: [] });
  t.collector.begin();
  t.setRss(600);
  t.collector.end();
  jest.advanceTimersByTime(1000);
  expect(t.gcs()).toBe(1);
  // Memory the allocator keeps after the collection is the new baseline: no collection again for it.
  t.collector.begin();
  t.setRss(620);
  t.collector.end();
  jest.advanceTimersByTime(1000);
  expect(t.gcs()).toBe(1);
  t.collector.begin();
  t.setRss(700);
  t.collector.end();
  jest.advanceTimersByTime(1000);
  expect(t.gcs()).toBe(2);
});

test('IdleCollector without a gc function is disabled and schedules nothing', () => {
  const collector = new IdleCollector({ gc: undefined, rss: () => 0 });
  // The jest process runs without --expose-gc, so the default finds no gc.
  expect(collector.enabled).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function');
  collector.begin();
  collector.end();
  expect(jest.getTimerCount()).toBe(collector.enabled ? 1 : 0);
});

test('IdleCollector.cancel drops a pending collection', () => {
  const t = setup();
  t.collector.begin();
  t.setRss(600);
  t.collector.end();
  t.collector.cancel();
  jest.advanceTimersByTime(60_000);
  expect(t.gcs()).toBe(0);
});

test('IdleCollector lets caches release before each collection, telling them how long the process has been quiet', () => {
  let rss = 100 * MiB;
  const released: number[] = [];
  const collector = new IdleCollector({
    quietMs: 1000,
    minGrowthBytes: 64 * MiB,
    followUpMs: [2000, 4000],
    gc: () => undefined,
    release: (quietForMs) => released.push(quietForMs),
    rss: () => rss,
    now: () => Date.now(),
  });
  collector.begin();
  rss = 600 * MiB;
  collector.end();
  jest.advanceTimersByTime(60_000);
  expect(released).toEqual([1000, 3000, 7000]);
});
