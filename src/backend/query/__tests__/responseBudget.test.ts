import type { DataResponse } from '../../server/protoTypes';
import { frameBytes, ResponseBudget } from '../responseBudget';

const ok = (...sizes: number[]): DataResponse => ({ frames: sizes.map((n) => new Uint8Array(n)), status: 200 });
const failed: DataResponse = { frames: [], error: 'query X: bad', status: 400, errorSource: 'downstream' };

function budget(refIds: string[], limitBytes: number) {
  return new ResponseBudget(refIds, { limitBytes, setting: 'maxQueryResponseBytes' });
}

test('frameBytes sums the encoded frames', () => {
  expect(frameBytes(ok(10, 20))).toBe(30);
  expect(frameBytes({})).toBe(0);
});

test('responseBudget answers every query whole when they fit together', () => {
  const b = budget(['A', 'B'], 100);
  b.settle(0, ok(40));
  b.settle(1, ok(30, 30));
  expect(b.results().map(frameBytes)).toEqual([40, 60]);
  expect(b.refusedRefIds()).toEqual([]);
});

test('responseBudget refuses the query that does not fit with its own error, and a later smaller one still fits', () => {
  const b = budget(['A', 'B', 'C'], 100);
  b.settle(0, ok(60));
  b.settle(1, ok(50));
  b.settle(2, ok(40));
  const [a, bb, c] = b.results();
  expect(frameBytes(a)).toBe(60);
  expect(bb).toEqual({ frames: [], error: expect.any(String), status: 422, errorSource: 'downstream' });
  expect(bb.error).toBe(
    'query B: not answered: its frames take 50 bytes after 60 bytes for A earlier in the request, which exceeds ' +
      'the limit of 100 bytes on the answer to one request (the data source setting maxQueryResponseBytes). Narrow ' +
      'this query (fewer series, a shorter time range or a larger Min interval), move it to another panel, or ' +
      'raise maxQueryResponseBytes in the data source settings.'
  );
  expect(frameBytes(c)).toBe(40);
  expect(b.refusedRefIds()).toEqual(['B']);
});

test('responseBudget decides in request order whatever order the queries finish in', () => {
  const orders = [
    [0, 1, 2],
    [2, 1, 0],
    [1, 2, 0],
    [2, 0, 1],
  ];
  const outcomes = orders.map((order) => {
    const b = budget(['A', 'B', 'C'], 100);
    const answers = [ok(30), ok(80), ok(70)];
    order.forEach((i) => b.settle(i, answers[i]));
    return b.results().map((r) => r.error ?? frameBytes(r));
  });
  for (const o of outcomes) {
    expect(o).toEqual(outcomes[0]);
  }
  expect(outcomes[0][0]).toBe(30);
  expect(outcomes[0][1]).toMatch(/^query B: not answered: its frames take 80 bytes after 30 bytes for A/);
  expect(outcomes[0][2]).toBe(70);
});

test('responseBudget drops at once the frames of a query that cannot fit, before the earlier ones finish', () => {
  const b = budget(['A', 'B'], 100);
  const big = ok(150);
  b.settle(1, big);
  // Nothing decided yet (A is still running), but B's frames are no longer held.
  expect(() => b.results()).toThrow(/before every query settled/);
  b.settle(0, ok(10));
  const [, refused] = b.results();
  expect(refused.frames).toEqual([]);
  expect(refused.error).toMatch(/^query B: not answered: its frames take 150 bytes after 10 bytes for A/);
});

test('responseBudget passes error responses through and does not count them', () => {
  const b = budget(['A', 'B', 'C'], 50);
  b.settle(0, failed);
  b.settle(1, ok(50));
  b.settle(2, failed);
  expect(b.results()).toEqual([failed, ok(50), failed]);
});

test('responseBudget refuses a query larger than the limit on its own, naming no earlier query', () => {
  const b = budget(['A'], 10);
  b.settle(0, ok(11));
  expect(b.results()[0].error).toMatch(
    /^query A: not answered: its frames take 11 bytes, which exceeds the limit of 10 bytes/
  );
});

test('responseBudget names Grafana response_limit when that set the limit', () => {
  const b = new ResponseBudget(['A'], { limitBytes: 2048, setting: 'GF_RESPONSE_LIMIT' });
  b.settle(0, ok(4096));
  expect(b.results()[0].error).toMatch(
    /exceeds the limit of 2 KiB \(2048 bytes\) on the answer to one request \(Grafana's \[dataproxy\] response_limit \(GF_RESPONSE_LIMIT\)\)\..*or raise Grafana's response_limit\.$/
  );
});

test('responseBudget lists at most five earlier refIds', () => {
  const refIds = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  const b = budget(refIds, 70);
  refIds.forEach((_, i) => b.settle(i, ok(i < 7 ? 10 : 5)));
  expect(b.results()[7].error).toMatch(/after 70 bytes for A, B, C, D, E and 2 more earlier in the request/);
});

test('responseBudget.ceiling shrinks as queries are admitted; a query stopped past it is refused as "more than"', () => {
  const b = budget(['A', 'B', 'C'], 100);
  expect(b.ceiling()).toBe(100);
  b.settle(0, ok(60));
  expect(b.ceiling()).toBe(40);
  // B stopped encoding after 45 bytes, over the 40 left: refused, and C (settled before B was decided) still fits.
  b.settle(2, ok(30));
  b.settleOversize(1, 45);
  const [a, bb, c] = b.results();
  expect(frameBytes(a)).toBe(60);
  expect(bb).toMatchObject({ frames: [], status: 422, errorSource: 'downstream' });
  expect(bb.error).toMatch(/^query B: not answered: its frames take more than 45 bytes after 60 bytes for A earlier/);
  expect(frameBytes(c)).toBe(30);
  expect(b.refusedRefIds()).toEqual(['B']);
});
