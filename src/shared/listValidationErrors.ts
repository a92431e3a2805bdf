/**
 * Every invalid field of a query, not just the first: the editor marks each one at once. `validateQuery` stops at
 * the first problem (the backend needs no more), so this validates again with each offending field removed (its
 * default then applies) until the query passes. A field that stays invalid after its removal (a required one) has
 * its top-level option removed instead; if even that does not move on, the search stops there.
 */
import { LensQuery } from './queryModel';
import { QueryValidationError, validateQuery } from './validateQuery';

/** At most this many rounds: far more than the query model has fields, so it only guards against a loop. */
const MAX_ROUNDS = 64;

export function listValidationErrors(query: LensQuery): QueryValidationError[] {
  const errors: QueryValidationError[] = [];
  let q: unknown = query;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const e = firstError(q as LensQuery);
    if (!e) {
      break;
    }
    const seen = errors.some((x) => x.field === e.field);
    const induced = JSON.stringify(valueAt(q as LensQuery, e.field)) !== JSON.stringify(valueAt(query, e.field));
    if (!seen && !induced) {
      errors.push(e);
    }
    const path = pathOf(e.field);
    let next = seen ? q : without(q, path);
    if (next === q) {
      next = without(q, path.slice(0, 1));
    }
    if (next === q) {
      break;
    }
    q = next;
  }
  return errors;
}

/** What the query holds at a QueryValidationError field, or undefined. */
export function valueAt(query: LensQuery, field: string): unknown {
  let v: unknown = query;
  for (const key of pathOf(field)) {
    if (v === null || typeof v !== 'object') {
      return undefined;
    }
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function firstError(q: LensQuery): QueryValidationError | undefined {
  try {
    validateQuery(q);
    return undefined;
  } catch (e) {
    if (e instanceof QueryValidationError) {
      return e;
    }
    throw e;
  }
}

/** A QueryValidationError field as a path: `exclusions[2].from` → ['exclusions', 2, 'from']. */
export function pathOf(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

/** A copy of `value` without the member at `path`; `value` itself when there is nothing there to remove. */
function without(value: unknown, path: Array<string | number>): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') {
    return value;
  }
  const [head, ...rest] = path;
  const container = value as Record<string | number, unknown>;
  if (!(head in container)) {
    return value;
  }
  if (rest.length === 0) {
    if (Array.isArray(value)) {
      return value.filter((_, i) => i !== head);
    }
    const { [head]: _drop, ...others } = container;
    return others;
  }
  const inner = without(container[head], rest);
  if (inner === container[head]) {
    return value;
  }
  return Array.isArray(value) ? value.map((v, i) => (i === head ? inner : v)) : { ...container, [head]: inner };
}
