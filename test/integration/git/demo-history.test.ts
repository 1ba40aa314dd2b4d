import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { analyzeDrift } from '../../../src/analyze/drift/index.js';
import { changeFindings } from '../../../src/analyze/changes/index.js';
import { collectGitEvidence } from '../../../src/collect/git/index.js';
import { loadManifests } from '../../../src/collect/manifests/load-manifests.js';
import { buildDemoGitHistory, DEMO_GIT_PATHS } from '../../../src/demo/git-history.js';
import type { GitEvidence } from '../../../src/model/git.js';
import { silentLogger } from '../../../src/model/log.js';
import type { Snapshot } from '../../../src/model/snapshot.js';
import '../../helpers/git-repo.js';
import { fixedClock, repoRoot } from '../../helpers/paths.js';

const now = fixedClock();
const demo = path.join(repoRoot, 'examples', 'demo', 'cluster');

describe('the demo Git history', () => {
  let tmp = '';
  let ev: GitEvidence;
  let cluster: Snapshot;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'npe-demo-git-'));
    const built = await buildDemoGitHistory(tmp, path.join(demo, 'policies'), {
      now,
      keysDir: path.join(repoRoot, 'examples', 'demo', 'keys'),
    });
    ev = await collectGitEvidence({
      repo: built.repoDir,
      paths: [...DEMO_GIT_PATHS],
      since: new Date(now.getTime() - 90 * 86_400_000),
      until: now,
      log: silentLogger,
      ...(built.allowedSigners ? { allowedSigners: built.allowedSigners } : {}),
    });
    cluster = await loadManifests({ paths: [demo], now: fixedClock });
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('shows four reviewed pull requests and one direct unsigned commit in the audit period', () => {
    const merges = ev.commits.filter((c) => c.parents.length > 1);
    expect(merges.map((m) => m.review.reference)).toEqual(['#21', '#18', '#15', '#12']);
    expect(
      changeFindings(ev).map((f) => [f.rule, ev.commits.find((c) => c.sha === f.resource.name)?.subject]),
    ).toEqual([
      ['change-without-review', 'hotfix: open the staging preview'],
      ['unsigned-change', 'hotfix: open the staging preview'],
    ]);
  });

  it('dates every commit relative to the clock given (pull request #21 merged three days before now)', () => {
    const threeDaysAgo = new Date(now.getTime() - 3 * 86_400_000).toISOString().replace('.000Z', '+00:00');
    const merge = ev.commits.find((c) => c.review.reference === '#21' && c.parents.length > 1);
    expect(merge?.committer.date).toBe(threeDaysAgo);
  });

  it('holds exactly one policy that differs from the cluster', () => {
    const { drift } = analyzeDrift(ev.headPolicies, cluster);
    expect(drift.map((d) => [d.state, `${d.namespace}/${d.name}`, d.differences.map((x) => x.path)])).toEqual(
      [['modified', 'postgres/postgres-clients', ['spec.ingress[0].from[1].podSelector.matchLabels.app']]],
    );
  });
});
