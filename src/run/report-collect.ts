// The collect phase of a report: the inputs that can be wrong first (key, catalogs, inventory, exceptions),
// so bad input fails before any slow work; then the snapshot and, with --git-repo, its Git evidence.
import { loadSnapshotSource } from '../collect/load-source.js';
import { loadCatalogs, loadExceptions, loadInventory } from '../config/index.js';
import { mergeObservations, readFlowFiles } from '../collect/flows/index.js';
import { readProbeResults } from '../collect/probes/read-file.js';
import type { ProbeInputs } from '../analyze/probes/compare.js';
import type { Catalogs, ExceptionsFile, Inventory } from '../model/compliance.js';
import { namingFlag } from '../model/errors.js';
import type { FlowObservations } from '../model/flows.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Signer } from '../sign/index.js';
import type { ReportOptions } from './report-options.js';
import type { RunContext } from './report-run.js';
import { addHostReviews } from './review-host.js';
import { assertValidAt, loadRunSigner } from './signing.js';

export interface ReportInputs {
  readonly signer: Signer | undefined;
  readonly catalogs: Catalogs;
  readonly inventory?: Inventory;
  readonly exceptions?: ExceptionsFile;
  /** Observed flows (--flows), read and aggregated before any slow work so bad files fail early. */
  readonly flows?: FlowObservations;
  /** Active probe results (--probes), checked against their schema before any slow work. */
  readonly probes?: ProbeInputs;
}

export async function readReportInputs(
  opts: ReportOptions,
  ctx: RunContext,
  at: Date,
): Promise<ReportInputs> {
  const signer = await loadRunSigner(opts.signing, ctx.env);
  assertValidAt(signer, at);
  const catalogs = await namingFlag('--controls', () => loadCatalogs([...opts.controls]));
  const inv = opts.inventory;
  const inventory = inv
    ? await namingFlag('--inventory', () => loadInventory(inv, opts.shownAs?.inventory))
    : undefined;
  const exc = opts.exceptions;
  const exceptions = exc
    ? await namingFlag('--exceptions', () => loadExceptions(exc, opts.shownAs?.exceptions))
    : undefined;
  const flows = await readFlows(opts, ctx, at);
  const probes = await readProbes(opts);
  return {
    signer,
    catalogs,
    ...(inventory ? { inventory } : {}),
    ...(exceptions ? { exceptions } : {}),
    ...(flows ? { flows } : {}),
    ...(probes ? { probes } : {}),
  };
}

/** Every --probes file (results of `probe run`), with its digest; undefined when none was given. */
async function readProbes(opts: ReportOptions): Promise<ProbeInputs | undefined> {
  if (!opts.probes?.length) return undefined;
  const sources: ProbeInputs['sources'][number][] = [];
  const results: ProbeInputs['results'][number][] = [];
  for (const file of opts.probes) {
    const r = await namingFlag('--probes', () => readProbeResults(file));
    const v = r.value;
    sources.push({
      path: file,
      sha256: r.sha256,
      server: v.server,
      image: v.image,
      startedAt: v.startedAt,
      finishedAt: v.finishedAt,
      planSha256: v.planSha256,
    });
    results.push(...v.results);
  }
  return { sources, results };
}

/** Flow files and the Hubble Relay window, merged; undefined when neither was asked for. */
async function readFlows(
  opts: ReportOptions,
  ctx: RunContext,
  at: Date,
): Promise<FlowObservations | undefined> {
  const t0 = Date.now();
  const parts: FlowObservations[] = [];
  if (opts.flows?.length) {
    ctx.log.progress?.('flows', `reading ${opts.flows.length} flow log path(s)`);
    parts.push(await readFlowFiles(opts.flows));
  }
  if (opts.hubbleRelay) {
    const r = opts.hubbleRelay;
    ctx.log.progress?.('flows', `reading flows from Hubble Relay ${r.address}`);
    // Loaded lazily: runs without a relay do not load gRPC.
    const { readHubbleRelay } = await import('../collect/hubble-relay/client.js');
    parts.push(
      await readHubbleRelay({
        address: r.address,
        ...(r.caFile ? { caFile: r.caFile } : {}),
        since: new Date(at.getTime() - r.sinceMs),
        until: at,
      }),
    );
  }
  if (parts.length === 0) return undefined;
  const flows = mergeObservations(parts);
  for (const w of flows.warnings) ctx.log.warn('flow log warning', { message: w });
  ctx.log.info('read flows', {
    phase: 'flows',
    files: flows.sources.length,
    records: flows.records,
    malformed: flows.malformed,
    paths: flows.aggregates.length,
    ms: Date.now() - t0,
  });
  return flows;
}

export async function collectReportSnapshot(opts: ReportOptions, ctx: RunContext): Promise<Snapshot> {
  const t0 = Date.now();
  const snapshot = await loadSnapshotSource(opts.source, ctx);
  ctx.log.info('collected', {
    phase: 'collect',
    namespaces: snapshot.namespaces.length,
    pods: snapshot.pods.length,
    policies: snapshot.networkPolicies.length,
    ms: Date.now() - t0,
  });
  if (!opts.git) return snapshot;
  const t1 = Date.now();
  // Loaded lazily: offline runs without Git do not need simple-git.
  const { collectGitEvidence } = await import('../collect/git/index.js');
  const git = await collectGitEvidence({
    repo: opts.git.repo,
    ...(opts.git.repoName ? { repoName: opts.git.repoName } : {}),
    ...(opts.git.ref ? { ref: opts.git.ref } : {}),
    paths: [...opts.git.paths],
    since: opts.period.since,
    until: opts.period.until,
    log: ctx.log,
    ...(opts.git.allowedSigners ? { allowedSigners: opts.git.allowedSigners } : {}),
    ...(snapshot.gitops?.length ? { deployments: snapshot.gitops } : {}),
  });
  ctx.log.info('read git history', { phase: 'git', commits: git.commits.length, ms: Date.now() - t1 });
  return { ...snapshot, git: await addHostReviews(git, opts.git, ctx) };
}
