// A series of daily bundles of the demo cluster, made by the real report pipeline (runReport) with an
// injected clock per day and scripted edits of a copy of the demo manifests between days.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultEngines } from '../../src/run/engines.js';
import { silentLogger } from '../../src/model/log.js';
import type { ReportOptions } from '../../src/run/report-options.js';
import { runReport } from '../../src/run/report-run.js';
import { createKeyPair } from '../../src/sign/index.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const DAY = 86_400_000;

/** What a scripted day may do to the working copy before that day's run. */
export interface SeriesWorkspace {
  readonly manifests: string;
  readonly inventory: string;
  readonly exceptions: string;
  /** Removes one demo policy file's document by policy name (e.g. "web", "default-deny"). */
  removePolicy(namespace: string, name: string): Promise<void>;
  restorePolicy(namespace: string, name: string): Promise<void>;
  addPolicy(name: string, yaml: string): Promise<void>;
  appendInventory(yaml: string): Promise<void>;
  appendExceptions(yaml: string): Promise<void>;
  /** Replaces text in a file of the working copy of the manifests (e.g. fixing a label typo). */
  editManifest(file: string, from: string, to: string): Promise<void>;
}

export interface SeriesOptions {
  readonly start: string;
  readonly days: number;
  /** Days (0-based) with no run at all. */
  readonly skip?: readonly number[];
  /** Scripted changes applied before the run of that day (0-based). */
  readonly script?: Readonly<Record<number, (w: SeriesWorkspace) => Promise<void>>>;
  readonly signed: boolean;
  /** Time of day of each run (UTC). */
  readonly at?: string;
}

export interface Series {
  readonly root: string;
  readonly out: string;
  readonly clusterDir: string;
  readonly work: SeriesWorkspace;
  readonly ca?: string;
  readonly key?: { keyPath: string; certPath: string };
  /** Folder name of each run, by day index (undefined for skipped days). */
  readonly bundles: readonly (string | undefined)[];
  cleanup(): Promise<void>;
}

const BASELINE = `# series baseline: ingress default deny everywhere, so ingress controls hold unless a script breaks them
${['monitoring', 'staging', 'kube-system']
  .map(
    (ns) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
  )
  .join('---\n')}`;

/** The real analysis engine, as `report` runs it. */
export const seriesAnalyze = defaultEngines.analyze;

function splitDocs(text: string): string[] {
  return text.split(/^---\s*$/m);
}

async function workspace(root: string): Promise<SeriesWorkspace> {
  const manifests = path.join(root, 'cluster');
  await cp(path.join(PACKAGE_ROOT, 'examples', 'demo', 'cluster'), manifests, { recursive: true });
  await writeFile(path.join(manifests, 'policies', 'series-baseline.yaml'), BASELINE);
  const inventory = path.join(root, 'inventory.yaml');
  await cp(path.join(PACKAGE_ROOT, 'examples', 'inventory.yaml'), inventory);
  const exceptions = path.join(root, 'exceptions.yaml');
  await cp(path.join(PACKAGE_ROOT, 'examples', 'exceptions.yaml'), exceptions);
  const removed = new Map<string, string>();
  const policyFile = (ns: string): string => path.join(manifests, 'policies', `${ns}.yaml`);
  return {
    manifests,
    inventory,
    exceptions,
    async removePolicy(ns, name) {
      const docs = splitDocs(await readFile(policyFile(ns), 'utf8'));
      const re = new RegExp(`name: ${name},`);
      const keep = docs.filter((d) => !re.test(d));
      const gone = docs.find((d) => re.test(d));
      if (!gone) throw new Error(`no policy ${ns}/${name} in ${policyFile(ns)}`);
      removed.set(`${ns}/${name}`, gone);
      await writeFile(policyFile(ns), keep.join('---'));
    },
    async restorePolicy(ns, name) {
      const doc = removed.get(`${ns}/${name}`);
      if (!doc) throw new Error(`policy ${ns}/${name} was not removed`);
      await appendFile(policyFile(ns), `\n---\n${doc.trim()}\n`);
      removed.delete(`${ns}/${name}`);
    },
    async addPolicy(name, yaml) {
      await writeFile(path.join(manifests, 'policies', `${name}.yaml`), yaml);
    },
    async appendInventory(yaml) {
      await appendFile(inventory, `\n${yaml}`);
    },
    async editManifest(file, from, to) {
      const full = path.join(manifests, file);
      const text = await readFile(full, 'utf8');
      if (!text.includes(from)) throw new Error(`${from} not found in ${full}`);
      await writeFile(full, text.replace(from, to));
    },
    async appendExceptions(yaml) {
      await appendFile(exceptions, `\n${yaml}`);
    },
  };
}

/** Makes `days` daily bundles from `start` (YYYY-MM-DD) in a temp folder; json only, no PDF. */
export async function makeBundleSeries(opts: SeriesOptions): Promise<Series> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'npe-series-'));
  const work = await workspace(root);
  const out = path.join(root, 'out');
  const key = opts.signed
    ? await createKeyPair(path.join(root, 'keys'), {
        algorithm: 'ecdsa',
        commonName: 'Series signer',
        notBefore: new Date('2020-01-01T00:00:00Z'),
        days: 3650 * 2,
      })
    : undefined;
  const startMs = Date.parse(`${opts.start}T${opts.at ?? '02:00:00'}Z`);
  const bundles: (string | undefined)[] = [];
  for (let d = 0; d < opts.days; d++) {
    await opts.script?.[d]?.(work);
    if (opts.skip?.includes(d)) {
      bundles.push(undefined);
      continue;
    }
    const now = new Date(startMs + d * DAY);
    const report: ReportOptions = {
      source: { manifests: [work.manifests], sourceName: 'acme-pay' },
      outDir: out,
      formats: new Set(['json']),
      frameworks: ['soc2', 'iso27001', 'gdpr'],
      period: { since: new Date(now.getTime() - 90 * DAY), until: now },
      signing: key ? { mode: 'pem', key: key.keyPath, cert: key.certPath } : { mode: 'unsigned' },
      inventory: work.inventory,
      exceptions: work.exceptions,
      controls: [],
      maxDocumentAgeDays: 365,
    };
    const r = await runReport(
      report,
      { now: () => now, log: silentLogger, env: {} },
      { analyze: seriesAnalyze, pdf: { render: () => Promise.reject(new Error('no PDF in a series')) } },
    );
    bundles.push(path.basename(r.bundleDir));
  }
  return {
    root,
    out,
    clusterDir: path.join(out, 'acme-pay'),
    work,
    ...(key ? { ca: key.certPath, key } : {}),
    bundles,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
