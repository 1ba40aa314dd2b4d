// docs/rules.md is the contract for severities: every rule has a row, and no finding has a severity its row does not name.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import { EXCEPTION_CHECKS, INVENTORY_CHECKS } from '../../../../src/compliance/index.js';
import { loadCatalogs } from '../../../../src/config/load-catalogs.js';
import { SEVERITY_ORDER, type Finding, type Severity } from '../../../../src/model/finding.js';
import { repoRoot } from '../../../helpers/paths.js';
import { netpol, ns, pod, snapshotOf, type Obj } from '../helpers.js';

async function documented(): Promise<Map<string, Set<Severity>>> {
  const text = await readFile(path.join(repoRoot, 'docs', 'rules.md'), 'utf8');
  const out = new Map<string, Set<Severity>>();
  for (const line of text.split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \| ([^|]+) \|/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const words = new Set(SEVERITY_ORDER.filter((s) => new RegExp(`\\b${s}\\b`).test(m[2] ?? '')));
    out.set(m[1], words);
  }
  return out;
}

const read = async (f: string): Promise<Finding[]> =>
  (JSON.parse(await readFile(f, 'utf8')) as { findings: Finding[] }).findings;

/** What the tool produced: the demo report's findings, and the compliance checks' own findings in the
 * compliance goldens (their analysis findings are hand-written inputs). */
async function goldenFindings(): Promise<Finding[]> {
  const out = await read(path.join(repoRoot, 'test', 'fixtures', 'report', 'demo', 'evidence.json.golden'));
  const own = new Set<string>([...INVENTORY_CHECKS, ...EXCEPTION_CHECKS]);
  const dir = path.join(repoRoot, 'test', 'fixtures', 'compliance');
  for (const d of readdirSync(dir))
    out.push(...(await read(path.join(dir, d, 'expected.json'))).filter((f) => own.has(f.rule)));
  return out;
}

const world: Obj[] = [
  ns('a'),
  ns('kube-system'),
  pod('a', 'web', { app: 'web' }, [{ containerPort: 443 }]),
  netpol('a', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
];
const egressTo = (cidr: string): Obj =>
  netpol('a', 'to-vendor', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 443 }] }],
  });
const severityOf = (objects: Obj[], rule: string): Severity[] =>
  analyzeSnapshot(snapshotOf(objects))
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.severity);

describe('docs/rules.md severities', () => {
  it('names at least one severity for every check the crosswalk knows, and no rule it does not', async () => {
    const doc = await documented();
    const rules = Object.keys((await loadCatalogs()).mapping).sort();
    expect([...doc.keys()].sort()).toEqual(rules);
    for (const [rule, sev] of doc) expect({ rule, n: sev.size > 0 }).toEqual({ rule, n: true });
  });

  it('covers the severity of every finding in the golden outputs', async () => {
    const doc = await documented();
    const seen = await goldenFindings();
    expect(seen.length).toBeGreaterThan(20);
    for (const f of seen)
      expect({ rule: f.rule, severity: f.severity, documented: doc.get(f.rule)?.has(f.severity) }).toEqual({
        rule: f.rule,
        severity: f.severity,
        documented: true,
      });
  });

  describe('when egress to an outside address goes through an explicit rule (a declared vendor)', () => {
    it('is low, as the doc says, not medium', async () => {
      expect(severityOf([...world, egressTo('203.0.113.0/24')], 'internet-egress')).toEqual(['low']);
      expect((await documented()).get('internet-egress')).toEqual(new Set(['medium', 'low']));
    });
  });

  describe('when the workload is not egress-isolated at all', () => {
    it('is medium', () => {
      const open = [ns('a'), pod('a', 'web', { app: 'web' })];
      expect(severityOf(open, 'internet-egress')).toEqual(['medium']);
    });
  });

  describe('when ingress from outside goes through an explicit rule or through no isolation', () => {
    it('is medium and high respectively', () => {
      const rule = netpol('a', 'public', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }],
      });
      expect(severityOf([...world, rule], 'reachable-from-internet')).toEqual(['medium']);
      expect(severityOf([ns('a'), pod('a', 'web', { app: 'web' })], 'reachable-from-internet')).toEqual([
        'high',
      ]);
    });
  });
});
