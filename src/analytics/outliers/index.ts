/** Peer outliers: series that deviate from the others at the same time steps. */
export { madOutliers } from './madOutliers';
export type { MadOutliersOptions, MadOutliersResult } from './madOutliers';
export { zScoreOutliers } from './zScoreOutliers';
export type { ZScoreOutliersOptions, ZScoreOutliersResult } from './zScoreOutliers';
export { dbscanOutliers } from './dbscanOutliers';
export type { DbscanOutliersOptions, DbscanOutliersResult } from './dbscanOutliers';
export { dbscan1d } from './dbscan1d';
export type { Dbscan1dOptions } from './dbscan1d';
export { sensitivityToThreshold } from './sensitivityToThreshold';
export type { PeerGroup, RowMajorMatrix } from './peerGroup';
export type { PeerOutlierResult, PeerOutlierSeries } from './peerOutlierResult';
