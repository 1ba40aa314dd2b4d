// The CLI's view of the source loader (kept here so commands import it from one place).
export { assertOneSource, loadSnapshotSource, type SourceArgs } from '../collect/load-source.js';
