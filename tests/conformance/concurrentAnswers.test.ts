/**
 * Answers stay intact when many requests are in flight at once. The executable encodes each QueryData answer into
 * one buffer reused from answer to answer, and cuts frames from memory chunks that later queries reuse once an answer
 * has been encoded (docs/reliability.md, "Memory"): a chunk handed back too early, or a buffer overwritten before
 * gRPC copied it, would put one query's bytes in another's answer. Each request here is answered alone first, then
 * all of them several times over concurrently: every lone answer must decode as its own query's frames, and every
 * concurrent answer must equal its lone answer byte for byte.
 */
import { decodeFrame } from './support/decodeFrame';
import { connect, demoPluginContext, demoQuery, type DataQueryMessage } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';

jest.setTimeout(120_000);

const FROM = Date.UTC(2024, 0, 23, 6);
const HOUR = 3_600_000;

/** Requests of different shapes and sizes: series, ranges, outputs (band, flags, change) and methods. */
function requests(): DataQueryMessage[][] {
  const auto = { schemaVersion: 2, outputs: ['raw', 'band', 'score', 'flag'] };
  return [
    [demoQuery('A', 'demo_http_latency_seconds{service="checkout"}', FROM, FROM + 4 * HOUR, auto)],
    [demoQuery('A', 'demo_http_latency_seconds', FROM, FROM + HOUR)],
    [demoQuery('A', 'demo_cpu_utilization{host=~"web-.*"}', FROM - HOUR, FROM + 2 * HOUR, auto)],
    [
      demoQuery('A', 'demo_consumer_lag', FROM, FROM + 6 * HOUR, { ...auto, outputs: ['raw', 'change'] }),
      demoQuery('B', 'demo_kafka_bytes_in{broker="kafka-3"}', FROM, FROM + 12 * HOUR),
    ],
    [
      demoQuery('A', 'demo_http_latency_seconds{service="search"}', FROM, FROM + 8 * HOUR, {
        ...auto,
        method: 'moving',
      }),
    ],
    [demoQuery('A', 'demo_kafka_bytes_in', FROM + HOUR, FROM + 3 * HOUR, auto)],
  ];
}

describe('QueryData under concurrency', () => {
  let plugin: RunningPlugin;
  beforeAll(async () => {
    plugin = await launchPlugin();
  });
  afterAll(async () => {
    await stopPlugin(plugin);
  });

  it('answers each of many concurrent requests exactly as it answers that request alone', async () => {
    const clients = connect(plugin.address);
    const ask = async (queries: DataQueryMessage[]) => {
      const res = await clients.queryData({ pluginContext: demoPluginContext(), queries });
      return Object.entries(res.responses)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([refId, r]) => {
          expect(r.error ?? '').toBe('');
          return { refId, frames: r.frames.map((f) => Buffer.from(f).toString('base64')) };
        });
    };
    const shapes = requests();
    const alone: Array<Awaited<ReturnType<typeof ask>>> = [];
    for (const queries of shapes) {
      alone.push(await ask(queries));
    }
    // The lone answers are whole Arrow files of their own query (a chunk reused too early would have zeroed them).
    for (const answer of alone) {
      for (const { refId, frames } of answer) {
        expect(frames.length).toBeGreaterThan(0);
        frames.forEach((f) => expect(decodeFrame(Buffer.from(f, 'base64')).refId).toBe(refId));
      }
    }
    const rounds = 8;
    const together = await Promise.all(
      Array.from({ length: rounds * shapes.length }, (_, k) => ask(shapes[k % shapes.length]))
    );
    together.forEach((answer, k) => expect(answer).toEqual(alone[k % shapes.length]));
    clients.close();
  });
});
