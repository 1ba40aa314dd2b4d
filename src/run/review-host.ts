// The Git host step of a report's collection: ask the host when flags say so, or when the remote URL names
// GitHub/GitLab and its token is set; otherwise reviews stay inferred from commit messages, and the run says so.
import type { GitEvidence } from '../model/git.js';
import type { GitOptions } from './report-options.js';
import type { RunContext } from './report-run.js';

const TOKENS = { github: 'GITHUB_TOKEN', gitlab: 'GITLAB_TOKEN' } as const;

export async function addHostReviews(
  git: GitEvidence,
  opts: GitOptions,
  ctx: RunContext,
): Promise<GitEvidence> {
  // Loaded lazily: runs without a Git host do not load the GitHub and GitLab clients.
  const { collectHostReviews, resolveReviewHost } = await import('../collect/githost/index.js');
  const flags = opts.reviewHost ?? {};
  const explicit = Object.keys(flags).length > 0;
  const host = resolveReviewHost(flags, opts.repo);
  if (!host) return git;
  if (!explicit && !ctx.env[TOKENS[host.kind]]) {
    const message = `${host.kind} repository ${host.repo}: ${TOKENS[host.kind]} is not set, so approvals were not verified with the host (reviews are inferred from commit messages)`;
    ctx.log.warn('githost.skipped', { host: host.kind, repo: host.repo });
    return { ...git, warnings: [...git.warnings, { where: git.repo, message }] };
  }
  const t0 = Date.now();
  const out = await collectHostReviews(git, host, ctx);
  ctx.log.info('read reviews from the git host', {
    phase: 'githost',
    host: host.kind,
    apiRequests: out.reviewHost?.requests ?? 0,
    ms: Date.now() - t0,
  });
  return out;
}
