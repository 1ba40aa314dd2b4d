// An Evidence value from the demo cluster (real manifests, real reachability) plus hand-written findings.
import path from 'node:path';
import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { loadManifests } from '../../../../src/collect/manifests/load-manifests.js';
import type { ControlResult } from '../../../../src/model/compliance.js';
import type { Evidence } from '../../../../src/model/evidence.js';
import type { Finding } from '../../../../src/model/finding.js';
import { findingId } from '../../../../src/model/hash.js';
import { buildEvidence } from '../../../../src/run/evidence-builder.js';
import { fixedClock, repoRoot } from '../../../helpers/paths.js';

function finding(
  rule: string,
  kind: string,
  namespace: string,
  name: string,
  extra: Partial<Finding> = {},
): Finding {
  return {
    id: findingId(rule, `${kind}/${namespace}/${name}`),
    rule,
    severity: 'high',
    resource: { kind, namespace, name },
    message: `${kind} ${namespace}/${name} breaks ${rule}.`,
    ...extra,
  };
}

export const demoFindings: readonly Finding[] = [
  finding('default-deny-ingress-missing', 'Namespace', 'staging', 'staging', {
    explanation: 'No NetworkPolicy in staging selects every pod for Ingress.\nAdd a default-deny policy.',
    remediation: 'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress].',
  }),
  finding('allow-all-ingress', 'NetworkPolicy', 'web', 'allow-all', {
    severity: 'critical',
    pairs: [
      { src: '0.0.0.0-255.255.255.255[External]', dst: 'web/frontend[Deployment]', conns: 'All Connections' },
    ],
    pairCount: 1,
  }),
];

export function demoControls(findings: readonly Finding[]): ControlResult[] {
  const base = { statement: 'In our own words.', evidence: [], checks: [], checksRan: [] };
  const ran = (check: string, strength: 'addresses' | 'supports', ids: readonly string[]) => ({
    check,
    strength,
    outcome: ids.length > 0 ? ('failed' as const) : ('passed' as const),
    findingIds: ids,
  });
  return [
    {
      ...base,
      framework: 'soc2',
      id: 'CC6.1',
      title: 'Logical access',
      status: 'notSatisfied',
      findingIds: findings.map((f) => f.id),
      checksRan: [
        ran('allow-all-ingress', 'addresses', [findings[1]!.id]),
        ran('default-deny-ingress-missing', 'addresses', [findings[0]!.id]),
      ],
    },
    {
      ...base,
      framework: 'iso27001',
      id: 'A.8.22',
      title: 'Segregation of networks',
      status: 'partial',
      findingIds: [findings[0]!.id],
      checksRan: [ran('default-deny-ingress-missing', 'supports', [findings[0]!.id])],
    },
    {
      ...base,
      framework: 'gdpr',
      id: 'Art. 28(2)',
      title: 'Processors',
      status: 'satisfied',
      findingIds: [],
      checksRan: [ran('allow-all-ingress', 'addresses', [])],
    },
    {
      ...base,
      framework: 'soc2',
      id: 'CC8.1',
      title: 'Change management',
      status: 'notTested',
      findingIds: [],
    },
  ];
}

export async function demoEvidence(): Promise<Evidence> {
  const snapshot = await loadManifests({
    paths: [path.join(repoRoot, 'examples/demo/cluster')],
    now: fixedClock,
  });
  const connectivity = analyzeReachability(snapshot);
  const controls = demoControls(demoFindings);
  return buildEvidence({
    snapshot,
    coverage: [],
    connectivity,
    compliance: {
      findings: demoFindings,
      controls,
      checksRun: ['allow-all-ingress', 'default-deny-ingress-missing'],
      warnings: [],
    },
    warnings: [],
    generatedAt: fixedClock(),
    tool: { name: 'netpol-evidence', version: '0.1.0' },
    period: { since: new Date('2025-10-01T00:00:00Z'), until: fixedClock() },
    frameworks: ['soc2', 'iso27001', 'gdpr'],
    signature: { signed: false },
  });
}
