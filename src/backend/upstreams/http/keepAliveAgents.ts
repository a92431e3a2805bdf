/**
 * The connection pools of every upstream request: one keep-alive agent for HTTP and one for HTTPS, as Grafana's
 * own data sources reuse connections (Go's http.Transport). A new connection per query costs a TCP handshake, and
 * over TLS a TLS handshake too, each time a dashboard refreshes or an alert rule evaluates.
 *
 * One HTTPS agent serves every data source safely: Node's agent names its pools by host, port and the TLS options
 * of the request (CA, servername, rejectUnauthorized, …), so a connection made under one data source's TLS settings
 * is never handed to a request with others (Node docs, `https.Agent` / `agent.getName()`).
 *
 * Idle connections are closed after IDLE_MS, below the 5 s keep-alive timeout of many servers and proxies (Node's
 * own http server default), so that we rarely send on a connection the server is closing; the rare race left is
 * retried by upstreamRequest (`isStaleConnectionError`). Idle sockets are unref'd by Node, so they never keep the
 * process alive.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** Idle keep-alive connections are closed after this (ms). */
export const IDLE_MS = 4_000;
/** Idle connections kept per host and TLS setting. */
const MAX_FREE_SOCKETS = 16;

const options = { keepAlive: true, timeout: IDLE_MS, maxFreeSockets: MAX_FREE_SOCKETS, scheduling: 'lifo' as const };

export const httpKeepAliveAgent = new http.Agent(options);
export const httpsKeepAliveAgent = new https.Agent(options);

/**
 * A request failed because the server had closed the reused keep-alive connection before reading it (ECONNRESET,
 * EPIPE, or "socket hang up" with no response): safe to send again on a new connection, as Node's docs advise
 * (`request.reusedSocket`).
 */
export function isStaleConnectionError(e: Error & { code?: string }, reusedSocket: boolean, gotResponse: boolean) {
  return reusedSocket && !gotResponse && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
}
