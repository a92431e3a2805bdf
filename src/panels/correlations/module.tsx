import { PanelPlugin } from '@grafana/data';
import { CorrelationsPanel } from './components/CorrelationsPanel';
import { CorrelationsPanelOptions, defaultCorrelationsPanelOptions } from './types';

export const plugin = new PanelPlugin<CorrelationsPanelOptions>(CorrelationsPanel).setPanelOptions((builder) =>
  builder
    .addSliderInput({
      path: 'minAbsScore',
      name: 'Minimum |score|',
      description:
        'Hide candidates whose correlation is weaker than this (either sign). Above 0 also hides rows without a score.',
      defaultValue: defaultCorrelationsPanelOptions.minAbsScore,
      settings: { min: 0, max: 1, step: 0.05 },
    })
    .addBooleanSwitch({
      path: 'showOverlays',
      name: 'Show overlays',
      description:
        'Draw target and candidate (shifted by its lag, z-normalised) in each row that has an overlay; the query decides how many do (correlate.overlays).',
      defaultValue: defaultCorrelationsPanelOptions.showOverlays,
    })
    .addNumberInput({
      path: 'maxRows',
      name: 'Maximum rows',
      description: 'Show at most this many candidates after filtering, best rank first; 0 shows all.',
      defaultValue: defaultCorrelationsPanelOptions.maxRows,
      settings: { min: 0, integer: true },
    })
    .addTextInput({
      path: 'query',
      name: 'Query',
      description:
        'The refId of the correlations query to show (e.g. B) when the panel has several; empty shows the first.',
      defaultValue: defaultCorrelationsPanelOptions.query,
    })
    .addTextInput({
      path: 'targetVariable',
      name: 'Target variable',
      description:
        'Dashboard variable the query target uses (e.g. target, with correlate.target set to $target). Each row can then be made the target here; empty: in Explore.',
      defaultValue: defaultCorrelationsPanelOptions.targetVariable,
    })
);
