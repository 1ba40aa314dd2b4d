// `impact`: load both sides (folders, or refs of a Git repository), analyse each over the same workloads as a
// report would (controls, vendors, findings), and compare them.
import path from 'node:path';
import { loadManifests } from '../collect/manifests/load-manifests.js';
import { readSnapshotFile } from '../collect/snapshot-file.js';
import { loadCatalogs } from '../config/index.js';
import { loadExceptions } from '../config/load-exceptions.js';
import { loadInventory } from '../config/load-inventory.js';
import { impactOf, type Impact, type ImpactSide } from '../impact/impact.js';
import { sideSnapshot } from '../impact/side-snapshot.js';
import type { Evidence } from '../model/evidence.js';
import type { Framework, Severity } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import { defaultEngines } from './engines.js';
import { analyzeReport } from './report-analyze.js';
import type { RunContext } from './report-run.js';

export interface ImpactOptions {
  readonly base: string;
  readonly head: string;
  /** With globs, base and head are refs of gitRepo; without, folders (or files) of manifests. */
  readonly git?: { readonly repo: string; readonly paths: readonly string[] };
  readonly snapshot?: string;
  readonly inventory?: string;
  readonly exceptions?: string;
  readonly frameworks: readonly Framework[];
  readonly failOn?: Severity;
}

const DAY = 86_400_000;

async function loadSide(
  which: string,
  opts: ImpactOptions,
  ctx: RunContext,
): Promise<{ side: ImpactSide; snapshot: Snapshot }> {
  if (opts.git) {
    const { loadRefManifests } = await import('../collect/git/ref-manifests.js');
    const { openRepository } = await import('../collect/git/repository.js');
    const repo = await openRepository(opts.git.repo, ctx.log);
    try {
      const r = await loadRefManifests(repo.dir, which, opts.git.paths, ctx.now);
      return { side: { label: which, detail: r.sha.slice(0, 12) }, snapshot: r.snapshot };
    } finally {
      await repo.close();
    }
  }
  const snapshot = await loadManifests({
    paths: [which],
    name: path.basename(path.resolve(which)),
    now: ctx.now,
  });
  return { side: { label: which, detail: 'folder' }, snapshot };
}

/** Both sides analysed and compared; the CLI turns `gate.failing` into exit 1. */
export async function runImpact(opts: ImpactOptions, ctx: RunContext): Promise<Impact> {
  const at = ctx.now();
  const catalogs = await loadCatalogs([]);
  const inventory = opts.inventory ? await loadInventory(opts.inventory) : undefined;
  const exceptions = opts.exceptions ? await loadExceptions(opts.exceptions) : undefined;
  const live = opts.snapshot ? await readSnapshotFile(opts.snapshot) : undefined;
  const settings = {
    frameworks: opts.frameworks,
    period: { since: new Date(at.getTime() - 90 * DAY), until: at },
    maxDocumentAgeDays: 365,
  };
  const inputs = {
    signer: undefined,
    catalogs,
    ...(inventory ? { inventory } : {}),
    ...(exceptions ? { exceptions } : {}),
  };
  const analyse = (s: Snapshot): Evidence =>
    analyzeReport(sideSnapshot(s, live), inputs, settings, ctx, defaultEngines, at).evidence;
  const base = await loadSide(opts.base, opts, ctx);
  const head = await loadSide(opts.head, opts, ctx);
  return impactOf(
    { side: base.side, evidence: analyse(base.snapshot) },
    { side: head.side, evidence: analyse(head.snapshot) },
    opts.failOn,
  );
}
