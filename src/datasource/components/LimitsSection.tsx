/**
 * The data source's limits (every upstream, demo included), folded away by default. Bytes are shown in MiB and
 * stored in bytes (the keys the backend and provisioning files use); each field says its default. What each
 * limit enforces and its message: docs/reliability.md ("Limits").
 */
import React, { ChangeEvent } from 'react';
import { ConfigSection } from '@grafana/plugin-ui';
import { Field, Input } from '@grafana/ui';
import type { ConnectionOptions } from '../connectionOptions';
import { NumberField } from './NumberField';

type NumberKey =
  | 'maxSeries'
  | 'maxPoints'
  | 'maxPointsPerSeries'
  | 'maxResponseBytes'
  | 'maxQueryResponseBytes'
  | 'maxQueriesPerRequest'
  | 'maxConcurrentQueries';

const MIB = 1024 * 1024;

interface LimitField {
  key: NumberKey;
  label: string;
  /** The backend's default as people read it. */
  defaultText: string;
  help: string;
  unit?: string;
  scale?: number;
}

const LIMIT_FIELDS: LimitField[] = [
  { key: 'maxSeries', label: 'Max series', defaultText: '1,000', help: 'Most series one query may return' },
  {
    key: 'maxPoints',
    label: 'Max points',
    defaultText: '2,000,000',
    help: 'Most points (series × steps, history included) one query may return',
  },
  {
    key: 'maxPointsPerSeries',
    label: 'Max points per series',
    defaultText: '10,998',
    help: 'Most points per series one query may fetch, history included; at most the upstream’s own bound',
  },
  {
    key: 'maxResponseBytes',
    label: 'Max upstream answer size',
    defaultText: '50 MiB',
    unit: 'MiB',
    scale: MIB,
    help: 'Most bytes read from one upstream answer; Grafana’s response_limit lowers it',
  },
  {
    key: 'maxQueryResponseBytes',
    label: 'Max response size',
    defaultText: '64 MiB',
    unit: 'MiB',
    scale: MIB,
    help: 'Most bytes of frames sent back to Grafana per request; queries that do not fit get an error',
  },
  {
    key: 'maxQueriesPerRequest',
    label: 'Max queries per request',
    defaultText: '100',
    help: 'Most queries one request may hold; the rest are answered with an error',
  },
  {
    key: 'maxConcurrentQueries',
    label: 'Concurrent queries',
    defaultText: 'Grafana’s concurrent_query_count, else 10',
    help: 'Queries of one request that run at once (each makes one upstream request)',
  },
];

interface Props {
  jsonData: ConnectionOptions;
  setJson: (patch: Partial<ConnectionOptions>) => void;
  /** The upstream's own default of "Max points per series", when the backend allows it a different one. */
  maxPointsPerSeriesDefault?: string;
}

export function LimitsSection({ jsonData, setJson, maxPointsPerSeriesDefault }: Props) {
  const defaultOf = (f: LimitField) =>
    (f.key === 'maxPointsPerSeries' ? maxPointsPerSeriesDefault : undefined) ?? f.defaultText;
  return (
    <ConfigSection
      title="Limits"
      description="What one query or request may cost; each field states its default"
      isCollapsible
      isInitiallyOpen={false}
    >
      {LIMIT_FIELDS.map((f) => (
        <NumberField
          key={f.key}
          id={`lens-${f.key}`}
          label={f.label}
          description={f.help}
          defaultText={defaultOf(f)}
          unit={f.unit}
          scale={f.scale}
          integer
          value={jsonData[f.key]}
          onChange={(v) => setJson({ [f.key]: v } as Partial<Record<NumberKey, number>>)}
        />
      ))}
      <Field
        label="Max history"
        description="How far back training may fetch before the visible range, 0s to 8w; longer histories are shortened with a notice. Default: 8w."
      >
        <Input
          id="lens-maxHistory"
          width={20}
          value={jsonData.maxHistory ?? ''}
          onChange={(e: ChangeEvent<HTMLInputElement>) =>
            setJson({ maxHistory: e.currentTarget.value.trim() || undefined })
          }
        />
      </Field>
    </ConfigSection>
  );
}
