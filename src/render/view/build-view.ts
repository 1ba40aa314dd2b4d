// Evidence -> ReportView: every section of the HTML/PDF report, formatted; pure.
import { runCoverFacts } from './sections-run.js';
import { exceptionsSection } from './sections-exceptions.js';
import type { Evidence } from '../../model/evidence.js';
import { compareSeverity, type Finding } from '../../model/finding.js';
import {
  appendixSection,
  connectivitySection,
  coverageSection,
  findingsSection,
  PRINT_LIMIT,
  SCREEN_LIMIT,
  scopeSection,
} from './sections.js';
import { summarySection } from './executive-summary.js';
import { utcTime } from './format.js';
import { frameworkLabel } from './labels.js';
import { warningsSection } from './warnings-section.js';
import { controlsSection, frameworkSummaryBlocks, registerSection } from './sections-compliance.js';
import { changesSection, driftSection } from './sections-git.js';
import { enforcementSection } from './sections-enforcement.js';
import type { ReportView, Section } from './view-types.js';

export interface ViewInput {
  readonly evidence: Evidence;
  /** SHA-256 of evidence.json as written in the bundle. */
  readonly evidenceSha256: string;
  readonly css: string;
  /** 'print' (the PDF: top-N lists) or 'screen' (the HTML: far longer lists); both point to CSV/JSON. */
  readonly detail?: 'print' | 'screen';
}

function sourceLabel(e: Evidence): string {
  const s = e.snapshot.source;
  return s.type === 'cluster'
    ? `${s.name} (${s.cluster.server})`
    : `${s.name} (manifests: ${s.paths.join(', ')})`;
}

/** The cover's signature line and banner, shared by the daily and the period report. */
export function signatureText(
  sig: Evidence['signature'],
  what = 'report',
): { value: string; banner?: ReportView['cover']['banner'] } {
  if (!sig.signed)
    return {
      value: 'UNSIGNED',
      banner: {
        kind: 'bad',
        text: `This ${what} is NOT signed: its integrity cannot be checked. Do not accept it as audit evidence.`,
      },
    };
  if (sig.demo) {
    return {
      value: `signed with a DEMO key (${sig.subject ?? ''})`,
      banner: {
        kind: 'warn',
        text: 'Signed with a throwaway DEMO key made by `npm run demo`: this shows how signing works and is not audit evidence.',
      },
    };
  }
  if (sig.selfSigned)
    return {
      value: `signed, self-signed certificate: ${sig.subject ?? ''}`,
      banner: {
        kind: 'info',
        text: 'The signer is self-signed: trust it only if you received its certificate through a separate channel.',
      },
    };
  return { value: `signed by ${sig.subject ?? ''} (issuer ${sig.issuer ?? ''})` };
}

/** Which parts cover the period and which are a point in time (the snapshot). */
function auditPeriodText(e: Evidence): string {
  const period = `${e.period.since.slice(0, 10)} to ${e.period.until.slice(0, 10)}`;
  const at = utcTime(e.snapshot.collection.finishedAt);
  return e.changes
    ? `${period}: the Git change log and drift cover the period. Coverage, connectivity and their findings are a point in time, the snapshot of ${at}.`
    : `${period} requested, but nothing covers it without a Git repository (--git-repo): everything is a point in time, the snapshot of ${at}.`;
}

export function topFindings(findings: readonly Finding[], n: number): Finding[] {
  return [...findings]
    .sort((a, b) => compareSeverity(a.severity, b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, n);
}

export function buildReportView(input: ViewInput): ReportView {
  const e = input.evidence;
  const sig = signatureText(e.signature);
  const limit = input.detail === 'screen' ? SCREEN_LIMIT : PRINT_LIMIT;
  const enforcement = enforcementSection(e, limit);
  const sections: Section[] = [
    scopeSection(e),
    summarySection(e, frameworkSummaryBlocks(e)),
    warningsSection(e),
    controlsSection(e),
    findingsSection(e, limit),
    coverageSection(e, limit),
    connectivitySection(e, limit),
    ...(enforcement ? [enforcement] : []),
    registerSection(e),
    changesSection(e),
    driftSection(e),
    exceptionsSection(e),
    appendixSection(e, limit),
  ];
  return {
    title: `Network policy evidence — ${e.snapshot.source.name} — ${e.generatedAt.slice(0, 10)}`,
    lang: 'en',
    css: input.css,
    headerText: `${e.reportId} · ${e.snapshot.source.name}`,
    cover: {
      organisation:
        e.organisation ?? 'Organisation not named (--organisation, or organisation in the config file)',
      heading: 'Network policy compliance evidence',
      ...(sig.banner ? { banner: sig.banner } : {}),
      facts: [
        { label: 'Cluster', value: sourceLabel(e) },
        { label: 'Audit period', value: auditPeriodText(e) },
        { label: 'Generated at', value: utcTime(e.generatedAt) },
        { label: 'Tool', value: `${e.tool.name} ${e.tool.version}` },
        { label: 'Report id', value: e.reportId, code: true },
        { label: 'evidence.json SHA-256', value: input.evidenceSha256, code: true },
        { label: 'Signature', value: sig.value },
        { label: 'Frameworks', value: e.frameworks.map(frameworkLabel).join(', ') || 'none' },
        ...runCoverFacts(e),
      ],
    },
    toc: sections.map((s) => ({ id: s.id, title: s.title })),
    sections,
  };
}
