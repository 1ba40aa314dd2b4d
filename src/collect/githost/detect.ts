// --review-host, --review-host-url and --review-repo resolved once, detected from the remote URL when possible.
import { AppError } from '../../model/errors.js';
import type { ReviewHostKind } from '../../model/change-request.js';
import type { ReviewHostOptions } from './types.js';

export interface ReviewHostFlags {
  readonly kind?: ReviewHostKind;
  readonly url?: string;
  readonly repo?: string;
}

/** Host and path of a remote URL (https://host/a/b.git, ssh://git@host/a/b, git@host:a/b.git). */
export function remoteParts(remote: string): { host: string; path: string } | undefined {
  const scp = /^[^/\s:@]+@([^/\s:]+):(.+)$/.exec(remote);
  const m = scp ? { host: scp[1] ?? '', path: scp[2] ?? '' } : urlParts(remote);
  if (!m) return undefined;
  const path = m.path
    .replace(/^\/+/, '')
    .replace(/\.git\/?$/, '')
    .replace(/\/+$/, '');
  return path.includes('/') ? { host: m.host.toLowerCase(), path } : undefined;
}

function urlParts(remote: string): { host: string; path: string } | undefined {
  try {
    const u = new URL(remote);
    return u.hostname ? { host: u.hostname, path: u.pathname } : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(host: string): ReviewHostKind | undefined {
  if (host === 'github.com' || host.startsWith('github.')) return 'github';
  if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
  return undefined;
}

function defaultApiUrl(kind: ReviewHostKind, host: string): string {
  if (kind === 'github') return host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`;
  return `https://${host}`;
}

/**
 * The host to ask, or undefined when no --review-host* flag is given and the remote is not a known host.
 * An explicit flag that cannot be completed is a usage error naming what is missing.
 */
export function resolveReviewHost(flags: ReviewHostFlags, gitRepo: string): ReviewHostOptions | undefined {
  const parts = remoteParts(gitRepo);
  const detected = parts ? kindOf(parts.host) : undefined;
  const asked = flags.kind !== undefined || flags.url !== undefined || flags.repo !== undefined;
  if (!asked && !detected) return undefined;
  const kind = flags.kind ?? detected;
  if (!kind)
    throw new AppError(
      'USAGE',
      `--review-host: cannot tell github or gitlab from ${parts?.host ?? 'a local --git-repo'}; give --review-host`,
    );
  const repo = flags.repo ?? parts?.path;
  if (!repo)
    throw new AppError('USAGE', '--review-repo OWNER/NAME is needed when --git-repo is a local path');
  if (kind === 'github' && !/^[^/\s]+\/[^/\s]+$/.test(repo))
    throw new AppError('USAGE', `--review-repo ${repo}: a GitHub repository is OWNER/NAME`);
  const host = parts?.host ?? (kind === 'github' ? 'github.com' : 'gitlab.com');
  const apiUrl = flags.url ?? defaultApiUrl(kind, host);
  if (!/^https?:\/\//.test(apiUrl))
    throw new AppError('USAGE', `--review-host-url ${apiUrl}: not an http(s) URL`);
  return { kind, apiUrl: apiUrl.replace(/\/+$/, ''), repo };
}
