/**
 * The `recording-rules` resource: checks the request body, runs the export (src/backend/rules) and answers the rule
 * file. A query the export cannot express is a 400 whose message names the option that blocks it.
 */
import type { LensQuery } from '../../shared/queryModel';
import type { RecordingRulesRequest, RecordingRulesResponse } from '../../shared/resources';
import { QueryValidationError } from '../../shared/validateQuery';
import { recordingRuleGroup } from '../rules/recordingRuleGroup';
import { ruleGroupYaml } from '../rules/ruleGroupYaml';
import { LensError } from '../errors/LensError';

const OPTIONAL_TEXT = ['interval', 'level', 'metric'] as const;

/** `upstreamNote`: a line the data source's upstream adds to the notes (e.g. that the demo series are synthetic). */
export function recordingRulesResource(body: unknown, upstreamNote?: string): RecordingRulesResponse {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw LensError.badRequest(400, 'the body must be a JSON object {query, interval?, level?, metric?}');
  }
  const req = body as Partial<RecordingRulesRequest>;
  if (!req.query || typeof req.query !== 'object' || Array.isArray(req.query)) {
    throw LensError.badRequest(400, 'query must be the analysis query to export (a JSON object)');
  }
  if (typeof req.query.expr !== 'string') {
    throw LensError.badRequest(400, 'query.expr must be the PromQL expression (a string)');
  }
  for (const key of OPTIONAL_TEXT) {
    if (req[key] !== undefined && typeof req[key] !== 'string') {
      throw LensError.badRequest(400, `${key} must be a string`);
    }
  }
  let exported;
  try {
    exported = recordingRuleGroup({ refId: 'export', ...req.query } as LensQuery, {
      interval: req.interval,
      level: req.level,
      metric: req.metric,
    });
  } catch (e) {
    if (e instanceof QueryValidationError) {
      throw LensError.badRequest(400, `cannot export as recording rules: ${e.message}`);
    }
    throw e;
  }
  const { group, names, method, notes } = exported;
  if (upstreamNote) {
    notes.push(upstreamNote);
  }
  const recorded = new Set(group.rules.map((r) => r.record));
  const yaml = ruleGroupYaml(
    [group],
    [`Anomaly Lens: ${method} band of ${JSON.stringify(req.query.expr)} as recording rules.`, ...notes]
  );
  return {
    yaml,
    group: group.name,
    interval: group.interval,
    names: {
      value: names.value,
      expected: names.expected,
      sigma: names.sigma,
      flag: names.flag,
      ...(recorded.has(names.lower) ? { lower: names.lower } : {}),
      ...(recorded.has(names.upper) ? { upper: names.upper } : {}),
    },
    notes,
  };
}
