// A real Git repository (git CLI) with four ways a policy change reaches main, and the Git host's matching
// record of pull/merge requests and reviews, for the loopback GitHub and GitLab servers.
import { netpol, TestRepo, type Author } from '../git-repo.js';
import type { FakeHost, FakePerson, FakeRequest } from './scenario.js';

export const people = {
  alice: { login: 'alice', name: 'Alice Admin', email: 'alice@example.com' },
  bob: { login: 'bob', name: 'Bob Builder', email: 'bob@example.com' },
  carol: { login: 'carol', name: 'Carol Checker', email: 'carol@example.com' },
  dave: { login: 'dave', name: 'Dave Dev', email: 'dave@example.com' },
} satisfies Record<string, FakePerson>;

const as = (p: FakePerson): Author => ({ name: p.name, email: p.email });
const at = (day: number, hour: number): string => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

export interface ReviewRepo {
  readonly repo: TestRepo;
  readonly sha: {
    direct: string;
    feature: string;
    merge1: string;
    squash2: string;
    squash3: string;
    rebased4: string;
    push4a: string;
  };
  host(kind: 'github' | 'gitlab', extra?: Partial<FakeHost>): FakeHost;
}

/**
 * - a direct commit by Alice (no request);
 * - #1: Bob's branch merged with a merge commit, approved by Carol on the merged head before the merge;
 * - #2: squash of Bob's request whose commit Dave committed, approved only by Dave (a committer);
 * - #3: squash approved by Carol, but the approval was dismissed, and her second approval came after the merge;
 * - #4: rebase-merged; Carol approved the first push, not the merged one (not dismissed).
 */
export function buildReviewRepo(): ReviewRepo {
  const repo = new TestRepo(new Date('2026-01-02T09:00:00Z'));
  const direct = repo
    .write('clusters/prod/a.yaml', netpol('a', 'a'))
    .commit('add a', { author: as(people.alice) });
  repo.checkout('feat', true).write('clusters/prod/web.yaml', netpol('web', 'web'));
  const feature = repo.commit('web policy', { author: as(people.bob), date: new Date(at(3, 9)) });
  repo.checkout('main');
  const merge1 = repo.merge('feat', 'Merge pull request #1 from org/feat\n\nweb policy', {
    author: as(people.alice),
    date: new Date(at(3, 12)),
  });
  const squash2 = repo.write('clusters/prod/a.yaml', netpol('a', 'a', 81)).commit('Tighten a (#2)', {
    author: as(people.bob),
    date: new Date(at(4, 12)),
  });
  const squash3 = repo.write('clusters/prod/a.yaml', netpol('a', 'a', 82)).commit('Tighten a more (#3)', {
    author: as(people.bob),
    date: new Date(at(5, 12)),
  });
  const rebased4 = repo.write('clusters/prod/b.yaml', netpol('b', 'b')).commit('add b', {
    author: as(people.dave),
    date: new Date(at(6, 12)),
  });
  const push4a = 'a4'.repeat(20);
  const sha = { direct, feature, merge1, squash2, squash3, rebased4, push4a };
  const requests = (): FakeRequest[] => [
    {
      number: 1,
      title: 'web policy',
      author: people.bob,
      createdAt: at(3, 9),
      mergedAt: at(3, 12),
      mergedBy: people.alice,
      base: 'main',
      headSha: feature,
      mergeCommitSha: merge1,
      commits: [{ sha: feature, author: people.bob, committer: people.bob }],
      reviews: [{ user: people.carol, state: 'APPROVED', at: at(3, 10), commit: feature }],
    },
    {
      number: 2,
      title: 'Tighten a',
      author: people.bob,
      createdAt: at(4, 9),
      mergedAt: at(4, 12),
      mergedBy: people.bob,
      base: 'main',
      headSha: 'b2'.repeat(20),
      mergeCommitSha: squash2,
      commits: [{ sha: 'b2'.repeat(20), author: people.bob, committer: people.dave }],
      reviews: [{ user: people.dave, state: 'APPROVED', at: at(4, 10), commit: 'b2'.repeat(20) }],
    },
    {
      number: 3,
      title: 'Tighten a more',
      author: people.bob,
      createdAt: at(5, 9),
      mergedAt: at(5, 12),
      mergedBy: people.bob,
      base: 'main',
      headSha: 'b3'.repeat(20),
      mergeCommitSha: squash3,
      commits: [{ sha: 'b3'.repeat(20), author: people.bob, committer: people.bob }],
      reviews: [
        { user: people.carol, state: 'DISMISSED', at: at(5, 10), commit: 'b3'.repeat(20) },
        { user: people.carol, state: 'APPROVED', at: at(5, 13), commit: 'b3'.repeat(20) },
      ],
    },
    {
      number: 4,
      title: 'add b',
      author: people.dave,
      createdAt: at(6, 9),
      mergedAt: at(6, 12),
      mergedBy: people.alice,
      base: 'main',
      headSha: 'b4'.repeat(20),
      mergeCommitSha: 'c4'.repeat(20),
      commits: [{ sha: 'b4'.repeat(20), author: people.dave, committer: people.dave }],
      pushes: [
        { sha: push4a, at: at(6, 9) },
        { sha: 'b4'.repeat(20), at: at(6, 11) },
      ],
      reviews: [{ user: people.carol, state: 'APPROVED', at: at(6, 10), commit: push4a }],
    },
  ];
  return {
    repo,
    sha,
    host: (kind, extra = {}) => ({
      repo: kind === 'github' ? 'org/policies' : 'platform/net/policies',
      defaultBranch: 'main',
      token: 'test-token-1',
      requests: requests(),
      // The host associates the rebased commit with #4 (GitHub and GitLab both do for rebase merges).
      commitRequests: new Map([[rebased4, [4]]]),
      protection: {
        requiredApprovals: 1,
        dismissStale: true,
        enforceAdmins: false,
        bypassUsers: ['release-bot'],
      },
      ...extra,
    }),
  };
}

/** Merged requests nobody's commit points at (they fill pages so the list is paginated). */
export function fillerRequests(count: number, from: number): FakeRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    number: from + i,
    title: `other change ${i}`,
    author: people.dave,
    createdAt: at(7, 9),
    mergedAt: at(7, 10),
    mergedBy: people.dave,
    base: 'main',
    headSha: (i + 1).toString(16).padStart(40, 'e'),
    mergeCommitSha: (i + 1).toString(16).padStart(40, 'f'),
    commits: [],
    reviews: [],
  }));
}
