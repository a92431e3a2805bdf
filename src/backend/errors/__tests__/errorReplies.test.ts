import { createLogger } from '../../server/logger';
import { healthErrorResult, queryErrorResponse, resourceErrorReply } from '../errorReplies';
import { LensError } from '../LensError';

const logger = createLogger({ level: 'error', write: () => undefined });

test('a LensError answers a query with its own status and errorSource', () => {
  const e = new LensError('Prometheus error (bad_data): parse error; check the query', { kind: 'query', status: 400 });
  expect(queryErrorResponse(e, 'A', logger)).toEqual({
    frames: [],
    error: 'Prometheus error (bad_data): parse error; check the query',
    status: 400,
    errorSource: 'downstream',
  });
});

test('any other error answers a query as an internal 500 from the plugin', () => {
  expect(queryErrorResponse(new TypeError('x is undefined'), 'B', logger)).toEqual({
    frames: [],
    error: 'query B: internal error: x is undefined',
    status: 500,
    errorSource: 'plugin',
  });
});

test('a resource error about the call itself carries no errorSource; one from the upstream side does', () => {
  expect(resourceErrorReply(LensError.badRequest(405, 'POST is not allowed'))).toEqual({
    code: 405,
    body: { error: 'POST is not allowed' },
  });
  expect(resourceErrorReply(LensError.badSetting('the data source setting x must be y'))).toEqual({
    code: 400,
    body: { error: 'the data source setting x must be y' },
  });
  expect(resourceErrorReply(new LensError('Prometheus is unreachable', { kind: 'unreachable', status: 502 }))).toEqual({
    code: 502,
    body: { error: 'Prometheus is unreachable', errorSource: 'downstream' },
  });
  expect(resourceErrorReply(new Error('boom'))).toEqual({ code: 500, body: { error: 'internal error: boom' } });
});

test('a health failure is the error sentence, capitalised', () => {
  expect(healthErrorResult(LensError.badSetting('the data source setting "upstream" is "x"'))).toEqual({
    ok: false,
    message: 'The data source setting "upstream" is "x"',
  });
  expect(healthErrorResult(new Error('boom')).message).toBe('Internal error: boom; please report this bug');
});

test('prefixed keeps status, source and kind', () => {
  const e = LensError.overLimit('over the limit').prefixed('query A: ');
  expect(e).toMatchObject({
    message: 'query A: over the limit',
    status: 422,
    errorSource: 'downstream',
    kind: 'limit',
  });
});
