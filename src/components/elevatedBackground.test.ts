import { createTheme, GrafanaTheme2 } from '@grafana/data';
import { elevatedBackground } from './elevatedBackground';

describe('elevatedBackground', () => {
  it('is the theme’s elevated background where the theme has one', () => {
    for (const mode of ['light', 'dark'] as const) {
      const theme = createTheme({ colors: { mode } });
      expect(elevatedBackground(theme)).toBe(theme.colors.background.elevated);
    }
  });

  it('falls back to the primary background on a Grafana 11.0 theme, which has no elevated colour', () => {
    const theme = createTheme({ colors: { mode: 'dark' } });
    const { elevated: _dropped, ...older } = theme.colors.background;
    const grafana11 = { ...theme, colors: { ...theme.colors, background: older } } as unknown as GrafanaTheme2;
    expect(elevatedBackground(grafana11)).toBe(theme.colors.background.primary);
    expect(elevatedBackground(grafana11)).toEqual(expect.any(String));
  });
});
