import * as grpc from '@grpc/grpc-js';
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import { seededRandom } from '../../../analytics/stats/seededRandom';
import { frameBlockBytes, installPooledResponseFraming } from '../pooledResponseFraming';

/**
 * A stand-in for grpc-js's server call with the same contract: sendMessage frames the message with serializeMessage
 * (synchronously), then writes it to `stream`, and calls back once the write completed without an error (which Node
 * also reports for a write cut short by the stream's destruction).
 */
class FakeCall {
  static writes: Array<{ frame: Buffer; call: FakeCall; done: (error?: Error) => void }> = [];
  handler = { serialize: (value: unknown) => Buffer.from(value as string) };
  stream = { destroyed: false, closed: false };

  serializeMessage(value: unknown): Buffer {
    const body = this.handler.serialize(value);
    const out = Buffer.allocUnsafe(body.length + 5);
    out.writeUInt8(0, 0);
    out.writeUInt32BE(body.length, 1);
    body.copy(out, 5);
    return out;
  }

  sendMessage(message: unknown, callback: () => void): void {
    const frame = this.serializeMessage(message);
    FakeCall.writes.push({ frame, call: this, done: (error) => (error ? undefined : callback()) });
  }
}

function framed(text: string): Buffer {
  const body = Buffer.from(text);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(body.length, 1);
  return Buffer.concat([prefix, body]);
}

const KIB = 1024;

describe('frameBlockBytes', () => {
  it('rounds a frame of 4 KiB to 1 MiB up to a power of two, and pools nothing outside that range', () => {
    expect(frameBlockBytes(4 * KIB - 1)).toBeUndefined();
    expect(frameBlockBytes(4 * KIB)).toBe(4 * KIB);
    expect(frameBlockBytes(4 * KIB + 1)).toBe(8 * KIB);
    expect(frameBlockBytes(94_000)).toBe(128 * KIB);
    expect(frameBlockBytes(1024 * KIB)).toBe(1024 * KIB);
    expect(frameBlockBytes(1024 * KIB + 1)).toBeUndefined();
  });
});

describe('installPooledResponseFraming on a call with grpc-js contract', () => {
  class Call extends FakeCall {}
  const framing = installPooledResponseFraming(Call.prototype)!;
  const send = (text: string) => new Promise<void>((resolve) => new Call().sendMessage(text, resolve));
  const big = (c: string) => c.repeat(10_000);

  beforeEach(() => {
    FakeCall.writes = [];
    framing.clear();
  });

  it('frames the message as gRPC does: a zero flag, the length big-endian, then the bytes', () => {
    const before = framing.stats();
    void send('hello');
    void send(big('h'));
    expect(FakeCall.writes[0].frame.equals(framed('hello'))).toBe(true);
    expect(FakeCall.writes[1].frame.equals(framed(big('h')))).toBe(true);
    const after = framing.stats();
    expect([after.unpooled - before.unpooled, after.fresh - before.fresh]).toEqual([1, 1]);
  });

  it('reuses a block only after its write completed', () => {
    void send(big('a'));
    void send(big('b'));
    const [first, second] = FakeCall.writes;
    expect(first.frame.buffer).not.toBe(second.frame.buffer);
    first.done();
    void send(big('d'));
    const third = FakeCall.writes[2];
    expect(third.frame.buffer).toBe(first.frame.buffer);
    // The block still being written is untouched by the frames written since.
    expect(second.frame.subarray(5).toString()).toBe(big('b'));
    expect(third.frame.subarray(5).toString()).toBe(big('d'));
  });

  it('never reuses the block of a failed write', () => {
    void send(big('x'));
    const failed = FakeCall.writes[0];
    failed.done(new Error('write failed'));
    void send(big('y'));
    expect(FakeCall.writes[1].frame.buffer).not.toBe(failed.frame.buffer);
    expect(framing.stats().kept).toBe(0);
  });

  it('never reuses the block of a write that completed after its stream was destroyed or closed', () => {
    void send(big('x'));
    void send(big('y'));
    const [destroyed, closed] = FakeCall.writes;
    destroyed.call.stream.destroyed = true;
    closed.call.stream.closed = true;
    destroyed.done();
    closed.done();
    expect(framing.stats().kept).toBe(0);
    expect(framing.stats().abandoned).toBeGreaterThanOrEqual(2);
    void send(big('z'));
    expect(FakeCall.writes[2].frame.buffer).not.toBe(destroyed.frame.buffer);
    expect(FakeCall.writes[2].frame.buffer).not.toBe(closed.frame.buffer);
  });

  it('gives a frame over 1 MiB a buffer of its own and does not keep it', () => {
    const before = framing.stats();
    void send('z'.repeat(1_100_000));
    const large = FakeCall.writes[0];
    expect(large.frame.length).toBe(1_100_005);
    large.done();
    const after = framing.stats();
    expect([after.unpooled - before.unpooled, after.kept]).toEqual([1, 0]);
  });

  it('keeps at most 8 free blocks per size class and drops them all on clear', () => {
    for (let i = 0; i < 12; i++) {
      void send(big(`${i % 10}`));
      void send('w'.repeat(100_000));
    }
    FakeCall.writes.forEach((w) => w.done());
    expect(framing.stats().kept).toBe(16);
    framing.clear();
    expect(framing.stats().kept).toBe(0);
  });

  it('installs once per prototype', () => {
    expect(installPooledResponseFraming(Call.prototype)).toBe(framing);
  });

  it('changes nothing on a call class without the two methods', () => {
    class Other {
      sendMessage(): void {}
    }
    const before = Other.prototype.sendMessage;
    expect(installPooledResponseFraming(Other.prototype)).toBeUndefined();
    expect(Other.prototype.sendMessage).toBe(before);
  });
});

describe('installPooledResponseFraming on grpc-js (the pinned version)', () => {
  // One unary method whose answer is `size` bytes that differ from call to call (a word per 4 bytes from the seed):
  // the client checks every byte of every answer.
  const answer = (seed: number, size: number): Buffer => {
    const words = new Uint32Array(Math.ceil(size / 4));
    for (let i = 0; i < words.length; i++) {
      words[i] = Math.imul(seed + 1, 2_654_435_761) ^ i;
    }
    return Buffer.from(words.buffer, 0, size);
  };
  const service: grpc.ServiceDefinition = {
    Echo: {
      path: '/test.Frames/Echo',
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: Buffer) => v,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (v: Buffer) => v,
      responseDeserialize: (b: Buffer) => b,
    },
  };
  const echo = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
    const seed = call.request.readUInt32BE(0);
    const size = call.request.readUInt32BE(4);
    // Answer on a later turn so that many answers are in flight at once.
    setImmediate(() => callback(null, answer(seed, size)));
  };
  const request = (seed: number, size: number): Buffer => {
    const req = Buffer.alloc(8);
    req.writeUInt32BE(seed, 0);
    req.writeUInt32BE(size, 4);
    return req;
  };
  const listen = (server: grpc.Server) =>
    new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p)))
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  let server: grpc.Server;
  let client: grpc.Client;
  const framing = installPooledResponseFraming();

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(service, { Echo: echo });
    const port = await listen(server);
    const Client = grpc.makeGenericClientConstructor(service, 'Frames');
    client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  it('wraps the server call class grpc-js uses (its two methods are where this relies on them)', () => {
    expect(framing).toBeDefined();
    expect(installPooledResponseFraming(BaseServerInterceptingCall.prototype)).toBe(framing);
  });

  const call = (seed: number, size: number) =>
    new Promise<Buffer>((resolve, reject) => {
      (client as unknown as { Echo: Function }).Echo(request(seed, size), (e: Error | null, res: Buffer) =>
        e ? reject(e) : resolve(res)
      );
    });

  /** Calls in batches of `inFlight`, checking each reply byte for byte. */
  async function callAll(sizes: number[], inFlight: number): Promise<void> {
    for (let start = 0; start < sizes.length; start += inFlight) {
      const batch = sizes.slice(start, start + inFlight).map((size, j) => ({ seed: start + j, size }));
      const replies = await Promise.all(batch.map((b) => call(b.seed, b.size)));
      replies.forEach((reply, j) => expect(reply.equals(answer(batch[j].seed, batch[j].size))).toBe(true));
    }
  }

  it('answers 300 concurrent calls of 1 KiB to 1.5 MiB, each with exactly its own bytes', async () => {
    const before = framing!.stats();
    const r = seededRandom(7);
    const sizes = Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? 1_500_000 : Math.floor(1024 + r() * 400_000)));
    // 16 in flight at a time: the HTTP/2 window (64 KiB) makes the larger answers' writes finish late, while
    // later answers are framed.
    await callAll(sizes, 16);
    const after = framing!.stats();
    expect(after.reused).toBeGreaterThan(before.reused);
    expect(after.unpooled - before.unpooled).toBe(6 + sizes.filter((s) => s + 5 < 4 * KIB).length);
  }, 60_000);

  it('frames a steady alerting load (100 answers of 90 KiB, 4 in flight) in at most 8 new blocks', async () => {
    framing!.clear();
    const before = framing!.stats();
    await callAll(
      Array.from({ length: 100 }, () => 90_000),
      4
    );
    const after = framing!.stats();
    expect(after.fresh - before.fresh).toBeLessThanOrEqual(8);
    expect(after.reused - before.reused).toBeGreaterThanOrEqual(92);
  }, 60_000);

  it('never reuses the blocks of a session torn down while its answers were still being written', async () => {
    // The client reaches the server through a relay that stops passing the server's bytes on, so the answers back up
    // in the server's socket; then the server is shut down by force (as on a keepalive timeout), which destroys the
    // streams whose writes are still pending. Node completes those writes as if they had succeeded.
    const torn = new grpc.Server();
    torn.addService(service, { Echo: echo });
    const port = await listen(torn);
    let fromServer: net.Socket | undefined;
    const relayed: net.Socket[] = [];
    const relay = net.createServer((toClient) => {
      const socket = net.connect(port, '127.0.0.1');
      fromServer = socket;
      relayed.push(toClient, socket);
      toClient.pipe(socket);
      socket.pipe(toClient);
      socket.on('error', () => undefined);
      toClient.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const session = http2.connect(`http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`);
    session.on('error', () => undefined);
    await new Promise((resolve) => session.once('connect', resolve));
    session.setLocalWindowSize(2 ** 31 - 2);
    await sleep(100);
    fromServer!.pause();

    framing!.clear();
    const start = framing!.stats();
    const answers = 200;
    for (let i = 0; i < answers; i++) {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/test.Frames/Echo',
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      stream.on('error', () => undefined);
      stream.end(Buffer.concat([Buffer.from([0, 0, 0, 0, 8]), request(i, 100_000)]));
    }
    for (let waited = 0; framing!.stats().fresh + framing!.stats().reused - start.fresh - start.reused < answers;) {
      expect((waited += 50)).toBeLessThan(20_000);
      await sleep(50);
    }
    await sleep(300);
    const backedUp = framing!.stats();
    torn.forceShutdown();
    await sleep(500);
    const after = framing!.stats();
    // Some answers got out before the relay stopped; those blocks came back then. None comes back after the tear-down.
    expect(after.kept).toBe(backedUp.kept);
    expect(after.abandoned - backedUp.abandoned).toBeGreaterThan(0);

    session.destroy();
    relayed.forEach((socket) => socket.destroy());
    relay.close();
  }, 60_000);
});
