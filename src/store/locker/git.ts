// The evidence locker's Git seam: simple-git with the user's own credentials (environment and Git config
// only), never a prompt, and messages with any token in a URL removed.
import { simpleGit, type SimpleGit } from 'simple-git';
import { runAbortSignal } from '../../model/abort.js';
import { AppError, type ErrorCode } from '../../model/errors.js';
import { isRemoteUrl, redactUrls } from '../../model/repo-url.js';

export { isRemoteUrl, redactUrls };

/** Git variables passed through: config, credentials helpers, SSH, TLS trust, and the commit identity. */
const PASSED_ENV =
  /^(GIT_CONFIG(_.*)?|GIT_SSH(_COMMAND|_VARIANT)?|GIT_ASKPASS|SSH_ASKPASS|SSH_AUTH_SOCK|GIT_SSL_CAINFO|GIT_SSL_CAPATH|GIT_SSL_NO_VERIFY|GIT_TERMINAL_PROMPT|GIT_HTTP_PROXY_AUTHMETHOD|GIT_PROXY_COMMAND|GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL))$/;

/** Variables that start editors, pagers or other programs: a non-interactive push needs none of them. */
const DROPPED_ENV =
  /^(EDITOR|VISUAL|PAGER|PREFIX|GIT_(EDITOR|SEQUENCE_EDITOR|PAGER|EXTERNAL_DIFF|EXEC_PATH|TEMPLATE_DIR))$/i;

/**
 * simple-git in `dir` with the caller's environment, no terminal prompt and English messages. The locker's
 * credentials come only from that environment and Git config (an SSH command, askpass helper or config
 * file set by the operator), so simple-git's guards against those variables are lifted here, and only here.
 */
export function openLockerGit(
  dir: string,
  environment: NodeJS.ProcessEnv,
  config: readonly string[] = [],
): SimpleGit {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(environment))
    if (v !== undefined && !DROPPED_ENV.test(k) && (!/^GIT_/i.test(k) || PASSED_ENV.test(k))) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return simpleGit({
    baseDir: dir,
    config: [...config],
    trimmed: true,
    maxConcurrentProcesses: 1,
    abort: runAbortSignal,
    allowEnvironment: Object.keys(env).filter((k) => PASSED_ENV.test(k)),
    unsafe: {
      allowUnsafeSshCommand: true,
      allowUnsafeAskPass: true,
      allowUnsafeConfigPaths: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeGitProxy: true,
      allowUnsafeCredentialHelper: true,
    },
  }).env(env);
}

/** Runs `git <args>`; a failure becomes an AppError whose message says what was attempted. */
export async function git(g: SimpleGit, args: string[], what: string, code: ErrorCode): Promise<string> {
  try {
    return await g.raw(args);
  } catch (e) {
    throw new AppError(code, `${what}: ${firstLines(e)}`, { cause: e });
  }
}

/** The first meaningful lines of a Git error, without credentials. */
export function firstLines(e: unknown): string {
  const text = redactUrls(e instanceof Error ? e.message : String(e));
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ');
}

/** A push refused because the branch moved meanwhile (another run pushed first): fetch and try again. */
export function isRaceRejection(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value/i.test(
    text,
  );
}
