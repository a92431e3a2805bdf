import React from 'react';
import { PanelPlugin, PanelProps } from '@grafana/data';
import { StlPanel } from './components/StlPanel';
import { analyticsDecomposer } from './data/analyticsDecomposer';
import { defaultStlPanelOptions, StlPanelOptions } from './types';

function StlPanelWithAnalytics(props: PanelProps<StlPanelOptions>) {
  return <StlPanel {...props} decomposer={analyticsDecomposer} />;
}

export const plugin = new PanelPlugin<StlPanelOptions>(StlPanelWithAnalytics).setPanelOptions((builder) =>
  builder
    .addTextInput({
      path: 'series',
      name: 'Series',
      description:
        'Display name of the series to decompose. Empty: the first series. The panel lists the names it sees.',
      defaultValue: defaultStlPanelOptions.series,
    })
    .addRadio({
      path: 'periodMode',
      name: 'Season length',
      description: 'Detect the season from the data, or set it.',
      defaultValue: defaultStlPanelOptions.periodMode,
      settings: {
        options: [
          { value: 'auto', label: 'Auto-detect' },
          { value: 'fixed', label: 'Fixed' },
        ],
      },
    })
    .addTextInput({
      path: 'period',
      name: 'Season',
      description: 'One season as a duration (1h, 1d, 7d); converted to points with the series step.',
      defaultValue: defaultStlPanelOptions.period,
      showIf: (o) => o.periodMode === 'fixed',
    })
    .addBooleanSwitch({
      path: 'robust',
      name: 'Robust',
      description: 'Down-weight spikes so they land in the remainder instead of bending trend and season.',
      defaultValue: defaultStlPanelOptions.robust,
    })
    .addNumberInput({
      path: 'outlierThreshold',
      name: 'Outlier threshold (σ)',
      description: 'Remainder points further than this many robust σ (1.4826·MAD) from the median are marked.',
      defaultValue: defaultStlPanelOptions.outlierThreshold,
      settings: { min: 0.5, step: 0.5 },
    })
);
