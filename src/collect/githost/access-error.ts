// A refused token, a missing permission or an unknown repository: exit 3, naming the host and the scope.
import { AppError } from '../../model/errors.js';
import type { ReviewHostKind } from '../../model/change-request.js';

const SCOPES: Readonly<Record<ReviewHostKind, string>> = {
  github:
    'a token with read access to the repository: fine-grained "Contents: read" and "Pull requests: read" ' +
    '("Administration: read" for branch protection), or a classic token with the "repo" scope',
  gitlab: 'a token with the "read_api" scope and at least Reporter role on the project',
};

const NAMES: Readonly<Record<ReviewHostKind, string>> = { github: 'GitHub', gitlab: 'GitLab' };

/** The error for an HTTP status the host answered with (401, 403, 404), or for no answer at all. */
export function hostAccessError(
  kind: ReviewHostKind,
  apiUrl: string,
  what: string,
  status: number | undefined,
  detail: string,
  cause?: unknown,
): AppError {
  const host = `${NAMES[kind]} (${apiUrl})`;
  const reason =
    status === 401
      ? `refused the token (401${detail ? `: ${detail}` : ''}); it needs ${SCOPES[kind]}`
      : status === 403
        ? `denied ${what} (403${detail ? `: ${detail}` : ''}); the token needs ${SCOPES[kind]}`
        : status === 404
          ? `answered 404 for ${what}: the repository does not exist or the token cannot see it; it needs ${SCOPES[kind]}`
          : status === undefined
            ? `could not be reached for ${what}: ${detail}`
            : `failed ${what} with HTTP ${status}${detail ? `: ${detail}` : ''}`;
  return new AppError('GIT_ACCESS', `${host} ${reason}`, cause === undefined ? undefined : { cause });
}

/** The environment variable each host's token is read from (never a flag, never a file in the bundle). */
export const TOKEN_ENV: Readonly<Record<ReviewHostKind, string>> = {
  github: 'GITHUB_TOKEN',
  gitlab: 'GITLAB_TOKEN',
};
