/**
 * Settings only a Prometheus-compatible upstream reads, under the jsonData keys Grafana's own Prometheus data
 * source uses (docs/provisioning.md lists them with their defaults).
 */
import React, { ChangeEvent } from 'react';
import { SelectableValue } from '@grafana/data';
import { ConfigSubSection } from '@grafana/plugin-ui';
import { Field, Input, RadioButtonGroup, Switch } from '@grafana/ui';
import type { ConnectionOptions } from '../connectionOptions';
import { configSelectors as sel } from './selectors';

/** Grafana's spelling, and VictoriaMetrics; the backend accepts these and names the upstream after the one chosen. */
const typeOptions: Array<SelectableValue<string>> = ['Prometheus', 'Cortex', 'Mimir', 'Thanos', 'VictoriaMetrics'].map(
  (t) => ({
    value: t,
    label: t,
  })
);

interface Props {
  jsonData: ConnectionOptions;
  setJson: (patch: Partial<ConnectionOptions>) => void;
}

export function PrometheusSection({ jsonData, setJson }: Props) {
  const text = (key: keyof ConnectionOptions & string, label: string, description: string, width = 20) => (
    <Field label={label} description={description}>
      <Input
        id={`lens-${key}`}
        width={width}
        value={typeof jsonData[key] === 'string' ? jsonData[key] : ''}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ [key]: e.currentTarget.value || undefined })}
      />
    </Field>
  );
  const incremental = jsonData.incrementalQuerying !== false;
  return (
    <ConfigSubSection title="Prometheus">
      <Field
        label={sel.prometheusType}
        description="Which server this is; messages and Save & test name it. Default: Prometheus."
      >
        <RadioButtonGroup<string>
          options={typeOptions}
          value={jsonData.prometheusType ?? 'Prometheus'}
          onChange={(v) => setJson({ prometheusType: v })}
        />
      </Field>
      {text(
        'prometheusVersion',
        sel.prometheusVersion,
        'The server’s version, e.g. 2.53.0; Save & test shows it. Optional.'
      )}
      {text(
        'timeInterval',
        sel.scrapeInterval,
        'The upstream’s scrape interval: the smallest step a query uses, and the base of $__rate_interval. Default: 15s.'
      )}
      <Field
        label={sel.incrementalQuerying}
        description="On a refresh, reuse the points already fetched (training history included) and ask the upstream only for the newest ones. Default: on."
      >
        <Switch
          id="lens-incrementalQuerying"
          value={incremental}
          onChange={(e) => setJson({ incrementalQuerying: e.currentTarget.checked ? undefined : false })}
        />
      </Field>
      {incremental &&
        text(
          'incrementalQueryOverlapWindow',
          sel.incrementalOverlap,
          'Points newer than this before the last fetch are fetched again, for samples that arrive late. Default: 10m.'
        )}
      {text(
        'customQueryParameters',
        sel.customQueryParameters,
        'Added to every request to the upstream, as name=value pairs joined by &, e.g. max_source_resolution=5m for Thanos. Optional.',
        40
      )}
    </ConfigSubSection>
  );
}
