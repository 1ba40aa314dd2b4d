// The period area's public face: the run and the CLI import only from here.
export type * from './types.js';
export { aggregatePeriod, type PeriodInput } from './aggregate.js';
export { digestEvidence } from './digest.js';
export { daysBetween } from './days.js';
export { buildPeriodView } from './period-view.js';
export {
  findClusterDirs,
  readClusterBundles,
  type ClusterBundles,
  type ReadBundlesOptions,
} from './read-bundles.js';
