import { describe, expect, it } from '@jest/globals';
import type { EvidenceDiff } from '../../../../src/diff/types.js';
import type { Impact } from '../../../../src/impact/impact.js';
import { formatImpactMarkdown, MAX_COMMENT_CHARS } from '../../../../src/render/impact/impact-md.js';

function impact(paths: number, policies: number): Impact {
  const diff: EvidenceDiff = {
    old: { reportId: 'main', generatedAt: 'a', source: 's' },
    new: { reportId: 'feature', generatedAt: 'b', source: 's' },
    policies: Array.from({ length: policies }, (_, i) => ({
      policy: `NetworkPolicy ns-${i}/allow-${'x'.repeat(40)}`,
      change: 'changed' as const,
      fields: [{ path: 'spec.ingress[0].ports[0].port', before: '80', after: '8080' }],
    })),
    coverage: [],
    paths: Array.from({ length: paths }, (_, i) => ({
      src: `ns-${i % 100}/frontend-${i}[Deployment]`,
      dst: `ns-${(i + 1) % 100}/backend-${i}[Deployment]`,
      change: 'opened' as const,
      after: 'TCP 8080,9090',
      scope: 'cross-namespace' as const,
    })),
    pathsComplete: true,
    newEgress: [],
    controls: [],
    vendors: [],
    findings: [
      {
        id: 'F-1',
        rule: 'allow-all-rule',
        severity: 'high',
        resource: 'NetworkPolicy/a/b',
        message: 'opens | everything <script>',
        change: 'opened',
      },
    ],
    counts: { pathsOpened: paths, policiesChanged: policies, findingsOpened: 1 },
  };
  return {
    base: { label: 'main', detail: 'a' },
    head: { label: 'feature', detail: 'b' },
    diff,
    vendorsNewlyReachable: [],
    gate: { failOn: 'high', failing: ['F-1'] },
  };
}

describe('impact as a pull request comment', () => {
  it('starts with the summary table and puts each list in <details>', () => {
    const md = formatImpactMarkdown(impact(3, 2));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### Network policy impact: `main` → `feature`');
    expect(lines[2]).toBe('| | |');
    expect(md).toContain('| Paths opened / closed | 3 / 0 |');
    expect(md).toContain('| Gate | ❌ 1 opened finding(s) at or above high |');
    expect(md.indexOf('<details><summary>Policies (2)</summary>')).toBeGreaterThan(md.indexOf('| Gate |'));
    expect(md).toContain('<details><summary>Paths (outside world and across namespaces first) (3)</summary>');
    // table cells cannot break the table or inject HTML
    expect(md).toContain('opens \\| everything &lt;script>');
  });

  it("stays under GitHub's 65,536-character limit for a huge change, with counts and the top rows", () => {
    const md = formatImpactMarkdown(impact(200_000, 20_000));
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(MAX_COMMENT_CHARS).toBeLessThan(65_536);
    expect(md).toContain('| Paths opened / closed | 200000 / 0 |');
    expect(md).toContain(
      '<details><summary>Paths (outside world and across namespaces first) (200000)</summary>',
    );
    expect(md).toMatch(/…and 1999\d\d more/);
    expect(md).toContain('ns-0/frontend-0[Deployment]');
  });
});
