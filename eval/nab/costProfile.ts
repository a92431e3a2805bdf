/**
 * NAB application profiles: weights of true positives, false positives and false negatives
 * (NAB `config/profiles.json`: standard fp 0.11; reward_low_FP_rate fp 0.22; reward_low_FN_rate fn 2.0).
 */
export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
  tnWeight?: number;
}

export type ProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

export const PROFILE_NAMES: readonly ProfileName[] = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'];

/** Reads NAB's profiles.json shape `{ name: { CostMatrix: {...} } }`; throws on a missing weight. */
export function parseProfiles(json: unknown): Record<string, CostMatrix> {
  if (typeof json !== 'object' || json === null) {
    throw new Error('profiles: expected an object');
  }
  const out: Record<string, CostMatrix> = {};
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    const cm = (entry as { CostMatrix?: Record<string, unknown> })?.CostMatrix;
    if (!cm) {
      throw new Error(`profiles: ${name} has no CostMatrix`);
    }
    for (const k of ['tpWeight', 'fpWeight', 'fnWeight']) {
      if (typeof cm[k] !== 'number') {
        throw new Error(`profiles: ${name}.CostMatrix.${k} must be a number`);
      }
    }
    out[name] = {
      tpWeight: cm.tpWeight as number,
      fpWeight: cm.fpWeight as number,
      fnWeight: cm.fnWeight as number,
      tnWeight: typeof cm.tnWeight === 'number' ? cm.tnWeight : undefined,
    };
  }
  return out;
}
