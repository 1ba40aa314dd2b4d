import { diffPaths } from '../../../src/diff/paths.js';
import { fieldDiff } from '../../../src/diff/field-diff.js';
import { diffFindings } from '../../../src/diff/compliance.js';
import type { Connection } from '../../../src/model/connectivity.js';
import type { Finding } from '../../../src/model/finding.js';

const conn = (src: string, dst: string, text: string): Connection => ({
  src,
  dst,
  text,
  conns: { all: text === 'All Connections', ports: { TCP: [], UDP: [], SCTP: [] } },
});

const finding = (id: string, severity: Finding['severity'] = 'high'): Finding => ({
  id,
  rule: 'r',
  severity,
  resource: { kind: 'Namespace', name: id },
  message: `m ${id}`,
});

describe('fieldDiff', () => {
  it.each([
    ['a changed leaf', { a: { b: 1 } }, { a: { b: 2 } }, [{ path: 's.a.b', before: '1', after: '2' }]],
    ['an added array item', { p: [1] }, { p: [1, 2] }, [{ path: 's.p[1]', after: '2' }]],
    ['a removed key', { x: 1, y: 2 }, { x: 1 }, [{ path: 's.y', before: '2' }]],
    [
      'a key needing quotes',
      { 'app.kubernetes.io/name': 'a' },
      { 'app.kubernetes.io/name': 'b' },
      [{ path: 's["app.kubernetes.io/name"]', before: '"a"', after: '"b"' }],
    ],
    ['no difference', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
  ])('reports %s by its path', (_why, a, b, expected) => {
    expect(fieldDiff('s', a, b)).toEqual(expected);
  });
});

describe('diffPaths', () => {
  describe('when the outside world is split differently in the two bundles', () => {
    it('compares address ranges, not block names, so a split alone is no change', () => {
      const before = [conn('a/w[Deployment]', '0.0.0.0-255.255.255.255[External]', 'TCP 443')];
      const after = [
        conn('a/w[Deployment]', '0.0.0.0-10.255.255.255[External]', 'TCP 443'),
        conn('a/w[Deployment]', '11.0.0.0-255.255.255.255[External]', 'TCP 443'),
      ];
      expect(diffPaths(before, after)).toEqual([]);
    });
  });

  describe('when egress is narrowed from everywhere to one range', () => {
    it('shows the range whose ports changed and the ranges that closed', () => {
      const before = [conn('a/w[Deployment]', '0.0.0.0-255.255.255.255[External]', 'All Connections')];
      const after = [conn('a/w[Deployment]', '192.0.2.0-192.0.2.255[External]', 'TCP 443')];
      expect(
        diffPaths(before, after).map((p) => `${p.change} ${p.dst} ${p.before ?? ''}>${p.after ?? ''}`),
      ).toEqual([
        'closed 0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/23[External] All Connections>',
        'changed 192.0.2.0/24[External] All Connections>TCP 443',
        'closed 192.0.3.0-255.255.255.255[External] All Connections>',
      ]);
    });
  });

  describe('when workload paths open and close', () => {
    it('marks cross-namespace and same-namespace scope and sorts by source and destination', () => {
      const before = [conn('a/x[Deployment]', 'a/y[Deployment]', 'TCP 80')];
      const after = [
        conn('a/x[Deployment]', 'b/z[Deployment]', 'TCP 80'),
        conn('{ingress-controller}', 'a/x[Deployment]', 'TCP 80'),
      ];
      expect(diffPaths(before, after).map((p) => `${p.change} ${p.src}>${p.dst} ${p.scope}`)).toEqual([
        'closed a/x[Deployment]>a/y[Deployment] same-namespace',
        'opened a/x[Deployment]>b/z[Deployment] cross-namespace',
        'opened {ingress-controller}>a/x[Deployment] external',
      ]);
    });
  });
});

describe('diffFindings', () => {
  it('lists opened, severity-changed and closed findings by stable id', () => {
    const out = diffFindings([finding('F-1'), finding('F-2')], [finding('F-2', 'low'), finding('F-3')]);
    expect(out.map((f) => `${f.change} ${f.id}${f.detail ? ` ${f.detail}` : ''}`)).toEqual([
      'opened F-3',
      'severity F-2 high -> low',
      'closed F-1',
    ]);
  });
});
