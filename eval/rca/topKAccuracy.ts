/**
 * Top-k accuracy of root-cause rankings: the share of issues whose true root cause is among the first k
 * ranked services (PetShop benchmark metric, Hardt et al. 2023 §5). `rankOf` is 1-based, Infinity when
 * the root cause is not in the ranking at all (it then counts as a miss for every k).
 */
export function rankOf(ranking: readonly string[], rootCause: string): number {
  const i = ranking.indexOf(rootCause);
  return i < 0 ? Infinity : i + 1;
}

export function topKAccuracy(ranks: readonly number[], k: number): number {
  if (ranks.length === 0) {
    throw new Error('topKAccuracy: no issues');
  }
  return ranks.filter((r) => r <= k).length / ranks.length;
}
