// Benchmark of the OSCAL documents for the 1,000-namespace / 10,000-pod synthetic cluster with a finding per
// namespace and per policy (3,000 findings, a tenth of them excepted): medians of 5 runs of renderOscalDocuments
// (7 documents, every reference hashed, the results streamed), as a ratio to evidence.json streamed from the
// same evidence in the same run.
import { analyzeReachability } from '../src/analyze/reachability/index.js';
import type { ControlResult } from '../src/model/compliance.js';
import type { Finding, Severity } from '../src/model/finding.js';
import { findingId } from '../src/model/hash.js';
import { evidenceJsonChunks } from '../src/render/json/evidence-json.js';
import { renderOscalDocuments } from '../src/render/oscal/index.js';
import { buildEvidence } from '../src/run/evidence-builder.js';
import { generateCluster, SIZES } from './generate-cluster.js';

const RUNS = 5;
const clock = (): Date => new Date('2026-01-15T10:00:00Z');

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

/** Characters of a chunked text, pulled as a writer would pull them. */
function length(chunks: Iterable<string>): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}

function timed(f: () => number): { ms: number; bytes: number } {
  const t = process.hrtime.bigint();
  const bytes = f();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, bytes };
}

function findingsFor(resources: readonly { kind: string; namespace?: string; name: string }[]): Finding[] {
  const sev: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  return resources.map((r, i) => ({
    id: findingId('default-deny-ingress-missing', `${r.kind}/${r.namespace ?? ''}/${r.name}`),
    rule: i % 2 === 0 ? 'default-deny-ingress-missing' : 'allow-all-rule',
    severity: sev[i % sev.length]!,
    resource: r,
    message: `${r.kind} ${r.name} breaks the rule.`,
    explanation: `${r.kind} ${r.name}: spec.ingress[0].from[0] matches every pod`,
    remediation: 'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress].',
    ...(i % 10 === 0
      ? {
          exception: {
            status: 'accepted' as const,
            approver: 'CISO',
            justification: 'Planned.',
            expires: '2026-06-30',
          },
        }
      : {}),
  }));
}

function main(): void {
  const snapshot = generateCluster(SIZES.small, clock);
  const connectivity = analyzeReachability(snapshot);
  const findings = findingsFor([
    ...snapshot.namespaces.map((n) => ({ kind: 'Namespace', name: n.name })),
    ...snapshot.networkPolicies.map((p) => ({ kind: 'NetworkPolicy', namespace: p.namespace, name: p.name })),
  ]);
  const ran = [
    {
      check: 'default-deny-ingress-missing',
      strength: 'addresses' as const,
      outcome: 'failed' as const,
      findingIds: [],
    },
    { check: 'allow-all-rule', strength: 'supports' as const, outcome: 'failed' as const, findingIds: [] },
  ];
  const controls: ControlResult[] = [
    ...['CC6.1', 'CC6.6', 'CC7.1', 'CC8.1'].map((id) => ({ framework: 'soc2' as const, id })),
    ...['A.8.20', 'A.8.22', 'A.8.9'].map((id) => ({ framework: 'iso27001' as const, id })),
    ...['Art. 32(1)(b)', 'Art. 25(2)'].map((id) => ({ framework: 'gdpr' as const, id })),
  ].map((c, i) => ({
    ...c,
    title: c.id,
    statement: `${c.id} in our own words.`,
    status: i === 3 ? 'notTested' : 'notSatisfied',
    findingIds: i === 3 ? [] : findings.map((f) => f.id),
    evidence: [],
    checks: ran.map((r) => r.check),
    checksRan: i === 3 ? [] : ran,
  }));
  const evidence = buildEvidence({
    snapshot,
    coverage: [],
    connectivity: { peers: connectivity.peers, connections: connectivity.connections.slice(0, 20_000) },
    compliance: { findings, controls, checksRun: ran.map((r) => r.check), warnings: [] },
    warnings: [],
    generatedAt: clock(),
    tool: { name: 'netpol-evidence', version: 'bench' },
    period: { since: new Date('2025-10-01T00:00:00Z'), until: clock() },
    frameworks: ['soc2', 'iso27001', 'gdpr'],
    signature: { signed: false },
  });
  const base: { ms: number; bytes: number }[] = [];
  const oscal: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(timed(() => length(evidenceJsonChunks(evidence))));
    oscal.push(
      timed(() =>
        renderOscalDocuments(evidence, {
          controls: evidence.controls,
          evidenceSha256: '0'.repeat(64),
        }).reduce((n, d) => n + length(d.chunks()), 0),
      ),
    );
  }
  const b = median(base.map((x) => x.ms));
  const o = median(oscal.map((x) => x.ms));
  console.log(
    JSON.stringify({
      bench: 'oscal',
      findings: findings.length,
      runs: RUNS,
      evidenceJson: { medianMs: Math.round(b), bytes: base[0]!.bytes },
      oscal: { medianMs: Math.round(o), bytes: oscal[0]!.bytes, documents: 7 },
      ratioToEvidenceJson: Math.round((o / b) * 100) / 100,
    }),
  );
}

main();
