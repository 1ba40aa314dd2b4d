// The Git source: every change to the policy paths in the audit period, its review and signature, and HEAD's policies.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../model/errors.js';
import type { GitChange, GitEvidence } from '../../model/git.js';
import type { GitOpsRevision } from '../../model/gitops.js';
import { deploymentsOf } from './deployments.js';
import { readDesiredStates } from './desired-states.js';
import type { Logger } from '../../model/log.js';
import type { CollectionWarning } from '../../model/snapshot.js';
import { matchesAny, matchesGlob, pathspecs } from './globs.js';
import { CHART, dirOf, parseTree, readHeadPolicies, type TreeFile } from './head-policies.js';
import { LOG_FORMAT, parseLog, type LoggedCommit } from './log-format.js';
import { blobsNeeded, MAX_BLOBS, policyChangeLogs } from './policy-log.js';
import { openRepository, resolveRef } from './repository.js';
import { parseTrailers, reviewsOf } from './review.js';
import { openGit, readObjects, runGit } from './runner.js';
import { signatureFormat, toSignature } from './signature.js';

export interface GitEvidenceOptions {
  /** A local folder or a URL (cloned into a temporary folder and removed after). */
  readonly repo: string;
  /** Default: HEAD (a clone's HEAD is the remote's default branch). */
  readonly ref?: string;
  /** Where the policy manifests live, as globs relative to the repository root ("clusters/prod/**"). */
  readonly paths: string[];
  readonly since: Date;
  readonly until: Date;
  readonly log: Logger;
  readonly workDir?: string;
  /** How evidence names the repository (default: the path, or the URL without credentials). */
  readonly repoName?: string;
  /** An SSH allowed-signers file: without it SSH signatures cannot be verified. */
  readonly allowedSigners?: string;
  /** Revisions GitOps controllers applied: each change gets the first one that contains it. */
  readonly deployments?: readonly GitOpsRevision[];
}

/** Reads the Git evidence in one `git log` pass over the period and paths (see docs for the rules). */
export async function collectGitEvidence(options: GitEvidenceOptions): Promise<GitEvidence> {
  if (options.paths.length === 0)
    throw new AppError('INPUT', '--git-path: at least one path glob is required');
  if (options.since.getTime() > options.until.getTime())
    throw new AppError(
      'INPUT',
      `--since ${options.since.toISOString()} is after --until ${options.until.toISOString()}`,
    );
  const repo = await openRepository(options.repo, options.log, options.workDir);
  try {
    return await collect(repo.dir, options.repoName ?? repo.display, options);
  } finally {
    await repo.close();
  }
}

async function collect(dir: string, display: string, options: GitEvidenceOptions): Promise<GitEvidence> {
  const { ref, sha: headSha } = await resolveRef(dir, options.ref);
  const config = ['log.showSignature=false'];
  if (options.allowedSigners) {
    // git would silently report every signature unverifiable; a missing file is an input error instead.
    if (!existsSync(options.allowedSigners))
      throw new AppError('INPUT', `--git-allowed-signers ${options.allowedSigners}: no such file`);
    config.push(`gpg.ssh.allowedSignersFile=${path.resolve(options.allowedSigners)}`);
  }
  const git = openGit(dir, config);
  const raw = await runGit(git, logArgs(options, headSha), `reading the history of ${ref}`);
  const logged = parseLog(raw);
  options.log.info('git.log', { commits: logged.length, ref, head: headSha });
  const reviews = reviewsOf(logged);
  const policyCommits = logged.filter((c) => c.parents.length <= 1 && c.files.length > 0);
  const merges = new Set(
    policyCommits.map((c) => reviews.get(c.sha)?.viaMerge).filter((s): s is string => !!s),
  );
  const selected = logged.filter((c) => merges.has(c.sha) || (c.parents.length <= 1 && c.files.length > 0));

  const warnings: CollectionWarning[] = [];
  // Commit objects give the true parents (the log prints parents rewritten to the path-limited graph)
  // and the signature's format (Git prints N for an SSH signature it has no allowed-signers file for).
  const commitObjects = await readObjects(
    dir,
    selected.map((c) => c.sha),
  );
  const tree = parseTree(
    await runGit(git, ['ls-tree', '-r', '-z', '--full-tree', headSha], `listing ${ref}`),
  );
  const files = tree.filter((f) => matchesAny(f.path, options.paths));
  checkGlobs(options.paths, files, policyCommits, ref, headSha);
  const changeLog = await readChangeLog(dir, policyCommits, files);
  warnings.push(...changeLog.warnings);

  const head = await readHeadPolicies(dir, headSha, files, tree);
  warnings.push(...head.warnings);

  const deployed = options.deployments?.length
    ? await deploymentsOf(
        git,
        selected.map((c) => c.sha),
        options.deployments,
        options.since,
      )
    : new Map<string, NonNullable<GitChange['deployed']>>();
  const commits = selected.map((c) => {
    const change = toChange(c, reviews, commitObjects);
    const d = deployed.get(c.sha);
    return d ? { ...change, deployed: d } : change;
  });
  if (commits.some((c) => c.signature.format === 'ssh') && !options.allowedSigners)
    warnings.push({
      where: display,
      message: 'SSH-signed commits cannot be verified without an allowed-signers file',
    });
  // The desired state around each change, for its assessed effect (analyze: impact/changes).
  const desiredStates = await readDesiredStates(dir, head.policies, commits, options.paths);
  options.log.info('git.evidence', {
    commits: commits.length,
    policies: changeLog.logs.length,
    desiredStates: desiredStates.length,
  });
  return {
    repo: display,
    ref,
    headSha,
    paths: [...options.paths],
    period: { since: options.since.toISOString(), until: options.until.toISOString() },
    commits,
    policyChanges: changeLog.logs,
    unrendered: head.unrendered,
    headPolicies: head.policies,
    desiredStates,
    warnings,
  };
}

/** The single `git log`: commit-limited and diff-limited by the pathspecs, all merges kept (parent rewriting). */
function logArgs(options: GitEvidenceOptions, headSha: string): string[] {
  return [
    'log',
    LOG_FORMAT,
    '--raw',
    '-z',
    '--no-abbrev',
    '-M',
    '--full-history',
    '--parents',
    '--no-color',
    `--since=${options.since.toISOString()}`,
    `--until=${options.until.toISOString()}`,
    headSha,
    '--',
    ...pathspecs(options.paths),
  ];
}

/** Every --git-path must match a file at HEAD or a change in the period: a typo is an input error. */
function checkGlobs(
  globs: readonly string[],
  files: readonly TreeFile[],
  commits: readonly LoggedCommit[],
  ref: string,
  headSha: string,
): void {
  for (const glob of globs) {
    if (files.some((f) => matchesGlob(f.path, glob))) continue;
    const changed = (c: LoggedCommit): boolean =>
      c.files.some((f) => matchesGlob(f.path, glob) || matchesGlob(f.oldPath ?? '', glob));
    if (commits.some(changed)) continue;
    throw new AppError(
      'INPUT',
      `--git-path ${glob}: matches no file at ${ref} (${headSha.slice(0, 12)}) and no change in the period`,
    );
  }
}

/** Reads the changed file versions in one batch (capped) and resolves the per-policy change log. */
async function readChangeLog(
  dir: string,
  commits: readonly LoggedCommit[],
  files: readonly TreeFile[],
): Promise<ReturnType<typeof policyChangeLogs>> {
  // Helm chart folders (at HEAD or in any changed path): their templates are not manifests until rendered.
  const paths = [...files.map((f) => f.path), ...commits.flatMap((c) => c.files.map((f) => f.path))];
  const charts = [...new Set(paths.filter((p) => CHART.test(p)).map(dirOf))];
  const ids = blobsNeeded(commits, charts);
  const r = policyChangeLogs(commits, await readObjects(dir, ids.slice(0, MAX_BLOBS)), charts);
  if (ids.length <= MAX_BLOBS) return r;
  const capped = {
    where: 'git history',
    message: `${ids.length} file versions changed; only the first ${MAX_BLOBS} were read`,
  };
  return { logs: r.logs, warnings: [capped, ...r.warnings] };
}

function toChange(
  c: LoggedCommit,
  reviews: ReturnType<typeof reviewsOf>,
  objects: Map<string, Buffer>,
): GitChange {
  const text = objects.get(c.sha)?.toString('utf8') ?? '';
  const format = signatureFormat(text);
  const header = text.slice(0, Math.max(0, text.indexOf('\n\n')));
  const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1] as string);
  return {
    sha: c.sha,
    parents: text ? parents : c.parents,
    author: c.author,
    committer: c.committer,
    subject: c.subject,
    trailers: parseTrailers(c.body),
    files: c.files.map((f) => ({
      status: f.status,
      path: f.path,
      ...(f.oldPath ? { oldPath: f.oldPath } : {}),
    })),
    // A signature Git did not check (N with a gpgsig header: no allowed-signers file) is unverifiable, not absent.
    signature: toSignature(
      format !== 'none' && c.signatureLetter === 'N' ? 'U' : c.signatureLetter,
      c.signer,
      c.key,
      format,
    ),
    review: reviews.get(c.sha) ?? { reviewed: false, kind: 'none', approvers: [] },
  };
}
