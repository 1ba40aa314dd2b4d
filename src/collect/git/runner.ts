// Runs git for the Git source: simple-git for commands, a child process only where stdin is streamed.
import { spawn } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { runAbortSignal } from '../../model/abort.js';
import { AppError, type ErrorCode } from '../../model/errors.js';
import { redactText } from './redact.js';

/** Variables through which users give Git its credentials and config (simple-git strips GIT_* unless named). */
const PASSED_ENV =
  /^(GIT_CONFIG(_.*)?|GIT_SSH(_COMMAND|_VARIANT)?|GIT_ASKPASS|SSH_ASKPASS|GIT_SSL_CAINFO|GIT_SSL_CAPATH|GIT_TERMINAL_PROMPT|GIT_PROXY_COMMAND)$/;
/** Programs a read-only run never needs (editors, pagers, diff tools): dropped rather than allowed. */
const DROPPED_ENV =
  /^(EDITOR|VISUAL|PAGER|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_PAGER|GIT_EXTERNAL_DIFF|GIT_EXEC_PATH|GIT_TEMPLATE_DIR|PREFIX)$/i;

/** The environment git runs with: the user's own, never prompting on a terminal, messages in English. */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...extra }))
    if (v !== undefined && !DROPPED_ENV.test(k)) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  return env;
}

/**
 * simple-git guards these settings against untrusted input; here they come from the user's own environment
 * (the only place credentials may come from), so each is allowed only when the user has set it.
 */
function unsafeFlags(env: Record<string, string>): Record<string, boolean> {
  const has = (re: RegExp): boolean => Object.keys(env).some((k) => re.test(k));
  return {
    allowUnsafeConfigPaths: has(/^GIT_CONFIG(_GLOBAL|_SYSTEM)?$/),
    allowUnsafeConfigEnvCount: has(/^GIT_CONFIG_(COUNT|PARAMETERS)$/),
    allowUnsafeAskPass: has(/^(GIT_ASKPASS|SSH_ASKPASS)$/),
    allowUnsafeSshCommand: has(/^GIT_SSH(_COMMAND)?$/),
    allowUnsafeGitProxy: has(/^GIT_PROXY_COMMAND$/),
  };
}

/**
 * A simple-git instance for `dir`, with optional `-c key=value` settings (e.g. the SSH allowed-signers file,
 * or the credential helper of model/repo-url.ts) and extra environment (the credentials that helper reads).
 */
export function openGit(
  dir: string,
  config: readonly string[] = [],
  extraEnv: Readonly<Record<string, string>> = {},
): SimpleGit {
  const env = gitEnv(extraEnv);
  return simpleGit({
    baseDir: dir,
    config: [...config],
    trimmed: false,
    maxConcurrentProcesses: 2,
    // A clone waiting on a prompt (e.g. an SSH passphrase) must fail rather than hang a CronJob.
    timeout: { block: 5 * 60_000 },
    // A stopped run kills its git processes (model/abort.ts).
    abort: runAbortSignal,
    allowEnvironment: Object.keys(env).filter((k) => PASSED_ENV.test(k)),
    unsafe: {
      ...unsafeFlags(env),
      allowUnsafeCredentialHelper: config.some((c) => c.startsWith('credential.helper=')),
    },
  }).env(env);
}

/** Runs `git <args>`; a failure becomes an AppError of `code` whose message says what was attempted. */
export async function runGit(
  git: SimpleGit,
  args: string[],
  what: string,
  code: ErrorCode = 'GIT_ACCESS',
): Promise<string> {
  try {
    return await git.raw(args);
  } catch (e) {
    const detail =
      redactText(e instanceof Error ? e.message : String(e))
        .trim()
        .split('\n')[0] ?? '';
    throw new AppError(code, detail ? `${what}: ${detail}` : what, { cause: e });
  }
}

/** Object contents by id from one `git cat-file --batch` process (ids missing from the repository are left out). */
export async function readObjects(dir: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (ids.length === 0) return out;
  const child = spawn('git', ['cat-file', '--batch'], {
    cwd: dir,
    env: gitEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    signal: runAbortSignal,
  });
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => errs.push(c));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  child.stdin.end(`${ids.join('\n')}\n`);
  const status = await done;
  if (status !== 0)
    throw new AppError('GIT_ACCESS', `reading Git objects failed: ${Buffer.concat(errs).toString().trim()}`);
  const all = Buffer.concat(chunks);
  let pos = 0;
  for (const id of ids) {
    const nl = all.indexOf(10, pos);
    if (nl < 0) break;
    const header = all.subarray(pos, nl).toString();
    pos = nl + 1;
    const parts = header.split(' ');
    if (parts[1] === 'missing' || parts.length < 3) continue;
    const size = Number(parts[2]);
    out.set(id, all.subarray(pos, pos + size));
    pos += size + 1;
  }
  return out;
}
