/** Root-cause ranking: which candidates changed against their baseline, moved with the target, and moved first. */
export { rankRootCauses } from './rankRootCauses';
export type { RankRootCausesOptions, RootCauseRanking, RootCauseRow } from './rankRootCauses';
export { orderByCallGraph, DEFAULT_CALL_GRAPH_RATIO } from './orderByCallGraph';
export type { CallGraph, CallGraphRow, OrderByCallGraphOptions, OrderByCallGraphResult } from './orderByCallGraph';
export { corroborateByService, DEFAULT_CORROBORATION_TEMPERATURE } from './corroborateByService';
export type { CorroborateByServiceOptions, CorroborationResult, CorroborationRow } from './corroborateByService';
