/** Command-line options shared by the eval CLIs: `--data <dir> --out <dir>` plus named extras. */
export interface EvalArgs {
  data: string;
  out: string;
  extra: Record<string, string>;
}

export function parseArgs(argv: string[], usage: string): EvalArgs {
  const extra: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      continue;
    }
    if (!a.startsWith('--')) {
      throw new Error(`unexpected argument ${a}\n${usage}`);
    }
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) {
      throw new Error(`${a} needs a value\n${usage}`);
    }
    extra[a.slice(2)] = v;
    i++;
  }
  const { data, out, ...rest } = extra;
  if (!data || !out) {
    throw new Error(`--data and --out are required\n${usage}`);
  }
  return { data, out, extra: rest };
}
