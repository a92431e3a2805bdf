/**
 * Finds where a parsed JSON value nests deeper than a limit, without recursion: query JSON nested 5,000 levels deep
 * used to overflow the stack of the recursive code that reads and quotes it (a 500 "Maximum call stack size
 * exceeded"); checked first, it is a 400 naming the field.
 */

/** Most levels of objects and arrays inside a query's JSON (the query object itself is level 1). */
export const MAX_QUERY_JSON_DEPTH = 32;

/**
 * The path (`options.a[0].b`) of the first container found deeper than `maxDepth` levels, or undefined when the
 * value keeps within it. Visits each container once, at most `maxDepth + 1` levels down.
 */
export function jsonNestingPath(value: unknown, maxDepth: number): string | undefined {
  const stack: Array<[unknown, number, string]> = [[value, 1, '']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') {
      continue;
    }
    if (depth > maxDepth) {
      return path;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, depth + 1, `${path}[${i}]`]));
    } else {
      for (const [k, item] of Object.entries(v)) {
        const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
        stack.push([item, depth + 1, path === '' ? key : `${path}.${key}`]);
      }
    }
  }
  return undefined;
}
