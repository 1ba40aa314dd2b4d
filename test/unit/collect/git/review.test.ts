import { parseTrailers, requestReference, reviewsOf } from '../../../../src/collect/git/review.js';
import { isRemote, redactText, redactUrl } from '../../../../src/collect/git/redact.js';
import type { LoggedCommit } from '../../../../src/collect/git/log-format.js';

describe('requestReference', () => {
  it.each([
    ['Merge pull request #42 from acme/fix', '', true, '#42', 'GitHub merge commit'],
    [
      "Merge branch 'fix' into 'main'",
      'Fix it\n\nSee merge request platform/gitops!17',
      true,
      'platform/gitops!17',
      'GitLab merge commit',
    ],
    ['Merged in feature/x (pull request #9)', 'Approved-by: Ann', true, '#9', 'Bitbucket merge commit'],
    ['Merged PR 314: tighten egress', '', false, '#314', 'Azure DevOps squash or merge'],
    ['Tighten egress (#51)', '', false, '#51', 'GitHub squash merge'],
    ["Merge branch 'hotfix'", '', true, undefined, 'a local merge names no request'],
    [
      'Merge pull request #42 from acme/fix',
      '',
      false,
      undefined,
      'the subject copied onto a non-merge commit',
    ],
    ['Fix (#12) typo in name', '', false, undefined, 'a reference not at the end of the subject'],
  ] as [string, string, boolean, string | undefined, string][])(
    'reads %j (body %j, merge %s) as %j: %s',
    (subject, body, isMerge, expected) => {
      expect(requestReference(subject, body, isMerge)).toBe(expected);
    },
  );
});

describe('parseTrailers', () => {
  it('keeps the trailers of interest in order, first letter capitalised', () => {
    const body =
      'Why\n\nreviewed-by: Ann <ann@x>\nCo-authored-by: Bo <bo@x>\nFixes: #3\nApproved-By: Cy <cy@x>\n';
    expect(parseTrailers(body)).toEqual([
      { key: 'Reviewed-by', value: 'Ann <ann@x>' },
      { key: 'Co-authored-by', value: 'Bo <bo@x>' },
      { key: 'Approved-by', value: 'Cy <cy@x>' },
    ]);
  });
});

function commit(sha: string, parents: string[], subject: string, body = ''): LoggedCommit {
  const p = { name: 'A', email: 'a@x', date: '2026-01-01T00:00:00+00:00' };
  return {
    sha,
    parents,
    author: p,
    committer: p,
    subject,
    body,
    signatureLetter: 'N',
    signer: '',
    key: '',
    files: [],
  };
}

describe('reviewsOf', () => {
  describe('when a branch holding a merge of another branch is merged through a pull request', () => {
    it('covers every commit brought in by the earliest reviewed merge on the first-parent line', () => {
      // main: r - m1(r, b1) - d - m2(d, b3); side: b1 ; b2 - b3 where b3 = merge of b2 into a branch off m1
      const log = [
        commit('m2', ['d', 'b3'], 'Merge pull request #2 from a/b'),
        commit('b3', ['b2'], 'work'),
        commit('d', ['m1'], 'direct'),
        commit('b2', ['m1'], 'more work'),
        commit('m1', ['r', 'b1'], "Merge branch 'x'"),
        commit('b1', ['r'], 'side'),
        commit('r', [], 'root'),
      ];
      const reviews = reviewsOf(log);
      const summary = Object.fromEntries(
        [...reviews].map(([s, r]) => [
          s,
          `${r.kind}${r.reference ?? ''}${r.viaMerge ? `@${r.viaMerge}` : ''}`,
        ]),
      );
      expect(summary).toEqual({
        m2: 'merge-request#2',
        b3: 'merge-request#2@m2',
        b2: 'merge-request#2@m2',
        d: 'none',
        m1: 'none',
        b1: 'none@m1',
        r: 'none',
      });
    });
  });
});

describe('redaction', () => {
  it.each([
    ['https://user:token@git.example.com/a.git', 'https://git.example.com/a.git'],
    ['ssh://git@git.example.com/a.git', 'ssh://git.example.com/a.git'],
    ['git@github.com:acme/gitops.git', 'git@github.com:acme/gitops.git'],
  ])('shows %s as %s', (url, shown) => {
    expect(isRemote(url)).toBe(true);
    expect(redactUrl(url)).toBe(shown);
  });

  it('treats folders as local and strips credentials inside messages', () => {
    expect(isRemote('./gitops')).toBe(false);
    expect(isRemote('/srv/git/gitops')).toBe(false);
    expect(redactText("fatal: unable to access 'https://u:p@h/x/': refused")).toBe(
      "fatal: unable to access 'https://h/x/': refused",
    );
  });
});
