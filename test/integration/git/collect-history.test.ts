import { collectGitEvidence } from '../../../src/collect/git/index.js';
import type { GitEvidence } from '../../../src/model/git.js';
import { silentLogger } from '../../../src/model/log.js';
import { alice, bob, netpol, TestRepo } from '../../helpers/git-repo.js';

const period = { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') };

describe('collectGitEvidence', () => {
  describe('when policies change through a reviewed merge, direct commits, a rename, a delete and a squash merge', () => {
    const repo = new TestRepo();
    const sha: Record<string, string> = {};
    let ev: GitEvidence;

    beforeAll(async () => {
      repo
        .write('clusters/prod/web.yaml', netpol('web', 'web'))
        .write('clusters/prod/api.yaml', netpol('api', 'api'));
      repo.write('README.md', 'hello\n');
      sha.initial = repo.commit('Initial policies', { date: new Date('2026-01-02T10:00:00Z') });
      repo.checkout('feat', true).write('clusters/prod/web.yaml', netpol('web', 'web', 8080));
      sha.feature = repo.commit('Open web on 8080', { author: bob });
      repo.checkout('main');
      sha.merge = repo.merge(
        'feat',
        'Merge pull request #7 from acme/feat\n\nOpen web on 8080\n\nReviewed-by: Alice Admin <alice@example.com>',
      );
      sha.direct = repo.remove('clusters/prod/api.yaml').commit('Drop the api policy');
      repo.move('clusters/prod/web.yaml', 'clusters/prod/web-policy.yaml');
      sha.rename = repo.commit(
        'Rename web policy\n\nReviewed-by: Bob Builder <bob@example.com>\nCo-authored-by: Bob Builder <bob@example.com>',
      );
      sha.readme = repo.write('README.md', 'changed\n').commit('Docs only');
      repo.write('clusters/prod/db.yaml', netpol('db', 'db', 5432));
      sha.squash = repo.commit('Add the db policy (#12)', { author: bob });
      ev = await collectGitEvidence({
        repo: repo.dir,
        paths: ['clusters/prod/**'],
        ...period,
        log: silentLogger,
      });
    });
    afterAll(() => repo.cleanup());

    it('lists every commit touching the paths and the merge that brought one in, newest first', () => {
      expect(ev.commits.map((c) => c.sha)).toEqual([
        sha.squash,
        sha.rename,
        sha.direct,
        sha.merge,
        sha.feature,
        sha.initial,
      ]);
      expect(ev.ref).toBe('main');
      expect(ev.headSha).toBe(sha.squash);
    });

    it('records who made each change and when', () => {
      const feature = ev.commits.find((c) => c.sha === sha.feature);
      expect(feature?.author).toEqual({
        name: bob.name,
        email: bob.email,
        date: expect.stringMatching(/^2026-01-02T10:01:00/),
      });
      expect(feature?.parents).toEqual([sha.initial]);
      expect(ev.commits.find((c) => c.sha === sha.merge)?.parents).toEqual([sha.initial, sha.feature]);
    });

    it('counts a commit on the merged branch as reviewed by the pull request', () => {
      expect(ev.commits.find((c) => c.sha === sha.feature)?.review).toEqual({
        reviewed: true,
        kind: 'merge-request',
        reference: '#7',
        viaMerge: sha.merge,
        approvers: [`${alice.name} <${alice.email}>`],
      });
    });

    it.each([
      ['initial', false, 'none', 'a first-parent commit without review evidence is direct'],
      ['direct', false, 'none', 'deleting a policy straight on main is direct'],
      ['rename', true, 'trailer', 'Reviewed-by counts, Co-authored-by does not'],
      ['squash', true, 'merge-request', 'a squash merge subject names its pull request'],
    ])('classifies the %s commit as reviewed=%s (%s): %s', (key, reviewed, kind) => {
      const review = ev.commits.find((c) => c.sha === sha[key as string])?.review;
      expect(review?.reviewed).toBe(reviewed);
      expect(review?.kind).toBe(kind);
    });

    it('records renames with the old path and deletes', () => {
      expect(ev.commits.find((c) => c.sha === sha.rename)?.files).toEqual([
        { status: 'renamed', path: 'clusters/prod/web-policy.yaml', oldPath: 'clusters/prod/web.yaml' },
      ]);
      expect(ev.commits.find((c) => c.sha === sha.direct)?.files).toEqual([
        { status: 'deleted', path: 'clusters/prod/api.yaml' },
      ]);
    });

    it('keeps a change log per policy object, resolved from the manifests at each commit', () => {
      const log = Object.fromEntries(
        ev.policyChanges.map((p) => [
          `${p.namespace}/${p.name}`,
          p.changes.map((c) => `${c.action}@${c.sha}`),
        ]),
      );
      expect(log).toEqual({
        'api/api': [`deleted@${sha.direct}`, `added@${sha.initial}`],
        'db/db': [`added@${sha.squash}`],
        'web/web': [`modified@${sha.feature}`, `added@${sha.initial}`],
      });
    });

    it('reads the policies declared at the head of the ref', () => {
      expect(
        ev.headPolicies.networkPolicies.map((p) => `${p.namespace}/${p.name}@${p.origin}`).sort(),
      ).toEqual(['db/db@clusters/prod/db.yaml:1', 'web/web@clusters/prod/web-policy.yaml:1']);
    });
  });

  describe('when the period starts after some changes', () => {
    it('leaves out commits before --since and after --until', async () => {
      const repo = new TestRepo();
      repo.write('p/a.yaml', netpol('a', 'a')).commit('old', { date: new Date('2025-06-01T00:00:00Z') });
      const inside = repo
        .write('p/a.yaml', netpol('a', 'a', 81))
        .commit('inside', { date: new Date('2026-01-10T00:00:00Z') });
      repo
        .write('p/a.yaml', netpol('a', 'a', 82))
        .commit('later', { date: new Date('2026-04-10T00:00:00Z') });
      const ev = await collectGitEvidence({ repo: repo.dir, paths: ['p'], ...period, log: silentLogger });
      expect(ev.commits.map((c) => c.sha)).toEqual([inside]);
      expect(ev.period).toEqual({ since: '2026-01-01T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z' });
      repo.cleanup();
    });
  });
});
