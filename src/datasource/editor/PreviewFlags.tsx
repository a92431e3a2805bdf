/**
 * "Preview flags": runs the query as an anomaly-window query over the visible range and lists what the band would
 * have flagged, with each window's explanation, before the query is saved or an alert is built on it.
 */
import React, { useState } from 'react';
import { dateTimeFormat, TimeRange } from '@grafana/data';
import { Button, InlineFieldRow } from '@grafana/ui';
import type { LensQuery } from '../../shared/queryModel';
import type { AnomalyWindow } from '../annotations/readAnomalyWindows';
import { querySelectors as sel } from '../components/selectors';

interface Props {
  query: LensQuery;
  range?: TimeRange;
  preview: (query: LensQuery, range: TimeRange) => Promise<AnomalyWindow[]>;
}

const SHOWN = 10;
const fmt = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm:ss' });

export function PreviewFlags({ query, range, preview }: Props) {
  const [state, setState] = useState<{ loading?: boolean; windows?: AnomalyWindow[]; error?: string }>({});

  const run = async () => {
    if (!range) {
      return;
    }
    setState({ loading: true });
    try {
      setState({ windows: await preview(query, range) });
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };

  return (
    <div>
      <InlineFieldRow>
        <Button
          variant="secondary"
          size="sm"
          icon={state.loading ? 'fa fa-spinner' : 'eye'}
          disabled={!range || !query.expr?.trim() || state.loading}
          onClick={run}
          tooltip="Run this query as anomaly windows over the visible range"
        >
          {sel.preview}
        </Button>
      </InlineFieldRow>
      {(state.windows || state.error) && (
        <div data-testid={sel.previewResult}>
          {state.error ? (
            <p>Preview failed: {state.error}</p>
          ) : state.windows!.length === 0 ? (
            <p>Nothing would have been flagged over the visible range.</p>
          ) : (
            <>
              <p>
                {state.windows!.length} window{state.windows!.length === 1 ? '' : 's'} would have been flagged over the
                visible range{state.windows!.length > SHOWN ? ` (first ${SHOWN} shown)` : ''}:
              </p>
              <ul>
                {state.windows!.slice(0, SHOWN).map((w, i) => (
                  <li key={i} data-testid={sel.previewWindow}>
                    <strong>
                      {fmt(w.fromMs)} – {fmt(w.toMs)}
                    </strong>{' '}
                    {w.title}: {w.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
