import { LensError } from '../../../errors/LensError';
import { malformedResponse } from '../malformedResponse';
import { parseUpstreamJson } from '../parseUpstreamJson';
import { upstreamHttpSettingsFrom } from '../upstreamHttpSettings';

const settings = upstreamHttpSettingsFrom({ url: 'http://127.0.0.1:9/prom' }, 'Prometheus');
const answer = (status: number, body: string) => ({ status, contentType: 'application/json', body });

/** Calls `f`, which must throw a LensError like `expected` (message, kind, status). */
function expectLensError(f: () => unknown, expected: Partial<Pick<LensError, 'message' | 'kind' | 'status'>>): void {
  expect(f).toThrow(LensError);
  expect(f).toThrow(expect.objectContaining(expected));
}

describe('parseUpstreamJson', () => {
  it('returns the parsed body whatever the status', () => {
    expect(parseUpstreamJson(answer(200, '{"status":"success"}'), settings)).toEqual({ status: 'success' });
    expect(parseUpstreamJson(answer(400, '{"error":"bad"}'), settings)).toEqual({ error: 'bad' });
  });

  it('reports a body that is not JSON under a non-2xx status as that status', () => {
    expectLensError(() => parseUpstreamJson(answer(503, '<html>down</html>'), settings), {
      message: 'Prometheus at http://127.0.0.1:9 answered HTTP 503: <html>down</html>',
      kind: 'http',
      status: 503,
    });
  });

  it('reports a body that is not JSON under a 2xx status as malformed, quoting its start', () => {
    expectLensError(() => parseUpstreamJson(answer(200, '<html>\n  hi\n</html>'), settings), {
      message: 'Prometheus at http://127.0.0.1:9 sent a response that is not valid JSON (HTTP 200): <html> hi </html>',
      kind: 'malformed',
      status: 502,
    });
    expectLensError(() => parseUpstreamJson(answer(200, ''), settings), {
      message: 'Prometheus at http://127.0.0.1:9 sent a response that is not valid JSON (HTTP 200)',
    });
  });

  it('lets the caller word the malformed error, given the quoted body', () => {
    expectLensError(
      () =>
        parseUpstreamJson(answer(200, 'oops'), settings, (quoted) =>
          malformedResponse(settings, `not JSON: ${quoted}`)
        ),
      { message: 'Prometheus at http://127.0.0.1:9 sent an unexpected response: not JSON: oops', kind: 'malformed' }
    );
  });
});
