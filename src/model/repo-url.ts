// Repository locations as the tool shows them: URL or path, and never with credentials.

/** A URL (scheme://... or scp-like user@host:path) rather than a local path. */
export function isRemoteUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\\\s:]+@[^/\\\s:]+:/.test(repo);
}

/** The URL without its userinfo (https://user:token@host/x -> https://host/x); scp-like forms keep the user. */
export function redactUrl(repo: string): string {
  return repo.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Removes userinfo from every URL inside a text (Git echoes remote URLs, tokens included, in its errors). */
export function redactUrls(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
}

/**
 * Removes credentials a server may echo in an error body: userinfo in URLs, `Bearer`/`Basic` credentials and
 * JWTs (service-account tokens) anywhere in the text.
 */
export function redactSecrets(text: string): string {
  return redactUrls(text)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted token]');
}

/** A URL's credentials taken out of it, to hand to Git through a credential helper instead of argv or config. */
export interface UrlCredentials {
  /** The URL without userinfo. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

/** Splits `scheme://user:password@host/...` into the URL without userinfo and the (decoded) credentials. */
export function splitUrlCredentials(repo: string): UrlCredentials | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i.exec(repo);
  if (!m) return undefined;
  const [user = '', ...rest] = (m[2] ?? '').split(':');
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { url: redactUrl(repo), username: decode(user), password: decode(rest.join(':')) };
}

/** Environment variables the credential helper below reads (never Git's own, so nothing else sees them). */
export const GIT_USERNAME_ENV = 'NETPOL_EVIDENCE_GIT_USERNAME';
export const GIT_PASSWORD_ENV = 'NETPOL_EVIDENCE_GIT_PASSWORD';

/**
 * `-c` settings that make Git take a URL's credentials from the environment: the user's helpers are reset for
 * this command (so none stores the password), and a shell helper answers `get` from the two variables. The
 * settings name only the variables, so neither `ps` nor the clone's config ever shows the secret.
 */
export function credentialHelperConfig(): string[] {
  return [
    'credential.helper=',
    `credential.helper=!f() { if test "$1" = get; then printf 'username=%s\\npassword=%s\\n' "$${GIT_USERNAME_ENV}" "$${GIT_PASSWORD_ENV}"; fi; }; f`,
    'credential.useHttpPath=false',
  ];
}

/** The environment the credential helper reads. */
export function credentialEnv(c: UrlCredentials): Record<string, string> {
  return { [GIT_USERNAME_ENV]: c.username, [GIT_PASSWORD_ENV]: c.password };
}
