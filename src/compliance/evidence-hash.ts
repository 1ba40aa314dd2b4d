// The evidence hash of a finding: what an exception can be pinned to, so it lapses when the finding changes.
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding.js';

/**
 * SHA-256 over what the finding says (rule, severity, resource, message, explanation, pair sample and
 * count), never over what compliance adds (controls, exception, intent attribution) or the hash itself.
 */
export function evidenceHashOf(f: Finding): string {
  const r = f.resource;
  const content = [
    f.rule,
    f.severity,
    r.kind,
    r.namespace ?? '',
    r.name,
    f.message,
    f.explanation ?? '',
    (f.pairs ?? []).map((p) => [p.src, p.dst, p.conns]),
    f.pairCount ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The finding with its evidenceHash set (recomputed, so a stale one is never carried over). */
export function withEvidenceHash(f: Finding): Finding {
  const { evidenceHash: _old, ...rest } = f;
  return { ...rest, evidenceHash: evidenceHashOf(rest) };
}

/** An exception pin matches when the finding's hash starts with it (reports print the first 12 digits). */
export function pinMatches(pin: string | undefined, f: Finding): boolean {
  return pin === undefined || (f.evidenceHash ?? evidenceHashOf(f)).startsWith(pin.toLowerCase());
}
