// evidence.json -> the small digest a period report keeps; the snapshot and connection list are let go.
import { evidencePart, policyVersions, readControls, readRegister } from '../diff/index.js';
import type { Evidence } from '../model/evidence.js';
import { resourceKey } from '../model/finding.js';
import type { BundleContent, CommitDigest } from './types.js';

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** One commit from either the change-log section or the snapshot's Git evidence (GitChange). */
function commit(v: unknown): CommitDigest[] {
  const r = rec(v);
  const sha = str(r?.sha);
  if (!r || !sha) return [];
  const committer = rec(r.committer);
  const author = rec(r.author);
  const date = str(r.date) ?? str(committer?.date) ?? str(author?.date);
  if (!date) return [];
  const review = rec(r.review);
  const signature = rec(r.signature);
  return [
    {
      sha,
      date,
      subject: str(r.subject) ?? '',
      author: str(author?.name) ?? str(r.author) ?? '',
      ...(typeof review?.reviewed === 'boolean'
        ? { reviewed: review.reviewed }
        : typeof r.reviewed === 'boolean'
          ? { reviewed: r.reviewed }
          : {}),
      ...(str(signature?.status) ? { signature: str(signature?.status) } : {}),
      ...reviewFacts(r, review),
    },
  ];
}

/** Review source, independent approval, merge and (exact) deploy times, as evidence.json states them. */
function reviewFacts(
  r: Record<string, unknown>,
  review: Record<string, unknown> | undefined,
): Partial<CommitDigest> {
  const request = rec(review?.request);
  const approval = rec(review?.approval);
  const deployed = rec(r.deployed);
  const approvers = approval?.independentApprovers;
  return {
    ...(str(review?.source) ? { reviewSource: str(review?.source) } : {}),
    ...(Array.isArray(approvers) ? { independentlyApproved: approvers.length > 0 } : {}),
    ...(str(request?.mergedAt) ? { mergedAt: str(request?.mergedAt) } : {}),
    ...(str(deployed?.at) && deployed?.approximate !== true ? { deployedAt: str(deployed?.at) } : {}),
    ...(Array.isArray(r.files) ? { policyChange: r.files.length > 0 } : {}),
  };
}

/** The Git change log: evidence.json `changes` when present (a list, or {commits: [...]}), else the snapshot's. */
function commits(e: Evidence): CommitDigest[] {
  const section = evidencePart(e, 'changes');
  const list = Array.isArray(section)
    ? section
    : Array.isArray(rec(section)?.commits)
      ? (rec(section)?.commits as unknown[])
      : (e.snapshot?.git?.commits ?? []);
  return list.flatMap(commit);
}

/** Keeps only what the period needs from a bundle's evidence. */
export function digestEvidence(e: Evidence): BundleContent {
  return {
    reportId: e.reportId,
    generatedAt: e.generatedAt,
    controls: readControls(evidencePart(e, 'controls')),
    findings: e.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      resource: resourceKey(f.resource),
      message: f.message,
      ...(f.exception ? { exception: f.exception } : {}),
    })),
    policies: policyVersions(e.snapshot),
    vendors: readRegister(evidencePart(e, 'register')),
    external: e.connections.filter((c) => c.src.endsWith('[External]') || c.dst.endsWith('[External]')),
    commits: commits(e),
    findingsBySeverity: e.summary.findingsBySeverity,
    demoSigned: e.signature?.demo === true,
    ...(e.flows
      ? {
          enforcement: {
            flows: e.flows.counts.flows,
            allowedForwarded: e.flows.counts.byOutcome.allowedForwarded,
            enforced: e.flows.counts.byOutcome.enforced,
            unenforced: e.flows.counts.byOutcome.unenforced,
            droppedAllowed: e.flows.counts.byOutcome.droppedAllowed,
          },
        }
      : {}),
  };
}
