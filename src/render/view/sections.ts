// The report sections built from the snapshot and the reachability analysis.
import { stringify } from 'yaml';
import { CSV_CONNECTION_LIMIT } from '../../model/connectivity.js';
import { calicoGroup } from '../../analyze/calico-policy.js';
import type { Evidence } from '../../model/evidence.js';
import { CALICO_ANALYSED, calicoManifests } from './calico-listing.js';
import { connWords, num, plural, text, yesNo } from './format.js';
import { namespaceMatrix } from './namespace-matrix.js';
import { exceptionFact } from './sections-exceptions.js';
import { runBlocks } from './sections-run.js';
import type { Block, Cell, Section, Table } from './view-types.js';

/** Rows of detail per list: the PDF prints top-N lists, the HTML carries far more; both point to CSV/JSON. */
export const PRINT_LIMIT = 200;
export const SCREEN_LIMIT = 2000;

/** What network-policy data cannot show, said in every report (the limits an auditor must know). */
export const CANNOT_SEE: readonly string[] = [
  'Only the network-policy part of each control was tested. Kubernetes NetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy are analysed with the semantics of the Kubernetes API reference; CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy with those of cilium.io/v2 at layers 3 and 4.',
  'CNI enforcement: the analysis assumes the cluster network plugin enforces these policies. A plugin that does not (or a node where it is not running) allows everything; this report cannot tell.',
  'Services and load balancers: a Service of type LoadBalancer or NodePort, an Ingress or a Route decides what is published; the policies only decide what the pods accept. Source-address rewriting (externalTrafficPolicy: Cluster) can make outside traffic look as if it came from a node.',
  'Service mesh and layer-7 policy: mesh authorization policies (Istio, Linkerd), mTLS, and HTTP-level rules are not read; a path this report shows as allowed may be refused by the mesh, and the reverse is not visible either.',
  'Cloud firewalls: security groups, network ACLs, firewall rules and private endpoints outside the cluster are not read; an address this report calls reachable from the internet may be blocked before it reaches the cluster.',
  'Runtime: this is a configuration snapshot. It shows which connections the policies allow, not which ones happened, and nothing about traffic, processes or changes between snapshots.',
];

/** CANNOT_SEE for this report: with flows or probes, enforcement is seen for what they covered, and only that. */
export function cannotSee(e: Evidence): string[] {
  const seen = [
    e.flows
      ? `${plural(e.flows.counts.flows, 'observed flow')}${e.flows.window.from && e.flows.window.to ? ` (${e.flows.window.from} to ${e.flows.window.to})` : ''}`
      : '',
    e.probes ? plural(e.probes.counts.total, 'active probe') : '',
  ].filter(Boolean);
  if (seen.length === 0) return [...CANNOT_SEE];
  return CANNOT_SEE.map((line) =>
    line.startsWith('CNI enforcement:')
      ? `CNI enforcement: ${seen.join(' and ')} were compared with the policies (see Enforcement); they show whether the network plugin enforces them only for the paths and the time they cover. Everywhere else the analysis assumes the plugin enforces these policies; a plugin that does not (or a node where it is not running) allows everything.`
      : line.startsWith('Runtime:')
        ? 'Runtime: apart from the traffic in the Enforcement section, this is a configuration snapshot. It shows which connections the policies allow, not which ones happened, and nothing about processes or changes between snapshots.'
        : line,
  );
}

export function scopeSection(e: Evidence): Section {
  const s = e.snapshot;
  const counts: Table = {
    caption: 'Objects collected',
    columns: ['Kind', 'Count'],
    rows: Object.entries(s.collection.counts).map(([k, v]) => [text(k), text(num(v))]),
    empty: 'Nothing was collected.',
  };
  const skipped: Table = {
    caption: 'Objects read and not analysed (they do not affect network reachability)',
    columns: ['Kind', 'Count'],
    rows: Object.entries(s.collection.skipped).map(([k, v]) => [text(k), text(num(v))]),
    empty: 'Every object read was of a kind the analysis uses.',
  };
  const unseen = [
    ...s.otherPolicies.map(
      (p) =>
        `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name} (${p.apiVersion}): ${p.apiVersion.startsWith('cilium.io/') ? 'analysed with Cilium semantics at layers 3 and 4 (L7 rules shown as L7-restricted; what it could not follow is listed in the run warnings)' : calicoGroup(p.apiVersion) ? CALICO_ANALYSED : 'present, not analysed'}`,
    ),
    ...(s.collection.absentApiGroups ?? []).map((g) => `API group ${g} is not served by this cluster`),
  ];
  const source: Block =
    s.source.type === 'cluster'
      ? {
          heading: 'Source',
          facts: [
            { label: 'Kubernetes API', value: s.source.cluster.server },
            { label: 'Context', value: s.source.cluster.context ?? '—' },
            { label: 'kube-system UID', value: s.source.cluster.kubeSystemUid ?? '—', code: true },
            { label: 'Server version', value: s.source.cluster.serverVersion ?? '—' },
            { label: 'Collected', value: `${s.collection.startedAt} to ${s.collection.finishedAt}` },
          ],
        }
      : {
          heading: 'Source',
          facts: [
            { label: 'Manifests', value: s.source.paths.join(', ') },
            { label: 'Read at', value: s.collection.startedAt },
          ],
        };
  return {
    id: 'scope',
    title: 'Scope and method',
    intro:
      'What was collected, from where, and what this tool cannot see. Everything after collection is computed from the snapshot saved in this bundle (evidence.json), so the report can be rebuilt and checked.',
    blocks: [
      source,
      ...runBlocks(e),
      { tables: [counts, skipped] },
      {
        heading: 'What this report cannot see',
        paragraphs: [
          ...cannotSee(e),
          ...(unseen.length ? unseen : ['No CNI-specific policy kinds (Cilium, Calico) were found.']),
        ],
      },
    ],
  };
}

function resource(r: { kind: string; namespace?: string; name: string }): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

export function findingsSection(e: Evidence, limit: number): Section {
  const blocks: Block[] = e.findings.slice(0, limit).map((f) => ({
    id: f.id,
    heading: `${f.id} · ${f.rule}`,
    facts: [
      { label: 'Severity', value: f.severity },
      { label: 'Resource', value: resource(f.resource) },
      { label: 'Finding', value: f.message },
      ...(f.explanation ? [{ label: 'Cause', value: f.explanation }] : []),
      ...(f.remediation ? [{ label: 'Remediation', value: f.remediation }] : []),
      ...(f.controls?.length
        ? [{ label: 'Controls', value: f.controls.map((c) => `${c.framework} ${c.id}`).join(', ') }]
        : []),
      { label: 'Exception', value: exceptionFact(f.exception) },
      ...(f.evidenceHash ? [{ label: 'Evidence hash', value: f.evidenceHash, code: true }] : []),
    ],
    ...(f.pairs?.length
      ? {
          tables: [
            {
              caption: `Affected connections (${num(f.pairs.length)} of ${num(f.pairCount ?? f.pairs.length)})`,
              columns: ['Source', 'Destination', 'Connections'],
              rows: f.pairs.map((p) => [text(p.src, true), text(p.dst, true), text(connWords(p.conns))]),
              empty: '',
            },
          ],
        }
      : {}),
  }));
  return {
    id: 'findings',
    title: 'Findings',
    intro: `${plural(e.findings.length, 'finding')}, most severe first.${e.findings.length > limit ? ` The first ${limit} are shown; all are in findings.csv and evidence.json.` : ''}`,
    blocks: blocks.length ? blocks : [{ paragraphs: ['No findings.'] }],
  };
}

export function coverageSection(e: Evidence, limit: number): Section {
  // Namespaces that are open in some direction come first: they are what an auditor reads the table for.
  const ordered = [...e.coverage].sort(
    (a, b) =>
      Number(a.ingressDefaultDeny && a.egressDefaultDeny) -
      Number(b.ingressDefaultDeny && b.egressDefaultDeny),
  );
  const open = e.coverage.filter((c) => !c.ingressDefaultDeny || !c.egressDefaultDeny).length;
  const rows: Cell[][] = ordered
    .slice(0, limit)
    .map((c) => [
      text(c.namespace),
      yesNo(c.ingressDefaultDeny, 'default deny', 'open'),
      yesNo(c.egressDefaultDeny, 'default deny', 'open'),
      text(`${num(c.selectedIngress)} / ${num(c.workloads)}`),
      text(`${num(c.selectedEgress)} / ${num(c.workloads)}`),
      text(c.unselected.length ? c.unselected.join(', ') : '—'),
    ]);
  return {
    id: 'coverage',
    title: 'Namespace coverage',
    intro: `Whether each namespace denies traffic by default, and which workloads no NetworkPolicy selects: ${num(open)} of ${num(e.coverage.length)} namespaces are open in at least one direction (listed first).${e.coverage.length > limit ? ` The first ${num(limit)} are shown; all are in evidence.json (coverage).` : ''}`,
    blocks: [
      {
        tables: [
          {
            widths: [14, 13, 13, 13, 13, 34],
            columns: [
              'Namespace',
              'Ingress',
              'Egress',
              'Selected (ingress)',
              'Selected (egress)',
              'Not selected by any policy',
            ],
            rows,
            empty: 'No namespaces.',
          },
        ],
      },
    ],
  };
}

export function connectivitySection(e: Evidence, limit: number): Section {
  const m = namespaceMatrix(e.connectivity.namespacePairs, limit);
  const outside = e.connections.filter(
    (c) => c.src.endsWith('[External]') || c.src === '{ingress-controller}' || c.dst.endsWith('[External]'),
  );
  const isOutside = new Set(outside);
  const inside = e.connections.filter((c) => !isOutside.has(c));
  const shown = Math.min(limit, inside.length);
  const insideTotal = e.connectivity.total - outside.length;
  const pairs: Table = {
    caption: 'Allowed connections inside the cluster',
    columns: ['Source', 'Destination', 'Connections'],
    // Connections to or from outside the cluster are in the exposure table above, not repeated here.
    rows: inside.slice(0, limit).map((c) => [text(c.src, true), text(c.dst, true), text(connWords(c.text))]),
    empty: e.connectivity.csvComplete
      ? 'No connection is allowed.'
      : 'No connection is listed here; see connectivity.csv and the namespace table.',
    ...(insideTotal > shown
      ? {
          note: `Showing ${num(shown)} of ${num(insideTotal)}; ${e.connectivity.csvComplete ? 'the full list is in connectivity.csv' : `connectivity.csv lists the first ${num(CSV_CONNECTION_LIMIT)} and the namespace table counts them all`} (evidence.json lists the first ${num(e.connectivity.listed)}).`,
        }
      : {}),
  };
  const exposureNotes = [
    ...(outside.length > limit ? [`Showing ${num(limit)} of ${num(outside.length)}.`] : []),
    ...(e.connectivity.listed < e.connectivity.total
      ? [
          `Taken from the ${num(e.connectivity.listed)} connections evidence.json lists; every connection is in ${e.connectivity.csvComplete ? 'connectivity.csv' : 'the namespace table (connectivity.csv holds the first ' + num(CSV_CONNECTION_LIMIT) + ')'}.`,
        ]
      : outside.length > limit
        ? ['The full list is in connectivity.csv.']
        : []),
  ];
  const exposure: Table = {
    caption: 'Outside-world exposure (internet, external addresses and the ingress controller)',
    columns: ['Source', 'Destination', 'Connections'],
    rows: outside.slice(0, limit).map((c) => [text(c.src, true), text(c.dst, true), text(connWords(c.text))]),
    empty: 'No connection to or from outside the cluster is allowed.',
    ...(exposureNotes.length ? { note: exposureNotes.join(' ') } : {}),
  };

  return {
    id: 'connectivity',
    title: 'Connectivity',
    intro: `Who can reach whom: ${num(e.connectivity.total)} allowed connections, ${num(e.connectivity.workloadPairs)} of them between workloads. Each heat-map cell counts the workload pairs the row namespace may reach in the column namespace.`,
    blocks: [{ svg: m.svg, tables: [m.table] }, { tables: [exposure] }, { tables: [pairs] }],
  };
}

export function appendixSection(e: Evidence, limit: number): Section {
  const k8s = e.snapshot.networkPolicies.map((p) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: p.name, namespace: p.namespace },
    spec: p.spec,
  }));
  // Cilium policies are analysed like NetworkPolicies, so they are listed with them.
  const cilium = e.snapshot.otherPolicies
    .filter((p) => p.apiVersion.startsWith('cilium.io/'))
    .map((p) => ({
      apiVersion: p.apiVersion,
      kind: p.kind,
      metadata: { name: p.name, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}) },
      ...(Object.keys(p.spec).length ? { spec: p.spec } : {}),
      ...(p.specs ? { specs: p.specs } : {}),
    }));
  const policies = [...k8s, ...cilium]
    .slice(0, limit)
    .map((p) => stringify(p))
    .concat(calicoManifests(e.snapshot.otherPolicies, limit))
    .join('---\n');
  return {
    id: 'appendix',
    title: 'Appendix: policies as collected',
    blocks: [{ pre: policies || '# no NetworkPolicy' }],
  };
}
