/**
 * What the data source's frontend does differently for each upstream kind: the query language and its examples,
 * where completion and variable look-ups come from, which editor helpers apply, and which settings the config
 * editor shows. One object per kind (demoUi.ts, prometheusUi.ts, influxdbUi.ts); `upstreamUis.ts` is the only
 * place the frontend chooses by kind, as `upstreamAdapters.ts` is for the backend.
 */
import type { ComponentType } from 'react';
import type { SelectableValue } from '@grafana/data';
import type { UpstreamKind } from '../../shared/queryModel';
import type { ExprLanguage } from '../completion/exprLanguages';
import type { GetResource, MetricItem, UpstreamLookups } from '../completion/upstreamLookups';
import type { ConfigEditorProps } from '../components/configEditorProps';
import type { ConnectionOptions } from '../connectionOptions';

export type AuthMethod = 'none' | 'basic' | 'bearer' | 'influxUser' | 'influxToken';

export interface SettingsSectionProps {
  jsonData: ConnectionOptions;
  setJson: (patch: Partial<ConnectionOptions>) => void;
}

/** How the config editor reaches a server; absent for an upstream that runs inside the plugin. */
export interface ConnectionUi {
  /** Completes "Queries go to this …". */
  server: string;
  urlHelp: string;
  /** Whether the database (InfluxDB's database or bucket) is asked for. */
  database: boolean;
  /** Grafana's jsonData key for the HTTP method of this kind of data source, its default and when to change it. */
  httpMethod: { key: 'httpMethod' | 'httpMode'; default: 'GET' | 'POST'; help: string };
  auth: {
    methods: Array<SelectableValue<AuthMethod>>;
    /** The method the saved settings imply (the method itself is not stored). */
    stored(props: ConfigEditorProps): AuthMethod;
    /** Settings after choosing `method`: the other methods' secrets cleared, since the backend sends any set. */
    choose(props: ConfigEditorProps, method: AuthMethod): ConfigEditorProps['options'];
  };
  /** Settings only this kind reads, shown after the HTTP ones. */
  section?: ComponentType<SettingsSectionProps>;
}

export interface UpstreamUi {
  kind: UpstreamKind;
  /** The upstream choice in the config editor. */
  option: { label: string; description: string };
  /** Shown instead of the connection settings when there are none. */
  note?: string;
  connection?: ConnectionUi;
  /** Shown as the default of "Max points per series" when the backend's bound for this kind differs. */
  maxPointsPerSeriesDefault?: string;

  language: ExprLanguage;
  exprPlaceholder: string;
  /** The expression field's tooltip outside correlations. */
  exprHelp: string;
  /** Metric and series pickers above the expression. */
  metricPicker: boolean;
  /** Whether Shift+Enter also checks the expression with the validate endpoint. */
  validatesExpr: boolean;
  /** Whether the metrics browser (metric, labels, values) applies. */
  metricsBrowser: boolean;
  /** Whether an analysis query can be exported as Prometheus recording rules. */
  exportRules: boolean;

  /** Metric names with their help, through the look-ups' cached resource calls; absent when the upstream has none. */
  metrics?: (cached: GetResource) => Promise<MetricItem[]>;
  /** Whether label names and values can be looked up (Prometheus-style series). */
  labels: boolean;
  /** Whether measurements, field keys and tag keys/values can be looked up (InfluxQL). */
  measurements: boolean;
  /** What the variable query `metrics()` lists. */
  variableMetrics(lookups: UpstreamLookups): Promise<string[]>;
}
