// Lint: manifests checked before merge; each result points at the file, line and column of the field.
import type {
  AdminNetworkPolicy,
  BaselineAdminNetworkPolicy,
  NetworkPolicy,
  OtherPolicy,
  Snapshot,
} from './snapshot.js';

export type LintLevel = 'error' | 'warning' | 'note';

/** Most severe first; `--fail-on` compares against this order. */
export const LINT_LEVELS: readonly LintLevel[] = ['error', 'warning', 'note'];

/** True when `level` is at or above `threshold` (error > warning > note). */
export function atOrAbove(level: LintLevel, threshold: LintLevel): boolean {
  return LINT_LEVELS.indexOf(level) <= LINT_LEVELS.indexOf(threshold);
}

export type FieldPathPart = string | number;

/** 1-based line and column, as editors and code scanning show them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One Kubernetes object read from a manifest, with the positions of its fields. */
export interface LintObject {
  readonly file: string;
  readonly kind: string;
  readonly apiVersion: string;
  /** As the object resolves it (metadata.namespace, else "default"); absent for cluster-scoped kinds. */
  readonly namespace?: string;
  /** True when metadata.namespace is written (a policy without one lands in the namespace kubectl uses). */
  readonly namespaceWritten: boolean;
  readonly name: string;
  /** Position of the field at `path` (its key when it is a mapping key), or of its nearest ancestor. */
  readonly locate: (path: readonly FieldPathPart[]) => SourcePosition;
  /** Strict-schema problems of the object (unknown fields with did-you-mean, wrong types, bad values). */
  readonly problems: readonly { readonly path: readonly FieldPathPart[]; readonly message: string }[];
  readonly networkPolicy?: NetworkPolicy;
  readonly admin?: AdminNetworkPolicy;
  readonly baseline?: BaselineAdminNetworkPolicy;
  /** A CNI policy (Cilium, Calico) as the snapshot keeps it. */
  readonly other?: OtherPolicy;
}

/** What lint reads: the objects of the paths, the snapshot they make, and optionally the live snapshot. */
export interface LintInput {
  readonly files: readonly string[];
  readonly objects: readonly LintObject[];
  /** The snapshot the paths make (workloads, namespaces and policies as the analysis sees them). */
  readonly manifests: Snapshot;
  /** `--snapshot`: live workloads and namespaces, whose labels selectors are checked against. */
  readonly live?: Snapshot;
}

/** A rule's description, as SARIF `tool.driver.rules` and docs/rules.md give it. */
export interface LintRuleInfo {
  readonly id: string;
  readonly level: LintLevel;
  /** One line. */
  readonly title: string;
  /** Why it matters and how to fix it (plain text). */
  readonly help: string;
}

export interface LintResult {
  readonly ruleId: string;
  readonly level: LintLevel;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** "NetworkPolicy/shop/allow-web". */
  readonly object: string;
  /** "spec.ingress[0].from[1]". */
  readonly field: string;
  /** Stable across commits that only move lines: rule, object and field. */
  readonly fingerprint: string;
}

export interface LintReport {
  readonly files: readonly string[];
  readonly rules: readonly LintRuleInfo[];
  /** Sorted by file, line, column, rule. */
  readonly results: readonly LintResult[];
}

/** The help of a rule: its section in docs/rules.md, under `base` (a URL of the docs folder's file, or the path). */
export function lintHelpUri(ruleId: string, base = 'docs/rules.md'): string {
  return `${base}#lint-${ruleId}`;
}

/** "spec.ingress[0].from[1]": the notation results and error messages use. */
export function lintFieldPath(parts: readonly FieldPathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
