/** Root-cause ranking: which candidates changed against their baseline, moved with the target, and moved first. */
export { rankRootCauses } from './rankRootCauses';
export type { RankRootCausesOptions, RootCauseRanking, RootCauseRow } from './rankRootCauses';
