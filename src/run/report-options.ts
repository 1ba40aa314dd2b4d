// The complete, resolved options of one `report` run (defaults applied once, by the CLI).
import type { Framework, Severity } from '../model/finding.js';
import type { SourceArgs } from '../collect/load-source.js';

export type OutputFormat = 'html' | 'pdf' | 'json' | 'csv' | 'oscal';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'json', 'csv', 'oscal'];

export type SigningOptions =
  | { readonly mode: 'unsigned' }
  | { readonly mode: 'pem'; readonly key: string; readonly cert: string; readonly chain?: string }
  | { readonly mode: 'p12'; readonly p12: string; readonly passphraseEnv?: string };

/** `--review-host*` as given; empty when none was given (the host may still be detected from the URL). */
export interface ReviewHostFlagValues {
  readonly kind?: 'github' | 'gitlab';
  readonly url?: string;
  readonly repo?: string;
}

export interface GitOptions {
  readonly repo: string;
  readonly reviewHost?: ReviewHostFlagValues;
  /** How evidence names the repository (default: the path, or the URL without credentials). */
  readonly repoName?: string;
  readonly ref?: string;
  readonly paths: readonly string[];
  readonly allowedSigners?: string;
}

export interface ReportOptions {
  readonly source: SourceArgs;
  readonly outDir: string;
  readonly formats: ReadonlySet<OutputFormat>;
  readonly frameworks: readonly Framework[];
  readonly failOn?: Severity;
  readonly organisation?: string;
  readonly period: { readonly since: Date; readonly until: Date };
  readonly signing: SigningOptions;
  readonly tsaUrl?: string;
  readonly git?: GitOptions;
  readonly inventory?: string;
  readonly exceptions?: string;
  /**
   * How messages and evidence name the inventory and exceptions files (default: the path as given), and a
   * temporary folder whose paths are recorded as `<temporary folder>/…` (the demo's, deleted after the run).
   */
  readonly shownAs?: { readonly inventory?: string; readonly exceptions?: string; readonly tempDir?: string };
  readonly controls: readonly string[];
  readonly maxDocumentAgeDays: number;
  /** --max-exception-days: an exception valid for longer is a finding (default 365). */
  readonly maxExceptionDays?: number;
  /** The --config file the options were read from (its digest is part of the evidence). */
  readonly configFile?: string;
  /** Evidence locker: a Git repository (URL or path) each finished bundle is committed to. */
  readonly lockerGit?: string;
  /** Flow log files or folders to compare with the policies (report --flows). */
  readonly flows?: readonly string[];
  /** Results of `probe run` to compare with the policies (report --probes). */
  readonly probes?: readonly string[];
  /** Hubble Relay to read the last `sinceMs` of flows from (report --hubble-relay). */
  readonly hubbleRelay?: { readonly address: string; readonly caFile?: string; readonly sinceMs: number };
  /** Retention of earlier bundles of the same cluster in the output folder. */
  readonly retention?: { readonly keep?: number; readonly keepDays?: number; readonly keepChained: boolean };
}
