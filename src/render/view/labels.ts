// Words a reader sees for the tool's keys: one table per kind of key, so a new status or framework gets its
// label here (TypeScript refuses a status without one) and every report, HTML, PDF and period, uses the same.
import { CONTROL_STATUSES, type ControlStatus } from '../../model/compliance.js';

/** The order statuses are counted and charted in (the model's list, best first). */
export const STATUS_ORDER: readonly ControlStatus[] = CONTROL_STATUSES;

export const STATUS_LABEL: Readonly<Record<ControlStatus, string>> = {
  satisfied: 'satisfied',
  supported: 'supported',
  partial: 'partially satisfied',
  notSatisfied: 'not satisfied',
  notTested: 'not tested',
};

/** Badge colour per status: status is always written too, never shown by colour alone. */
export const STATUS_BADGE: Readonly<Record<ControlStatus, 'ok' | 'bad' | 'warn' | 'na' | 'info'>> = {
  satisfied: 'ok',
  supported: 'ok',
  partial: 'warn',
  notSatisfied: 'bad',
  notTested: 'na',
};

/** Short framework names, as auditors write them. */
export const FRAMEWORK_LABEL: Readonly<Record<string, string>> = {
  soc2: 'SOC 2',
  iso27001: 'ISO/IEC 27001:2022',
  gdpr: 'GDPR',
};

/** Framework headings with the catalog they refer to. */
export const FRAMEWORK_TITLE: Readonly<Record<string, string>> = {
  soc2: 'SOC 2 (AICPA Trust Services Criteria)',
  iso27001: 'ISO/IEC 27001:2022 Annex A',
  gdpr: 'GDPR',
};

export function statusLabel(s: ControlStatus): string {
  return STATUS_LABEL[s];
}

export { countryLabel } from '../../model/countries.js';

export function frameworkLabel(f: string): string {
  return FRAMEWORK_LABEL[f] ?? f;
}

/** What a finding's resource kind is called in a sentence ("4 namespaces", "1 commit"). */
const KIND_NOUN: Readonly<Record<string, string>> = {
  Namespace: 'namespace',
  NetworkPolicy: 'policy',
  AdminNetworkPolicy: 'admin policy',
  BaselineAdminNetworkPolicy: 'baseline admin policy',
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  CronJob: 'workload',
  Job: 'workload',
  Pod: 'pod',
  GitCommit: 'commit',
  Subprocessor: 'vendor',
  ExternalRange: 'address range',
  Exception: 'exception',
};

export function kindNoun(kind: string): string {
  return KIND_NOUN[kind] ?? 'resource';
}

/** "default-deny-egress-missing" -> "default deny egress missing". */
export function ruleWords(rule: string): string {
  return rule.replace(/-/g, ' ');
}
