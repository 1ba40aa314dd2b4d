// Strict field check of AdminNetworkPolicy / BaselineAdminNetworkPolicy specs (policy.networking.k8s.io/v1alpha1).
import type { Reader, Raw } from './raw.js';

type Path = readonly (string | number)[];

const ACTIONS = { anp: ['Allow', 'Deny', 'Pass'], banp: ['Allow', 'Deny'] } as const;

function selectors(r: Reader, v: unknown, path: Path): void {
  const rec = r.record(v, path);
  if (rec) r.knownFields(rec, ['matchLabels', 'matchExpressions'], path);
}

/** `namespaces: {selector}` or `pods: {namespaceSelector, podSelector}`: exactly one. */
function target(r: Reader, v: unknown, path: Path, extra: readonly string[]): void {
  const rec = r.record(v, path);
  if (!rec) return;
  r.knownFields(rec, ['namespaces', 'pods', ...extra], path);
  const set = ['namespaces', 'pods', ...extra].filter((k) => rec[k] !== undefined);
  if (set.length !== 1)
    r.problem(path, `must set exactly one of ${['namespaces', 'pods', ...extra].join(', ')}`);
  if (rec.namespaces !== undefined) selectors(r, rec.namespaces, [...path, 'namespaces']);
  const pods = r.record(rec.pods, [...path, 'pods']);
  if (pods) {
    r.knownFields(pods, ['namespaceSelector', 'podSelector'], [...path, 'pods']);
    for (const k of ['namespaceSelector', 'podSelector']) {
      if (pods[k] === undefined) r.problem([...path, 'pods', k], 'is required');
      else selectors(r, pods[k], [...path, 'pods', k]);
    }
  }
}

function ports(r: Reader, v: unknown, path: Path): void {
  (r.array(v, path) ?? []).forEach((p, i) => {
    const pp = [...path, i];
    const rec = r.record(p, pp);
    if (!rec) return;
    r.knownFields(rec, ['portNumber', 'namedPort', 'portRange'], pp);
    const num = r.record(rec.portNumber, [...pp, 'portNumber']);
    if (num) r.knownFields(num, ['protocol', 'port'], [...pp, 'portNumber']);
    const range = r.record(rec.portRange, [...pp, 'portRange']);
    if (range) r.knownFields(range, ['protocol', 'start', 'end'], [...pp, 'portRange']);
  });
}

function rules(r: Reader, spec: Raw, dir: 'ingress' | 'egress', family: 'anp' | 'banp'): void {
  const peers = dir === 'ingress' ? 'from' : 'to';
  const peerExtra = dir === 'egress' ? ['nodes', 'networks'] : [];
  (r.array(spec[dir], ['spec', dir]) ?? []).forEach((rule, i) => {
    const path = ['spec', dir, i];
    const rec = r.record(rule, path);
    if (!rec) return;
    r.knownFields(rec, ['name', 'action', peers, 'ports'], path);
    const action = rec.action;
    if (!(ACTIONS[family] as readonly unknown[]).includes(action))
      r.problem([...path, 'action'], `must be one of ${ACTIONS[family].join(', ')}`);
    const list = r.array(rec[peers], [...path, peers]);
    if (!list || list.length === 0) r.problem([...path, peers], 'is required (at least one peer)');
    (list ?? []).forEach((p, j) => target(r, p, [...path, peers, j], peerExtra));
    if (rec.ports !== undefined) ports(r, rec.ports, [...path, 'ports']);
  });
}

/** Records unknown fields (with did-you-mean), bad actions and malformed subjects/peers, as the API would refuse them. */
export function checkAdminSpec(r: Reader, spec: Raw, family: 'anp' | 'banp'): void {
  r.knownFields(
    spec,
    family === 'anp' ? ['priority', 'subject', 'ingress', 'egress'] : ['subject', 'ingress', 'egress'],
    ['spec'],
  );
  if (spec.subject === undefined) r.problem(['spec', 'subject'], 'is required');
  else target(r, spec.subject, ['spec', 'subject'], []);
  rules(r, spec, 'ingress', family);
  rules(r, spec, 'egress', family);
}
