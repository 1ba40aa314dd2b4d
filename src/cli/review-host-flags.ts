// `--review-host`, `--review-host-url`, `--review-repo`: which Git host to ask for pull/merge request reviews.
// Tokens are never flags: GITHUB_TOKEN / GITLAB_TOKEN from the environment (README "Git host reviews").
import type { Argv } from 'yargs';
import type { ReviewHostKind } from '../model/change-request.js';
import type { ReviewHostFlagValues } from '../run/report-options.js';

export interface ReviewHostFlags {
  'review-host'?: string;
  'review-host-url'?: string;
  'review-repo'?: string;
}

export function reviewHostOptions<T>(y: Argv<T>): Argv<T & ReviewHostFlags> {
  return y
    .option('review-host', {
      type: 'string',
      choices: ['github', 'gitlab'],
      describe:
        'Ask this Git host for pull/merge request approvals (default: from a github/gitlab --git-repo URL when its token is set)',
      group: 'Period and Git:',
    })
    .option('review-host-url', {
      type: 'string',
      describe: 'API base URL (GitHub Enterprise https://HOST/api/v3, self-managed GitLab https://HOST)',
      group: 'Period and Git:',
    })
    .option('review-repo', {
      type: 'string',
      describe:
        'Repository on the host, OWNER/NAME or GROUP/PROJECT (needed when --git-repo is a local path)',
      group: 'Period and Git:',
    }) as unknown as Argv<T & ReviewHostFlags>;
}

/** The flags as given (resolution against the remote URL and the token happens when the run starts). */
export function reviewHostFlagValues(a: ReviewHostFlags): ReviewHostFlagValues {
  return {
    ...(a['review-host'] ? { kind: a['review-host'] as ReviewHostKind } : {}),
    ...(a['review-host-url'] ? { url: a['review-host-url'] } : {}),
    ...(a['review-repo'] ? { repo: a['review-repo'] } : {}),
  };
}
