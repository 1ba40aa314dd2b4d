import { withReviewFacts } from '../../../src/analyze/changes/approval.js';
import type { GitChange } from '../../../src/model/git.js';
import { renderChangesCsv } from '../../../src/render/json/changes-csv.js';

const person = (name: string, date: string) => ({ name, email: `${name.toLowerCase()}@example.com`, date });

function change(sha: string, review: GitChange['review'], extra: Partial<GitChange> = {}): GitChange {
  return {
    sha: sha.repeat(40),
    parents: ['0'.repeat(40)],
    author: person('Bob', '2026-01-04T09:00:00Z'),
    committer: person('Bob', '2026-01-04T12:00:00Z'),
    subject: 'change',
    trailers: [],
    files: [{ status: 'modified', path: 'clusters/prod/a.yaml' }],
    signature: { status: 'none', format: 'none' },
    review,
    ...extra,
  };
}

const request = {
  reference: '#2',
  number: 2,
  url: 'https://github.com/org/policies/pull/2',
  title: 'Tighten a',
  author: { login: 'bob' },
  createdAt: '2026-01-04T09:00:00.000Z',
  mergedAt: '2026-01-04T12:00:00.000Z',
  mergedBy: { login: 'alice' },
  baseBranch: 'main',
  headSha: 'b'.repeat(40),
  committers: [{ login: 'bob' }],
  reviews: [
    {
      user: { login: 'carol' },
      state: 'approved' as const,
      at: '2026-01-04T10:00:00.000Z',
      commit: 'b'.repeat(40),
    },
  ],
};

/** The assessed-effect columns (empty when the evidence recorded no desired states). */
const IMPACT_COLUMNS = [
  'impact',
  'impact_reason',
  'policies_added',
  'policies_removed',
  'policies_changed',
  'paths_opened',
  'paths_closed',
  'paths_changed',
  'paths_external',
  'paths_cross_namespace',
  'paths_complete',
  'findings_opened',
  'findings_closed',
  'top_paths',
  'top_findings',
];

describe('changes.csv', () => {
  describe('when changes come from the host, a commit message, a direct commit and a merge', () => {
    const csv = renderChangesCsv(
      [
        change(
          'a',
          { reviewed: true, kind: 'merge-request', reference: '#2', approvers: [], source: 'api', request },
          {
            deployed: {
              at: '2026-01-04T12:30:00.000Z',
              revision: 'a'.repeat(40),
              by: 'Argo CD Application argocd/web',
            },
          },
        ),
        change('b', { reviewed: true, kind: 'merge-request', reference: '#9', approvers: [] }),
        change(
          'c',
          { reviewed: false, kind: 'none', approvers: [] },
          {
            deployed: {
              at: '2026-01-05T00:00:00.000Z',
              revision: 'c'.repeat(40),
              by: 'Flux Kustomization flux-system/apps',
              approximate: true,
            },
          },
        ),
        change(
          'd',
          { reviewed: true, kind: 'merge-request', reference: '#9', approvers: [] },
          { files: [], parents: ['1'.repeat(40), '2'.repeat(40)] },
        ),
      ].map(withReviewFacts),
    );
    const rows = csv
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));

    it('has one row per policy commit (not the merge), and the columns the issue lists', () => {
      expect(rows).toHaveLength(4);
      expect(rows[0]).toEqual([
        'commit',
        'date',
        'author',
        'committer',
        'request',
        'request_url',
        'request_author',
        'approvers',
        'approved_at',
        'approved_commit_merged',
        'merged_at',
        'merged_by',
        'deployed_at',
        'deployed_by',
        'signature',
        'review_source',
        'files',
        ...IMPACT_COLUMNS,
      ]);
    });

    it('gives the verified request, its independent approver, merge and deployment', () => {
      expect(rows[1]).toEqual([
        'a'.repeat(40),
        '2026-01-04T12:00:00Z',
        'Bob <bob@example.com>',
        'Bob <bob@example.com>',
        '#2',
        'https://github.com/org/policies/pull/2',
        'bob',
        'carol',
        '2026-01-04T10:00:00.000Z',
        'yes',
        '2026-01-04T12:00:00.000Z',
        'alice',
        '2026-01-04T12:30:00.000Z',
        'Argo CD Application argocd/web',
        'none',
        'api',
        'clusters/prod/a.yaml',
        ...IMPACT_COLUMNS.map(() => ''),
      ]);
    });

    it('says a message-only review is from the message, with no approver or approval time', () => {
      expect(rows[2]?.slice(4, 12)).toEqual(['#9', '', '', '', '', '', '', '']);
      expect(rows[2]?.[15]).toBe('message');
      expect(rows[3]?.[15]).toBe('none');
      expect(rows[3]?.[12]).toBe('2026-01-05T00:00:00.000Z (approximate)');
    });
  });

  describe('when an author name or file path from Git would run as a spreadsheet formula', () => {
    it('writes them as text with a leading apostrophe, quoted', () => {
      const hostile = change(
        'e',
        { reviewed: false, kind: 'none', approvers: [] },
        {
          author: person('=HYPERLINK("http://x.invalid","y")', '2026-01-04T09:00:00Z'),
          files: [{ status: 'modified', path: '@SUM(1+1)*cmd.yaml' }],
        },
      );
      const row = renderChangesCsv([withReviewFacts(hostile)]).split('\r\n')[1] ?? '';
      expect(row).toContain(
        '"\'=HYPERLINK(""http://x.invalid"",""y"") <=hyperlink(""http://x.invalid"",""y"")@example.com>"',
      );
      expect(row).toContain(',"\'@SUM(1+1)*cmd.yaml",');
    });
  });

  describe("when a change's effect was assessed, or could not be", () => {
    const assessed = change(
      'f',
      { reviewed: false, kind: 'none', approvers: [] },
      {
        impact: {
          status: 'assessed',
          policies: { added: 1, removed: 0, changed: 0, top: ['NetworkPolicy web/allow (added)'] },
          paths: {
            opened: 3,
            closed: 1,
            changed: 0,
            external: 1,
            crossNamespace: 2,
            complete: true,
            top: [
              {
                src: 'web/a[Deployment]',
                dst: '0.0.0.0/0[External]',
                change: 'opened',
                after: 'TCP 443',
                scope: 'external',
              },
            ],
          },
          findings: {
            opened: 1,
            closed: 0,
            top: [
              {
                id: 'F-1',
                rule: 'internet-egress',
                severity: 'low',
                resource: 'Deployment web/a',
                message: 'm',
                change: 'opened',
              },
            ],
          },
        },
      },
    );
    const unknown = change(
      '9',
      { reviewed: false, kind: 'none', approvers: [] },
      { impact: { status: 'unknown', reason: 'kustomize overlays/prod (kubectl kustomize failed)' } },
    );
    const rows = renderChangesCsv([assessed, unknown])
      .trim()
      .split('\r\n')
      .map((r) => r.split(','));
    const col = (row: number, name: string): string | undefined => rows[row]?.[(rows[0] ?? []).indexOf(name)];

    it('gives the counts and the first rows of an assessed change', () => {
      expect(col(1, 'impact')).toBe('assessed');
      expect(col(1, 'policies_added')).toBe('1');
      expect(col(1, 'paths_opened')).toBe('3');
      expect(col(1, 'paths_closed')).toBe('1');
      expect(col(1, 'paths_external')).toBe('1');
      expect(col(1, 'paths_cross_namespace')).toBe('2');
      expect(col(1, 'paths_complete')).toBe('yes');
      expect(col(1, 'findings_opened')).toBe('1');
      expect(col(1, 'top_paths')).toBe('opened web/a[Deployment] -> 0.0.0.0/0[External] (TCP 443)');
      expect(col(1, 'top_findings')).toBe('opened low internet-egress Deployment web/a');
    });

    it('says unknown with the reason, and leaves the counts empty', () => {
      expect(col(2, 'impact')).toBe('unknown');
      expect(col(2, 'impact_reason')).toBe('kustomize overlays/prod (kubectl kustomize failed)');
      expect(col(2, 'paths_opened')).toBe('');
    });
  });
});
