import { LEGEND_AUTO } from '../../../shared/legendAuto';
import { legendFormatFor, legendMode } from '../legendMode';
import { queryOptionsSummary } from '../queryOptionsSummary';

describe('queryOptionsSummary', () => {
  it('summarises a query saved without options as verbose legend and automatic step', () => {
    expect(queryOptionsSummary({})).toEqual([
      'Legend: Verbose',
      'Min step: auto',
      'Format: Time series',
      'Type: Range',
    ]);
  });

  it('shows the auto legend, a custom template as typed, and the min step as a duration', () => {
    expect(queryOptionsSummary({ legendFormat: LEGEND_AUTO, minStepMs: 60_000 }).slice(0, 2)).toEqual([
      'Legend: Auto',
      'Min step: 1m',
    ]);
    expect(queryOptionsSummary({ legendFormat: '{{service}} p99' })[0]).toBe('Legend: {{service}} p99');
  });
});

describe('legendMode', () => {
  it('reads auto, verbose (empty) and custom from legendFormat', () => {
    expect(legendMode(LEGEND_AUTO)).toBe('auto');
    expect(legendMode(undefined)).toBe('verbose');
    expect(legendMode('')).toBe('verbose');
    expect(legendMode('{{job}}')).toBe('custom');
  });

  it('writes the legendFormat for a mode, starting a custom template from the previous one', () => {
    expect(legendFormatFor('auto', '{{job}}')).toBe(LEGEND_AUTO);
    expect(legendFormatFor('verbose', '{{job}}')).toBeUndefined();
    expect(legendFormatFor('custom', '{{job}}')).toBe('{{job}}');
    expect(legendFormatFor('custom', LEGEND_AUTO)).toBe('');
  });
});
