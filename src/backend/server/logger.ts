/**
 * hclog-compatible JSON logger writing one line per entry to stderr (docs/protocol.md §1.6: go-plugin reads
 * `@level`, `@message`, optional `@timestamp` parsed with layout `2006-01-02T15:04:05.000000Z07:00`, i.e. EXACTLY
 * six fractional digits; every other key becomes a key/value pair).
 * Everything passes through the redactor first, so secrets never reach the log.
 */
import { Redactor, redactor as defaultRedactor } from './redact';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry. */
  with(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lowest level written. Default `debug` (Grafana filters by its own level; GF_LOG_FILTERS=plugin.<id>:debug). */
  level?: LogLevel;
  /** Where each line (with trailing newline) goes. Default: `process.stderr.write`. */
  write?: (line: string) => void;
  /** Write `@timestamp`. Default true. */
  timestamps?: boolean;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  redactor?: Redactor;
}

/** `2026-11-21T23:57:45.123000+00:00`: UTC, six fractional digits (hclog layout; SDK-RS writes the same shape). */
export function formatHclogTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-21T23:57:45.123Z
  return `${iso.slice(0, 23)}000+00:00`;
}

const RESERVED = new Set(['@level', '@message', '@timestamp', '@module', '@caller']);

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const minLevel = LEVEL_ORDER[options.level ?? 'debug'];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const timestamps = options.timestamps ?? true;
  const now = options.now ?? Date.now;
  const red = options.redactor ?? defaultRedactor;

  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < minLevel) {
      return;
    }
    try {
      const entry: Record<string, unknown> = { '@level': level, '@message': red.redactString(String(message)) };
      if (timestamps) {
        entry['@timestamp'] = formatHclogTimestamp(now());
      }
      const extra = red.redact({ ...bound, ...fields }) as Record<string, unknown>;
      for (const [k, v] of Object.entries(extra)) {
        entry[RESERVED.has(k) ? `_${k}` : k] = v;
      }
      write(`${JSON.stringify(entry)}\n`);
    } catch {
      // A logger must never throw into its caller (e.g. stderr closed during shutdown).
    }
  };

  return {
    trace: (m, f) => log('trace', m, f),
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    with: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

/** Turns any thrown value into a short, redacted message. */
export function errorMessage(err: unknown, red: Redactor = defaultRedactor): string {
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return red.redactString(text ?? 'unknown error');
}
