// CSV (RFC 4180): findings.csv and connectivity.csv for spreadsheets and GRC imports.
import type { Connection } from '../../model/connectivity.js';
import type { Finding } from '../../model/finding.js';
import { connLabel } from '../connlist/label.js';

/**
 * A cell a spreadsheet would run as a formula (names from manifests or Git, approvers and vendor names are
 * untrusted) starts with = + - @ tab or CR: OWASP's CSV-injection advice is a leading ' , which spreadsheets
 * show as text. Then RFC 4180 quoting.
 */
export function csvField(v: string): string {
  const formula = /^[=+\-@\t\r]/.test(v);
  const safe = formula ? `'${v}` : v;
  return formula || /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function renderFindingsCsv(findings: readonly Finding[]): string {
  return csv(
    [
      'id',
      'rule',
      'severity',
      'kind',
      'namespace',
      'name',
      'message',
      'explanation',
      'remediation',
      'controls',
      'exception',
      'exception_approver',
      'exception_expires',
      'exception_approved',
      'exception_risk_owner',
      'exception_ticket',
      'affected_pairs',
      'evidence_hash',
    ],
    findings.map((f) => [
      f.id,
      f.rule,
      f.severity,
      f.resource.kind,
      f.resource.namespace ?? '',
      f.resource.name,
      f.message,
      f.explanation ?? '',
      f.remediation ?? '',
      (f.controls ?? []).map((c) => `${c.framework}:${c.id}`).join(' '),
      f.exception?.status ?? '',
      f.exception?.approver ?? '',
      f.exception?.expires ?? '',
      f.exception?.approved ?? '',
      f.exception?.riskOwner ?? '',
      f.exception?.ticket ?? '',
      String(f.pairCount ?? f.pairs?.length ?? 0),
      f.evidenceHash ?? '',
    ]),
  );
}

export function renderConnectivityCsv(connections: readonly Connection[]): string {
  return [...connectivityCsvChunks(connections)].join('');
}

/** connectivity.csv in chunks of lines, for lists too long for one string. */
export function* connectivityCsvChunks(
  connections: Iterable<Connection>,
  linesPerChunk = 5000,
): Generator<string> {
  yield csv(['source', 'destination', 'connections'], []);
  let chunk = '';
  let n = 0;
  for (const c of connections) {
    chunk += `${csvField(c.src)},${csvField(c.dst)},${csvField(connLabel(c))}\r\n`;
    if (++n === linesPerChunk) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}
