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
