/**
 * The data source's limits (every upstream, demo included), folded away by default: empty fields keep the
 * backend's safe defaults, shown as placeholders. What each enforces and its message: docs/reliability.md
 * ("Limits").
 */
import React, { ChangeEvent } from 'react';
import { CollapsableSection, InlineField, Input } from '@grafana/ui';
import type { ConnectionOptions } from '../connectionOptions';

type NumberKey =
  | 'maxSeries'
  | 'maxPoints'
  | 'maxPointsPerSeries'
  | 'maxResponseBytes'
  | 'maxQueryResponseBytes'
  | 'maxQueriesPerRequest'
  | 'maxConcurrentQueries';

interface LimitField {
  key: NumberKey | 'maxHistory';
  label: string;
  placeholder: string;
  help: string;
}

export const LIMIT_FIELDS: LimitField[] = [
  { key: 'maxSeries', label: 'Max series', placeholder: '1000', help: 'Most series one query may return' },
  {
    key: 'maxPoints',
    label: 'Max points',
    placeholder: '2000000',
    help: 'Most points (series × steps, history included) one query may return',
  },
  {
    key: 'maxPointsPerSeries',
    label: 'Max points per series',
    placeholder: '10998',
    help: 'Most points per series one query may fetch, history included; at most the upstream’s own bound',
  },
  {
    key: 'maxHistory',
    label: 'Max history',
    placeholder: '8w',
    help: 'How far back training may fetch before the visible range (0s–8w); longer histories are shortened with a notice',
  },
  {
    key: 'maxResponseBytes',
    label: 'Max upstream bytes',
    placeholder: '52428800',
    help: 'Most bytes read from one upstream answer (Grafana’s response_limit lowers it)',
  },
  {
    key: 'maxQueryResponseBytes',
    label: 'Max response bytes',
    placeholder: '67108864',
    help: 'Most bytes of frames sent back to Grafana per request; queries that do not fit get an error',
  },
  {
    key: 'maxQueriesPerRequest',
    label: 'Max queries per request',
    placeholder: '100',
    help: 'Most queries one request may hold; the rest are answered with an error',
  },
  {
    key: 'maxConcurrentQueries',
    label: 'Concurrent queries',
    placeholder: 'Grafana’s or 10',
    help: 'Queries of one request that run at once (each makes one upstream request); default Grafana’s concurrent_query_count, else 10',
  },
];

interface Props {
  jsonData: ConnectionOptions;
  setJson: (patch: Partial<ConnectionOptions>) => void;
}

/** InfluxDB has no points-per-series bound of its own, so the backend allows more there (queryLimits.ts). */
function placeholderOf(f: LimitField, jsonData: ConnectionOptions): string {
  return f.key === 'maxPointsPerSeries' && jsonData.upstream === 'influxdb' ? '100000' : f.placeholder;
}

export function LimitsSection({ jsonData, setJson }: Props) {
  return (
    <CollapsableSection label="Limits" isOpen={false}>
      {LIMIT_FIELDS.map((f) => (
        <InlineField key={f.key} label={f.label} labelWidth={24} tooltip={f.help} htmlFor={`lens-${f.key}`}>
          <Input
            id={`lens-${f.key}`}
            width={16}
            type={f.key === 'maxHistory' ? 'text' : 'number'}
            min={1}
            placeholder={placeholderOf(f, jsonData)}
            value={jsonData[f.key] ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const text = e.currentTarget.value.trim();
              if (f.key === 'maxHistory') {
                setJson({ maxHistory: text || undefined });
                return;
              }
              const v = Number(text);
              const patch: Partial<Record<NumberKey, number | undefined>> = {
                [f.key]: text !== '' && Number.isFinite(v) && v > 0 ? v : undefined,
              };
              setJson(patch);
            }}
          />
        </InlineField>
      ))}
    </CollapsableSection>
  );
}
