/**
 * The Legend choice of the Options row, read from and written to `legendFormat`: Auto (`LEGEND_AUTO`), Verbose
 * (empty: the full `metric{labels}` name, what queries saved without a legend keep), or Custom (a `{{label}}`
 * template).
 */
import { LEGEND_AUTO } from '../../shared/legendAuto';

export type LegendMode = 'auto' | 'verbose' | 'custom';

export function legendMode(legendFormat: string | undefined): LegendMode {
  if (legendFormat === LEGEND_AUTO) {
    return 'auto';
  }
  return legendFormat ? 'custom' : 'verbose';
}

/** The `legendFormat` to save when the mode is switched; a custom template starts from the previous one if any. */
export function legendFormatFor(mode: LegendMode, previous: string | undefined): string | undefined {
  switch (mode) {
    case 'auto':
      return LEGEND_AUTO;
    case 'verbose':
      return undefined;
    case 'custom':
      return previous && previous !== LEGEND_AUTO ? previous : '';
  }
}
