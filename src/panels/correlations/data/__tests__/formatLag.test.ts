import { formatDuration, formatLag } from '../formatLag';

describe('formatLag', () => {
  it('says a positive lag leads and a negative one lags', () => {
    expect(formatLag(120)).toBe('leads by 2m');
    expect(formatLag(-30)).toBe('lags by 30s');
  });

  it('says same time for zero (and for lags that round to zero seconds)', () => {
    expect(formatLag(0)).toBe('same time');
    expect(formatLag(0.4)).toBe('same time');
  });

  it('shows a dash when the lag is unknown', () => {
    expect(formatLag(null)).toBe('—');
    expect(formatLag(NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('combines units from days down to seconds, skipping empty ones', () => {
    expect(formatDuration(90)).toBe('1m30s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(86400 + 3600 + 5)).toBe('1d1h5s');
    expect(formatDuration(-5400)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
