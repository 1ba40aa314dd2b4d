// Benchmark of report rendering for the 1,000-namespace / 10,000-pod synthetic cluster: medians of 3 runs of
// the HTML (evidence.json + view + templates) and of the PDF (Chromium, two passes for the TOC), with
// Chromium's peak memory (RSS summed over our child process tree, sampled from /proc), each as a ratio to a
// one-page PDF rendered in the same run. Targets (issue 7): HTML < 2 s, PDF < 30 s, Chromium peak < 1 GB.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeReachability } from '../src/analyze/reachability/index.js';
import type { ControlResult } from '../src/model/compliance.js';
import type { Finding, Severity } from '../src/model/finding.js';
import { findingId } from '../src/model/hash.js';
import { loadTemplates } from '../src/render/html/render-html.js';
import { renderEvidenceJson } from '../src/render/json/evidence-json.js';
import { chromiumPdfRenderer } from '../src/render/pdf/render-pdf.js';
import { buildReportView } from '../src/render/view/build-view.js';
import { buildEvidence } from '../src/run/evidence-builder.js';
import { PACKAGE_ROOT } from '../src/version.js';
import { generateCluster, SIZES } from './generate-cluster.js';

const RUNS = 3;
const CONNECTIONS_KEPT = 20_000;
const clock = (): Date => new Date('2026-01-15T10:00:00Z');

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

/** Proportional set size of one process (shared pages split between sharers), in bytes. */
function pss(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Memory of every descendant process of this one (Chromium and its helpers): the RSS sum (counts shared
 * pages once per process, so it overstates a multi-process browser) and the PSS sum (shares split fairly).
 */
function childTreeMemory(): { rss: number; pss: number } {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(fields[1]));
      rss.set(Number(d), Number(fields[21]) * 4096);
    } catch {
      // the process ended meanwhile
    }
  }
  const total = { rss: 0, pss: 0 };
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    for (let i = 0; i < 64 && p !== undefined && p > 1; i++) {
      p = parent.get(p);
      if (p === process.pid) {
        total.rss += bytes;
        total.pss += pss(pid);
        break;
      }
    }
  }
  return total;
}

async function sampled<T>(
  f: () => Promise<T>,
): Promise<{ value: T; ms: number; peakMB: number; peakRssSumMB: number }> {
  let peak = 0;
  let peakRss = 0;
  const timer = setInterval(() => {
    const m = childTreeMemory();
    peak = Math.max(peak, m.pss);
    peakRss = Math.max(peakRss, m.rss);
  }, 50);
  const t = process.hrtime.bigint();
  try {
    const value = await f();
    return {
      value,
      ms: Number(process.hrtime.bigint() - t) / 1e6,
      peakMB: Math.round(peak / 2 ** 20),
      peakRssSumMB: Math.round(peakRss / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

/** A realistic findings load: one per namespace without default deny, one per wide policy, with pair samples. */
function syntheticFindings(
  namespaces: readonly string[],
  policies: readonly { namespace: string; name: string }[],
): Finding[] {
  const sev: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  const out: Finding[] = [];
  namespaces.forEach((ns, i) => {
    if (i % 2 === 0)
      out.push({
        id: findingId('default-deny-ingress-missing', `Namespace//${ns}`),
        rule: 'default-deny-ingress-missing',
        severity: 'high',
        resource: { kind: 'Namespace', name: ns },
        message: `Namespace ${ns} has no default-deny ingress policy.`,
        remediation: 'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress].',
      });
  });
  policies.forEach((p, i) => {
    if (i % 2 === 0)
      out.push({
        id: findingId('broad-ingress-peer', `NetworkPolicy/${p.namespace}/${p.name}`),
        rule: 'broad-ingress-peer',
        severity: sev[i % sev.length]!,
        resource: { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name },
        message: `${p.namespace}/${p.name} admits every pod of several namespaces.`,
        explanation: `${p.namespace}/${p.name} spec.ingress[0].from[0]: namespaceSelector matches many namespaces`,
        pairs: [
          { src: `${p.namespace}/a[Deployment]`, dst: `${p.namespace}/b[Deployment]`, conns: 'TCP 8080' },
        ],
        pairCount: 40 + (i % 50),
      });
  });
  return out;
}

async function main(): Promise<void> {
  const snapshot = generateCluster(SIZES.small, clock);
  const t0 = Date.now();
  const connectivity = analyzeReachability(snapshot);
  const reachMs = Date.now() - t0;
  const findings = syntheticFindings(
    snapshot.namespaces.map((n) => n.name),
    snapshot.networkPolicies,
  );
  const controls: ControlResult[] = ['CC6.1', 'CC6.6', 'CC7.1'].map((id) => ({
    framework: 'soc2',
    id,
    title: id,
    statement: '-',
    status: 'notSatisfied',
    findingIds: findings.slice(0, 200).map((f) => f.id),
    evidence: [],
    checks: [],
    checksRan: [],
  }));
  // The full pair list of this cluster is too large for one JSON string (V8's ~512 MB limit: see the report),
  // so the evidence keeps the first CONNECTIONS_KEPT pairs; the view prints top-N lists from them.
  const kept = {
    peers: connectivity.peers,
    connections: connectivity.connections.slice(0, CONNECTIONS_KEPT),
  };
  const evidence = buildEvidence({
    snapshot,
    coverage: [],
    connectivity: kept,
    compliance: {
      findings,
      controls,
      checksRun: ['default-deny-ingress-missing', 'broad-ingress-peer'],
      warnings: [],
    },
    warnings: [],
    generatedAt: clock(),
    tool: { name: 'netpol-evidence', version: 'bench' },
    period: { since: new Date('2025-10-01T00:00:00Z'), until: clock() },
    frameworks: ['soc2'],
    signature: { signed: false },
  });
  const dir = path.join(PACKAGE_ROOT, 'templates');
  const templates = await loadTemplates(dir);
  const css = await readFile(path.join(dir, 'report.css'), 'utf8');

  const html = { ms: [] as number[], bytes: 0 };
  let view = buildReportView({ evidence, evidenceSha256: '', css });
  let page = '';
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const json = renderEvidenceJson(evidence);
    view = buildReportView({
      evidence,
      evidenceSha256: createHash('sha256').update(json).digest('hex'),
      css,
    });
    page = templates.render('report', view);
    html.ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    html.bytes = page.length;
  }
  const pdfOpts = {
    headerTemplate: templates.render('pdf-header', view),
    footerTemplate: templates.render('pdf-footer', view),
    env: process.env,
  };
  const base = [] as { ms: number; peakMB: number }[];
  const full = [] as { ms: number; peakMB: number; peakRssSumMB: number; bytes: number }[];
  for (let i = 0; i < RUNS; i++) {
    base.push(await sampled(() => chromiumPdfRenderer.render('<!DOCTYPE html><p>one page</p>', pdfOpts)));
    const r = await sampled(() => chromiumPdfRenderer.render(page, pdfOpts));
    full.push({ ...r, bytes: r.value.length });
  }
  const m = (xs: { ms: number }[]): number => Math.round(median(xs.map((x) => x.ms)));
  const p = (xs: { peakMB: number }[]): number => median(xs.map((x) => x.peakMB));
  const summary = {
    cluster: {
      namespaces: snapshot.namespaces.length,
      pods: snapshot.pods.length,
      policies: snapshot.networkPolicies.length,
    },
    connections: connectivity.connections.length,
    connectionsInEvidence: kept.connections.length,
    findings: findings.length,
    reachabilityMs: reachMs,
    htmlMedianMs: Math.round(median(html.ms)),
    htmlMB: +(html.bytes / 2 ** 20).toFixed(1),
    pdfMedianMs: m(full),
    pdfMB: +(median(full.map((x) => x.bytes)) / 2 ** 20).toFixed(1),
    chromiumPeakPssMB: p(full),
    chromiumPeakRssSumMB: median(full.map((x) => x.peakRssSumMB)),
    baselineOnePagePdfMs: m(base),
    baselineChromiumPeakPssMB: p(base),
    pdfTimeRatioToBaseline: +(m(full) / m(base)).toFixed(1),
    chromiumPeakRatioToBaseline: +(p(full) / p(base)).toFixed(1),
    targets: {
      htmlUnder2s: median(html.ms) < 2000,
      pdfUnder30s: m(full) < 30_000,
      chromiumUnder1GB: p(full) < 1024,
    },
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

await main();
