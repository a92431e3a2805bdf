/**
 * The CallResource handler awaits the asynchronous router: a Prometheus look-up against a fake upstream on
 * 127.0.0.1:<free port> is written as one JSON message, and a cancelled call aborts the upstream request.
 */
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CallResourceRequest, CallResourceResponse } from '../../server/protoTypes';
import type { RpcDeps } from '../../server/rpc';
import { callResourceHandler } from '../callResource';

const deps = {
  logger: { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() },
  metrics: { observeRpc: jest.fn() },
} as unknown as RpcDeps;

function fakeCall(request: CallResourceRequest) {
  const emitter = new EventEmitter();
  const written: CallResourceResponse[] = [];
  let ended!: () => void;
  const done = new Promise<void>((r) => (ended = r));
  const call = Object.assign(emitter, {
    request,
    write: (m: CallResourceResponse) => written.push(m),
    end: () => ended(),
  });
  return { call, written, done };
}

function request(url: string, path: string): CallResourceRequest {
  return {
    pluginContext: {
      dataSourceInstanceSettings: { url, jsonData: Buffer.from('{"upstream":"prometheus"}') },
    },
    method: 'GET',
    path,
    url: path,
    headers: {},
    body: Buffer.alloc(0),
  } as unknown as CallResourceRequest;
}

let server: http.Server;
let url: string;
let onRequest: (res: http.ServerResponse) => void;
beforeAll(async () => {
  server = http.createServer((_req, res) => onRequest(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

test('callResource answers a Prometheus look-up as one JSON message', async () => {
  onRequest = (res) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":["job"]}');
  const { call, written, done } = fakeCall(request(url, 'labels'));
  callResourceHandler(deps)(call as any);
  await done;
  expect(written).toHaveLength(1);
  expect(written[0].code).toBe(200);
  expect(JSON.parse(Buffer.from(written[0].body as Uint8Array).toString('utf8'))).toEqual({ labels: ['job'] });
});

test('a cancelled call aborts the upstream request instead of waiting for it', async () => {
  let upstreamClosed!: () => void;
  const closed = new Promise<void>((r) => (upstreamClosed = r));
  onRequest = (res) => res.on('close', () => upstreamClosed()); // never answers
  const { call, written, done } = fakeCall(request(url, 'labels'));
  callResourceHandler(deps)(call as any);
  await new Promise((r) => setTimeout(r, 50));
  call.emit('cancelled');
  await Promise.all([closed, done]);
  expect(written[0].code).toBe(499);
});
