/**
 * The "Save & test" answer: OK with a sentence a person understands, or ERROR saying what to change. Unusable
 * settings answer their own message; otherwise the instance's upstream runs its check (Prometheus `1+1`, InfluxDB
 * `SHOW` probes, the demo one hour of its catalogue).
 */
import { healthErrorResult } from '../errors/errorReplies';
import { DataSourceInstances, processInstances } from '../pipeline/DataSourceInstances';
import type { PluginContext } from '../server/protoTypes';
import type { HealthResult } from '../upstreams/UpstreamAdapter';

export async function checkUpstream(
  ctx: PluginContext | null | undefined,
  nowMs = Date.now(),
  instances: DataSourceInstances = processInstances
): Promise<HealthResult> {
  let instance;
  try {
    instance = instances.get(ctx);
  } catch (e) {
    return healthErrorResult(e);
  }
  return instance.connection.checkHealth(nowMs);
}
