import { minStepText, parseMinStep } from '../minStepText';

describe('minStepText', () => {
  it('shows a saved millisecond value as a duration, so older queries keep their min step', () => {
    expect(minStepText(15_000)).toBe('15s');
    expect(minStepText(90_000)).toBe('1m30s');
    expect(minStepText(250)).toBe('250ms');
  });

  it('shows nothing when no min step is set', () => {
    expect(minStepText(undefined)).toBe('');
    expect(minStepText(0)).toBe('');
    expect(minStepText(NaN)).toBe('');
  });
});

describe('parseMinStep', () => {
  it('reads Grafana durations into milliseconds', () => {
    expect(parseMinStep('15s')).toEqual({ ok: true, minStepMs: 15_000 });
    expect(parseMinStep(' 1m30s ')).toEqual({ ok: true, minStepMs: 90_000 });
    expect(parseMinStep('1h')).toEqual({ ok: true, minStepMs: 3_600_000 });
  });

  it('reads a bare number as seconds, as Grafana’s Min step does', () => {
    expect(parseMinStep('15')).toEqual({ ok: true, minStepMs: 15_000 });
    expect(parseMinStep('0.5')).toEqual({ ok: true, minStepMs: 500 });
  });

  it('clears the bound when emptied', () => {
    expect(parseMinStep('  ')).toEqual({ ok: true, minStepMs: undefined });
  });

  it('rejects text that is not a positive duration with a message naming the field', () => {
    const bad = parseMinStep('15 seconds');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Min step: .*not a duration/);
    expect(parseMinStep('0s')).toEqual({ ok: false, error: 'Min step must be above zero, e.g. "15s" or "1m"' });
    expect(parseMinStep('$__interval').ok).toBe(false);
  });

  it('round-trips every value it shows', () => {
    for (const ms of [1, 999, 1000, 15_000, 61_000, 3_600_000, 86_400_000 + 1000]) {
      expect(parseMinStep(minStepText(ms))).toEqual({ ok: true, minStepMs: ms });
    }
  });
});
