/**
 * The server-side expressions our alert rules use (Grafana SSE `reduce` and `threshold`), evaluated on decoded
 * frames the way Grafana does: one number per series (a frame's value field with its labels), then 1/0 per
 * series. Our own code, written from Grafana's documented semantics:
 *  - reduce in `strict` mode: any NaN/null in the series makes the result NaN; an empty series gives NaN
 *    (`count` gives 0); `last` is the final point, `mean` the average;
 *  - threshold: `gt`/`lt` compare with params[0]; `within_range`/`outside_range` use params[0..1], bounds excluded;
 *    NaN compares false (the instance does not fire).
 */
import { Type } from 'apache-arrow';
import type { DecodedFrame } from '../../conformance/support/decodeFrame';

export interface ReducedSeries {
  labels: Record<string, string>;
  value: number;
}

export function reduceValues(values: ReadonlyArray<number | null>, reducer: string): number {
  if (reducer === 'count') {
    return values.length;
  }
  if (values.length === 0 || values.some((v) => v === null || Number.isNaN(v))) {
    return NaN;
  }
  const xs = values as number[];
  switch (reducer) {
    case 'last':
      return xs[xs.length - 1];
    case 'mean':
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'sum':
      return xs.reduce((a, b) => a + b, 0);
    default:
      throw new Error(`reducer "${reducer}" is not one the rules here use`);
  }
}

/** One reduced number per frame's single value field; throws when a frame is not one time + one number field. */
export function reduceFrames(frames: readonly DecodedFrame[], reducer: string): ReducedSeries[] {
  return frames.map((f) => {
    const values = f.fields.filter((x) => x.type.typeId !== Type.Timestamp);
    if (values.length !== 1) {
      throw new Error(`frame ${f.name ?? ''} has ${values.length} value fields; reduce needs exactly one`);
    }
    return { labels: values[0].labels ?? {}, value: reduceValues(values[0].values as Array<number | null>, reducer) };
  });
}

export interface Evaluator {
  type: string;
  params: number[];
}

export function threshold(value: number, evaluator: Evaluator): 0 | 1 {
  const [a, b] = evaluator.params;
  let fires: boolean;
  switch (evaluator.type) {
    case 'gt':
      fires = value > a;
      break;
    case 'lt':
      fires = value < a;
      break;
    case 'within_range':
      fires = value > a && value < b;
      break;
    case 'outside_range':
      fires = value < a || value > b;
      break;
    default:
      throw new Error(`threshold evaluator "${evaluator.type}" is not one the rules here use`);
  }
  return fires ? 1 : 0;
}
