import {
  checkSeriesLabels,
  MAX_LABEL_NAME_CHARS,
  MAX_LABEL_VALUE_CHARS,
  MAX_SERIES_LABEL_CHARS,
} from '../checkSeriesLabels';
import { LensError } from '../../errors/LensError';

function failure(labels: Record<string, string>): LensError {
  try {
    checkSeriesLabels('A', [{ labels: { job: 'ok' } }, { labels }]);
  } catch (e) {
    return e as LensError;
  }
  throw new Error('expected a refusal');
}

describe('checkSeriesLabels', () => {
  it('accepts labels at the limits', () => {
    const labels = { ['n'.repeat(MAX_LABEL_NAME_CHARS)]: 'v'.repeat(MAX_LABEL_VALUE_CHARS) };
    expect(() => checkSeriesLabels('A', [{ labels }])).not.toThrow();
  });

  it('refuses a 20 MB label value with a 422 naming the series, the label and the limit', () => {
    const e = failure({ host: 'h'.repeat(20_000_000) });
    expect(e).toBeInstanceOf(LensError);
    expect(e).toMatchObject({ status: 422, errorSource: 'downstream' });
    expect(e.message).toBe(
      `query A: series 2 has a value of 20000000 characters for label "host", over the limit of 4096; drop or ` +
        `shorten the label in the query (e.g. sum without (<label>) (…) or label_replace in PromQL, GROUP BY fewer ` +
        `tags in InfluxQL)`
    );
  });

  it('refuses a long label name, quoting only its start', () => {
    const e = failure({ ['n'.repeat(MAX_LABEL_NAME_CHARS + 1)]: 'v' });
    expect(e.message).toMatch(/^query A: series 2 has a label name of 1025 characters \("n{60}…"\), over the limit/);
    expect(e.message.length).toBeLessThan(400);
  });

  it('refuses a label set over the total per series', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      labels[`l${i}`] = 'v'.repeat(MAX_LABEL_VALUE_CHARS);
    }
    expect(failure(labels).message).toMatch(
      new RegExp(`series 2 has labels of 20490 characters in all .*over the limit of ${MAX_SERIES_LABEL_CHARS}`)
    );
  });
});
