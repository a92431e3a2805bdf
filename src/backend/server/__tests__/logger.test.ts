import { createLogger, formatHclogTimestamp } from '../logger';
import { Redactor } from '../redact';

const T = Date.UTC(2026, 10, 21, 23, 57, 45, 123);

function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  const red = new Redactor();
  const logger = createLogger({ now: () => T, redactor: red, write: (l) => void lines.push(l), ...options });
  return { lines, logger, red, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('formatHclogTimestamp writes exactly six fractional digits and a numeric UTC offset', () => {
  expect(formatHclogTimestamp(T)).toBe('2026-11-21T23:57:45.123000+00:00');
  expect(formatHclogTimestamp(T)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
});

test('logger writes one hclog JSON line per entry with @level, @message and @timestamp', () => {
  const { lines, logger, entries } = capture();
  logger.info('hello', { refId: 'A' });
  expect(lines).toHaveLength(1);
  expect(lines[0].endsWith('\n')).toBe(true);
  expect(lines[0].trim()).not.toContain('\n');
  expect(entries()[0]).toEqual({
    '@level': 'info',
    '@message': 'hello',
    '@timestamp': '2026-11-21T23:57:45.123000+00:00',
    refId: 'A',
  });
});

test('logger omits @timestamp when timestamps are off', () => {
  const { logger, entries } = capture({ timestamps: false });
  logger.warn('w');
  expect(entries()[0]).toEqual({ '@level': 'warn', '@message': 'w' });
});

test('logger filters below its level and uses the five hclog level names', () => {
  const { logger, entries } = capture({ level: 'debug' });
  logger.trace('t');
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
  expect(entries().map((e) => e['@level'])).toEqual(['debug', 'info', 'warn', 'error']);
});

test('logger fields cannot overwrite the reserved @ keys', () => {
  const { logger, entries } = capture();
  logger.info('real', { '@message': 'fake', '@level': 'error' });
  expect(entries()[0]['@message']).toBe('real');
  expect(entries()[0]['@level']).toBe('info');
});

test('logger masks secret keys, registered secret values and bearer tokens', () => {
  const { lines, logger, red } = capture();
  const secret = 's3cr3t-password-value';
  red.registerSecrets({ basicAuthPassword: secret });
  logger.with({ ds: 'lens' }).error(`upstream said: bad password ${secret}`, {
    decryptedSecureJsonData: { token: 'abc-token-123' },
    headers: { Authorization: 'Bearer eyJhbGciOi.payload.sig', 'X-Other': 'fine' },
    nested: [{ password: 'pw-1234' }, `url?token=${secret}`],
    message2: 'Authorization: Bearer abcdef123456',
  });
  const text = lines.join('');
  for (const leaked of [secret, 'abc-token-123', 'eyJhbGciOi', 'pw-1234', 'abcdef123456']) {
    expect(text).not.toContain(leaked);
  }
  const entry = JSON.parse(lines[0]);
  expect(entry.ds).toBe('lens');
  expect(entry.headers['X-Other']).toBe('fine');
  expect(entry.headers.Authorization).toBe('[REDACTED]');
  expect(entry['@message']).toBe('upstream said: bad password [REDACTED]');
});

test('logger never throws, even when the writer fails or fields are circular', () => {
  const logger = createLogger({
    write: () => {
      throw new Error('EPIPE');
    },
  });
  expect(() => logger.error('x')).not.toThrow();
  const lines: string[] = [];
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  createLogger({ write: (l) => void lines.push(l) }).info('c', { circular, big: BigInt(5) });
  expect(JSON.parse(lines[0]).circular.self).toBe('[Circular]');
  expect(JSON.parse(lines[0]).big).toBe('5');
});
