/**
 * "Create alert rule": Grafana's new-rule form, pre-filled through its `defaults` URL parameter (a JSON object with
 * the form's values: rule type, name, queries, condition, annotations; Grafana's own "New alert rule" from a panel
 * fills the form the same way). The rule is the first recipe of docs/alerting.md: the share of flagged points over
 * the last 15 minutes, reduced with `last` (strict: no mode), firing above 0.66 (10 of 15 one-minute points).
 */
import { QUERY_SCHEMA_VERSION } from '../shared/queryModel';
import { LENS_DATASOURCE_TYPE } from './addBandTarget';

export interface AlertRuleSource {
  lensUid: string;
  expr: string;
  /** Becomes the rule's name: "<title> outside its band". */
  title: string;
}

/** Three hours of evaluated data: the recipe's range, enough for the band to settle with one-minute steps. */
const RANGE_SECONDS = 10_800;

export function alertRuleDefaults(s: AlertRuleSource) {
  return {
    type: 'grafana-alerting',
    name: `${s.title} outside its band`,
    condition: 'C',
    queries: [
      {
        refId: 'A',
        queryType: '',
        relativeTimeRange: { from: RANGE_SECONDS, to: 0 },
        datasourceUid: s.lensUid,
        model: {
          refId: 'A',
          datasource: { type: LENS_DATASOURCE_TYPE, uid: s.lensUid },
          schemaVersion: QUERY_SCHEMA_VERSION,
          expr: s.expr,
          outputs: ['fractionAnomalous'],
          flags: { fractionWindow: '15m' },
          minStepMs: 60_000,
        },
      },
      {
        refId: 'B',
        queryType: '',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: '__expr__',
        model: {
          refId: 'B',
          type: 'reduce',
          expression: 'A',
          reducer: 'last',
          datasource: { type: '__expr__', uid: '__expr__' },
        },
      },
      {
        refId: 'C',
        queryType: '',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'B',
          conditions: [{ evaluator: { type: 'gt', params: [0.66] } }],
          datasource: { type: '__expr__', uid: '__expr__' },
        },
      },
    ],
    annotations: [
      {
        key: 'summary',
        value: `${s.title}: {{ humanizePercentage $values.B.Value }} of the last 15 minutes outside the band`,
      },
    ],
  };
}

export function alertRuleUrl(s: AlertRuleSource): string {
  return `/alerting/new/alerting?defaults=${encodeURIComponent(JSON.stringify(alertRuleDefaults(s)))}`;
}
