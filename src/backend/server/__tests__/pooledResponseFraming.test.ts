import * as grpc from '@grpc/grpc-js';
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors';
import { seededRandom } from '../../../analytics/stats/seededRandom';
import { frameBlockBytes, installPooledResponseFraming } from '../pooledResponseFraming';

/**
 * A stand-in for grpc-js's server call with the same contract: sendMessage frames the message with serializeMessage
 * (synchronously), then writes it, and calls back only once the write succeeded.
 */
class FakeCall {
  static writes: Array<{ frame: Buffer; done: (error?: Error) => void }> = [];
  handler = { serialize: (value: unknown) => Buffer.from(value as string) };

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
    FakeCall.writes.push({ frame, done: (error) => (error ? undefined : callback()) });
  }
}

function framed(text: string): Buffer {
  const body = Buffer.from(text);
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(body.length, 1);
  return Buffer.concat([prefix, body]);
}

describe('frameBlockBytes', () => {
  it('rounds a frame up to a power of two, at least 64 KiB, and pools nothing above 1 MiB', () => {
    expect(frameBlockBytes(1)).toBe(65_536);
    expect(frameBlockBytes(65_536)).toBe(65_536);
    expect(frameBlockBytes(65_537)).toBe(131_072);
    expect(frameBlockBytes(94_000)).toBe(131_072);
    expect(frameBlockBytes(1_048_576)).toBe(1_048_576);
    expect(frameBlockBytes(1_048_577)).toBeUndefined();
  });
});

describe('installPooledResponseFraming on a call with grpc-js contract', () => {
  class Call extends FakeCall {}
  const framing = installPooledResponseFraming(Call.prototype)!;
  const send = (text: string) => new Promise<void>((resolve) => new Call().sendMessage(text, resolve));

  beforeEach(() => {
    FakeCall.writes = [];
    framing.clear();
  });

  it('frames the message as gRPC does: a zero flag, the length big-endian, then the bytes', () => {
    void send('hello');
    const { frame } = FakeCall.writes[0];
    expect(frame.equals(framed('hello'))).toBe(true);
    expect(frame.length).toBe(10);
  });

  it('reuses a block only after its write completed', () => {
    void send('a'.repeat(1000));
    void send('b'.repeat(1000));
    const [first, second] = FakeCall.writes;
    expect(first.frame.buffer).not.toBe(second.frame.buffer);
    first.done();
    void send('d'.repeat(1000));
    const third = FakeCall.writes[2];
    expect(third.frame.buffer).toBe(first.frame.buffer);
    // The block still being written is untouched by the frames written since.
    expect(second.frame.subarray(5).toString()).toBe('b'.repeat(1000));
    expect(third.frame.subarray(5).toString()).toBe('d'.repeat(1000));
  });

  it('never reuses the block of a failed write', () => {
    void send('x');
    const failed = FakeCall.writes[0];
    failed.done(new Error('stream reset'));
    void send('y');
    expect(FakeCall.writes[1].frame.buffer).not.toBe(failed.frame.buffer);
    expect(framing.stats().kept).toBe(0);
  });

  it('gives a frame over 1 MiB a buffer of its own and does not keep it', () => {
    void send('z'.repeat(1_100_000));
    const big = FakeCall.writes[0];
    expect(big.frame.length).toBe(1_100_005);
    big.done();
    expect(framing.stats()).toMatchObject({ unpooled: 1, kept: 0 });
  });

  it('keeps at most 8 free blocks and drops them on clear', () => {
    for (let i = 0; i < 12; i++) {
      void send(`m${i}`);
    }
    FakeCall.writes.forEach((w) => w.done());
    expect(framing.stats().kept).toBe(8);
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
  let server: grpc.Server;
  let client: grpc.Client;
  const framing = installPooledResponseFraming();

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(service, {
      Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const seed = call.request.readUInt32BE(0);
        const size = call.request.readUInt32BE(4);
        // Answer on a later turn so that many answers are in flight at once.
        setImmediate(() => callback(null, answer(seed, size)));
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p)))
    );
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
      const req = Buffer.alloc(8);
      req.writeUInt32BE(seed, 0);
      req.writeUInt32BE(size, 4);
      (client as unknown as { Echo: Function }).Echo(req, (e: Error | null, res: Buffer) =>
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
    expect(after.unpooled - before.unpooled).toBe(6);
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
});
