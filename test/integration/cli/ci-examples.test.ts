// The ready-made CI files: their netpol-evidence command lines run (not the CI services) on a sample change
// in a real Git clone, with `netpol-evidence` on the PATH running the built CLI (the install step is not run).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { builtCli } from '../../helpers/cli.js';
import { TestRepo } from '../../helpers/git-repo.js';
import { repoRoot } from '../../helpers/paths.js';

const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: blog}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, ports: [{containerPort: 5432}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: blog}
spec:
  template:
    metadata: {labels: {app: blog}}
    spec: {containers: [{name: c}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;
/** The sample change: the database opened to every namespace (a lint warning and a high finding). */
const CHANGE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-anywhere, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{namespaceSelector: {}}]
      ports: [{port: 5432}]
`;

/** A clone whose origin/main is the base and whose checked-out branch carries the change. */
function sampleChange(): string {
  const upstream = new TestRepo();
  upstream.write('k8s/base.yaml', WORKLOADS).commit('workloads and default deny');
  const clone = mkdtempSync(path.join(os.tmpdir(), 'npe-ci-'));
  execFileSync('git', ['clone', '-q', upstream.dir, clone]);
  writeFileSync(path.join(clone, 'k8s', 'db.yaml'), CHANGE);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'a',
    GIT_AUTHOR_EMAIL: 'a@x',
    GIT_COMMITTER_NAME: 'a',
    GIT_COMMITTER_EMAIL: 'a@x',
  };
  execFileSync('git', ['checkout', '-q', '-b', 'feature'], { cwd: clone, env });
  execFileSync('git', ['add', '.'], { cwd: clone, env });
  execFileSync('git', ['commit', '-q', '-m', 'open the database'], { cwd: clone, env });
  return clone;
}

/** A bin folder whose `netpol-evidence` runs the built CLI (what the examples' install step provides). */
function cliOnPath(): string {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'npe-bin-'));
  const shim = path.join(bin, 'netpol-evidence');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${builtCli}" "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

/** The command lines that run netpol-evidence (not the install, git or API calls around them). */
const cliLines = (lines: readonly string[]): string[] =>
  lines.filter((l) => l.startsWith('netpol-evidence '));

function run(line: string, cwd: string, env: Record<string, string>): { code: number; stderr: string } {
  const bin = cliOnPath();
  const r = spawnSync('bash', ['-e', '-c', line], {
    cwd,
    env: {
      ...process.env,
      ...env,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      NETPOL_EVIDENCE_LOG_FORMAT: 'text',
    },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

type Yaml = Record<string, unknown>;
const read = (file: string): Yaml =>
  parse(readFileSync(path.join(repoRoot, 'examples', 'ci', file), 'utf8')) as Yaml;

describe('examples/ci/github-actions.yml', () => {
  const wf = read('github-actions.yml') as {
    jobs: Record<string, { steps: { run?: string; env?: Record<string, string>; with?: Yaml }[] }>;
  };
  /** GitHub expressions the netpol-evidence steps use, as a pull request into main sets them. */
  const expr = (v: string): string => v.replace('${{ github.base_ref }}', 'main');

  it('lints to SARIF that the upload step picks up, and passes on warnings', () => {
    const steps = wf.jobs.lint!.steps;
    const lint = steps.find((s) => s.run?.startsWith('netpol-evidence lint'))!;
    expect(steps.some((s) => s.run?.includes('npm install --global "$NETPOL_EVIDENCE_PACKAGE"'))).toBe(true);
    const upload = steps.find((s) =>
      String((s as { uses?: string }).uses).startsWith('github/codeql-action/upload-sarif'),
    )!;
    const dir = sampleChange();
    const r = run(lint.run!, dir, {});
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(dir, String(upload.with!.sarif_file)), 'utf8')) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0]!.results.map(
        (x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}`,
      ),
    ).toContain('allow-all-peers k8s/db.yaml');
  });

  it('writes the impact comment and fails the gate on the high finding the change opens', () => {
    const steps = wf.jobs.impact!.steps;
    const impact = steps.find((s) => s.run?.startsWith('netpol-evidence impact'))!;
    const comment = steps.find((s) => s.run?.includes('gh pr comment'))!;
    const env = Object.fromEntries(Object.entries(impact.env ?? {}).map(([k, v]) => [k, expr(v)]));
    const dir = sampleChange();
    const r = run(impact.run!, dir, env);
    expect(r.code).toBe(1);
    const md = readFileSync(path.join(dir, 'impact.md'), 'utf8');
    expect(comment.run).toContain('--body-file impact.md');
    expect(md.split('\n')[0]).toBe('### Network policy impact: `origin/main` → `HEAD`');
    expect(md).toContain('| Policies added / removed / changed | 1 / 0 / 0 |');
    expect(md).toMatch(/\| Gate \| ❌/);
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  const ci = read('gitlab-ci.yml') as Record<
    string,
    { script: string[]; artifacts?: { reports?: { codequality?: string } } }
  >;
  const env = { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main' };

  it('writes the Code Quality report the job declares', () => {
    const job = ci['netpol-lint']!;
    const dir = sampleChange();
    const lines = cliLines(job.script);
    expect(lines).toHaveLength(1);
    for (const line of lines) expect(run(line, dir, env).code).toBe(0);
    const issues = JSON.parse(readFileSync(path.join(dir, job.artifacts!.reports!.codequality!), 'utf8')) as {
      check_name: string;
      location: { path: string };
    }[];
    expect(issues.map((i) => `${i.check_name} ${i.location.path}`)).toContain('allow-all-peers k8s/db.yaml');
  });

  it('writes the merge request note and fails the gate', () => {
    const job = ci['netpol-impact']!;
    const dir = sampleChange();
    const lines = cliLines(job.script);
    expect(lines).toHaveLength(1);
    expect(run(lines[0]!, dir, env).code).toBe(1);
    expect(readFileSync(path.join(dir, 'impact.md'), 'utf8')).toContain('| Findings opened / closed |');
  });
});
