// The run itself as evidence: every option, the SHA-256 of every input file, the tool and the source.
import { DEFAULT_MAX_EXCEPTION_DAYS } from '../compliance/exceptions.js';
import { fileSha256 } from '../config/file-digest.js';
import type { Catalogs } from '../model/compliance.js';
import type { InputDigest, RunRecord, SourceRecord } from '../model/evidence.js';
import { redactUrl } from '../model/repo-url.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ReportOptions } from './report-options.js';

/** A path as messages name it: the inventory's and exceptions' shown names, a temporary folder's paths marked. */
function shown(o: ReportOptions, p: string): string {
  if (p === o.inventory && o.shownAs?.inventory) return o.shownAs.inventory;
  if (p === o.exceptions && o.shownAs?.exceptions) return o.shownAs.exceptions;
  const tmp = o.shownAs?.tempDir;
  return tmp && p.startsWith(`${tmp}/`) ? `<temporary folder>/${p.slice(tmp.length + 1)}` : p;
}

function shownValues<T extends object>(o: ReportOptions, v: T): T {
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? shown(o, x) : x]),
  ) as T;
}

/** Every option as resolved (defaults applied), paths as given; never a secret (only variable names). */
export function runOptions(o: ReportOptions): Readonly<Record<string, unknown>> {
  return {
    source: o.source,
    formats: [...o.formats].sort(),
    frameworks: o.frameworks,
    ...(o.failOn ? { failOn: o.failOn } : {}),
    ...(o.organisation ? { organisation: o.organisation } : {}),
    period: { since: o.period.since.toISOString(), until: o.period.until.toISOString() },
    signing: shownValues(o, o.signing),
    ...(o.tsaUrl ? { tsaUrl: o.tsaUrl } : {}),
    ...(o.git ? { git: { ...shownValues(o, o.git), repo: shown(o, redactUrl(o.git.repo)) } } : {}),
    ...(o.inventory ? { inventory: shown(o, o.inventory) } : {}),
    ...(o.exceptions ? { exceptions: shown(o, o.exceptions) } : {}),
    controls: o.controls,
    maxDocumentAgeDays: o.maxDocumentAgeDays,
    maxExceptionDays: o.maxExceptionDays ?? DEFAULT_MAX_EXCEPTION_DAYS,
    ...(o.probes?.length ? { probes: o.probes.map((f) => shown(o, f)) } : {}),
    ...(o.configFile ? { config: o.configFile } : {}),
    ...(o.lockerGit ? { lockerGit: redactUrl(o.lockerGit) } : {}),
    ...(o.retention ? { retention: o.retention } : {}),
  };
}

/** SHA-256 of every input file the run read: config, inventory, exceptions, catalogs, snapshot, signers. */
export async function inputDigests(o: ReportOptions, catalogs: Catalogs): Promise<InputDigest[]> {
  const out: InputDigest[] = [];
  const add = async (role: InputDigest['role'], file: string | undefined): Promise<void> => {
    if (file) out.push({ role, file: shown(o, file), sha256: await fileSha256(file) });
  };
  await add('config', o.configFile);
  await add('snapshot', o.source.snapshot);
  await add('inventory', o.inventory);
  await add('exceptions', o.exceptions);
  await add('allowed-signers', o.git?.allowedSigners);
  // The adequacy list in effect is the last one loaded (a user `kind: adequacy` file replaces the package's).
  const adequacyAt = (catalogs.digests ?? []).findLastIndex((d) => d.file.endsWith('adequacy.yaml'));
  (catalogs.digests ?? []).forEach((d, i) => {
    const isPackageAdequacy = !d.user && d.file.endsWith('/adequacy.yaml');
    out.push({
      role: d.user ? 'controls' : isPackageAdequacy ? 'adequacy' : 'catalog',
      file: d.file,
      sha256: d.sha256,
      ...(i === adequacyAt ? { asOf: catalogs.adequacy.asOf } : {}),
    });
  });
  return out;
}

/** Where the data came from: a live cluster read by this run (with the identity it was read as), or files. */
export function sourceRecord(s: Snapshot, o: ReportOptions): SourceRecord {
  const cluster = s.source.type === 'cluster' ? s.source.cluster : undefined;
  const identity = cluster
    ? {
        server: cluster.server,
        ...(cluster.kubeSystemUid ? { kubeSystemUid: cluster.kubeSystemUid } : {}),
        ...(cluster.serverVersion ? { serverVersion: cluster.serverVersion } : {}),
        ...(cluster.authenticatedAs ? { authenticatedAs: cluster.authenticatedAs } : {}),
      }
    : {};
  if (o.source.snapshot)
    return {
      live: false,
      statement: `Not collected from a live cluster by this run: read from the saved snapshot ${o.source.snapshot}${cluster ? ` (collected from ${cluster.server} at ${s.collection.startedAt})` : ''}.`,
      ...identity,
    };
  if (s.source.type === 'manifests')
    return {
      live: false,
      statement: `Not collected from a live cluster: read from manifest files (${s.source.paths.join(', ')}).`,
    };
  return { live: true, ...identity } as SourceRecord;
}

export async function runRecord(
  o: ReportOptions,
  catalogs: Catalogs,
  snapshot: Snapshot,
  tool: { readonly name: string; readonly version: string },
): Promise<RunRecord> {
  return {
    tool,
    options: runOptions(o),
    inputs: await inputDigests(o, catalogs),
    source: sourceRecord(snapshot, o),
    mappingChanges: catalogs.mappingChanges ?? [],
  };
}
