import { changeFindings, changeSummaries } from '../../../../src/analyze/changes/index.js';
import type { GitChange, GitEvidence } from '../../../../src/model/git.js';

const person = (name: string, email: string, date = '2026-01-05T10:00:00+00:00') => ({ name, email, date });

function change(sha: string, over: Partial<GitChange> = {}): GitChange {
  return {
    sha: sha.padEnd(40, '0'),
    parents: [],
    author: person('Alice Admin', 'alice@example.com'),
    committer: person('Alice Admin', 'alice@example.com'),
    subject: `change ${sha}`,
    trailers: [],
    files: [{ status: 'modified', path: 'clusters/prod/web.yaml' }],
    signature: { status: 'good', signer: 'alice@example.com', key: 'SHA256:abc', format: 'ssh' },
    review: {
      reviewed: true,
      kind: 'merge-request',
      reference: '#7',
      approvers: ['Bob Builder <bob@example.com>'],
    },
    ...over,
  };
}

function evidence(commits: GitChange[]): GitEvidence {
  return {
    repo: 'https://git.example.com/acme/gitops.git',
    ref: 'main',
    headSha: 'f'.repeat(40),
    paths: ['clusters/prod/**'],
    period: { since: '2026-01-01T00:00:00.000Z', until: '2026-03-31T00:00:00.000Z' },
    commits,
    policyChanges: [],
    unrendered: [],
    headPolicies: { networkPolicies: [], adminNetworkPolicies: [], baselineAdminNetworkPolicies: [] },
    warnings: [],
  };
}

const rules = (g: GitEvidence): string[][] =>
  changeFindings(g).map((f) => [f.rule, f.resource.name.slice(0, 4)]);

describe('changeFindings', () => {
  describe('when every change is reviewed by someone else and signed with a trusted key', () => {
    it('finds nothing', () => {
      expect(changeFindings(evidence([change('aaaa')]))).toEqual([]);
    });
  });

  describe('when a change was committed directly', () => {
    it('reports it without review, naming the commit and its files', () => {
      const direct = change('bbbb', { review: { reviewed: false, kind: 'none', approvers: [] } });
      const [f] = changeFindings(evidence([direct]));
      expect(f?.rule).toBe('change-without-review');
      expect(f?.severity).toBe('high');
      expect(f?.resource).toEqual({ kind: 'GitCommit', name: direct.sha });
      expect(f?.explanation).toContain(`commit ${direct.sha} "change bbbb"`);
      expect(f?.explanation).toContain('modified clusters/prod/web.yaml');
    });
  });

  describe('when changes are unsigned or their signatures cannot be trusted', () => {
    it.each([
      ['none', 'medium', 'is not signed'],
      ['unknown-key', 'medium', 'could not be verified'],
      ['bad', 'high', 'bad signature'],
      ['revoked', 'high', 'revoked key'],
    ] as const)('reports a %s signature as %s', (status, severity, words) => {
      const c = change('cccc', { signature: { status, format: status === 'none' ? 'none' : 'ssh' } });
      const [f] = changeFindings(evidence([c]));
      expect([f?.rule, f?.severity]).toEqual(['unsigned-change', severity]);
      expect(f?.message).toContain(words);
    });
  });

  describe('when the author approved their own change', () => {
    it.each([
      ['the same email in another case', 'A. Admin <ALICE@example.com>'],
      ['the same name without an email', 'Alice Admin'],
    ])('reports it when the approver is %s', (_why, approver) => {
      const c = change('dddd', { review: { reviewed: true, kind: 'trailer', approvers: [approver] } });
      expect(rules(evidence([c]))).toEqual([['same-author-approver', 'dddd']]);
    });
  });

  describe('when a merge commit is in the evidence', () => {
    it('judges only the commits that changed files', () => {
      const merge = change('eeee', {
        files: [],
        parents: ['1', '2'],
        signature: { status: 'none', format: 'none' },
      });
      expect(changeFindings(evidence([merge, change('ffff')]))).toEqual([]);
    });
  });

  describe('when no commit touched the paths in the period', () => {
    it('says there is no change evidence rather than inventing any', () => {
      const [f, ...rest] = changeFindings(evidence([]));
      expect(rest).toEqual([]);
      expect(f?.rule).toBe('no-change-evidence');
      expect(f?.resource).toEqual({ kind: 'GitRepository', name: 'https://git.example.com/acme/gitops.git' });
      expect(f?.message).toContain('no change evidence');
    });
  });

  describe('when run twice', () => {
    it('gives the same finding ids', () => {
      const g = evidence([change('1111', { review: { reviewed: false, kind: 'none', approvers: [] } })]);
      expect(changeFindings(g).map((f) => f.id)).toEqual(changeFindings(g).map((f) => f.id));
      expect(changeFindings(g)[0]?.id).toMatch(/^F-[0-9a-f]{10}$/);
    });
  });

  describe('when the evidence is summarised for evidence.json', () => {
    it('gives one line per commit with author, date, signature and review', () => {
      const merge = change('9999', { files: [], parents: ['1', '2'] });
      expect(changeSummaries(evidence([merge, change('8888')]))).toEqual([
        expect.objectContaining({ sha: merge.sha, merge: true, files: [] }),
        {
          sha: '8888'.padEnd(40, '0'),
          subject: 'change 8888',
          author: 'Alice Admin <alice@example.com>',
          date: '2026-01-05T10:00:00+00:00',
          signature: 'good',
          signer: 'alice@example.com',
          reviewed: true,
          reference: '#7',
          approvers: ['Bob Builder <bob@example.com>'],
          merge: false,
          files: ['clusters/prod/web.yaml'],
        },
      ]);
    });
  });
});
