// Transfer findings of a vendor: destinations without a basis, and SCC/BCR transfers with no impact assessment.
import type { AdequacyList, Subprocessor } from '../model/compliance.js';
import { countryLabel } from '../model/countries.js';
import type { Finding } from '../model/finding.js';
import { makeFinding } from './make-finding.js';
import { ORGANISATION_PREFIX, transferGap } from './transfers.js';

const label = (d: string): string => (d.startsWith(ORGANISATION_PREFIX) ? d : countryLabel(d));

function declared(v: Subprocessor): string {
  const per = Object.entries(v.mechanismByCountry ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([c, m]) => `${c}: ${m}`);
  return [v.transferMechanism.join(', '), ...(per.length ? [`per country ${per.join(', ')}`] : [])].join(
    '; ',
  );
}

/** transfer-without-safeguard and tia-missing for one vendor (none when every transfer has its basis). */
export function transferFindings(v: Subprocessor, adequacy: AdequacyList, now: Date): Finding[] {
  const gap = transferGap(v, adequacy, now);
  const out: Finding[] = [];
  const resource = { kind: 'Subprocessor', name: v.name };
  if (gap.unsafe.length > 0 || gap.derogationOnly.length > 0) {
    const parts: string[] = [];
    if (gap.unsafe.length > 0)
      parts.push(
        `${gap.unsafe.map(label).join(', ')} without an adequacy decision that covers it, SCCs, BCRs or DPF certification`,
      );
    if (gap.derogationOnly.length > 0)
      parts.push(
        `${gap.derogationOnly.map(label).join(', ')} on an Art. 49 derogation only, meant for occasional transfers, not a recurring service`,
      );
    out.push(
      makeFinding({
        rule: 'transfer-without-safeguard',
        // A vendor is a recurring service relationship: an Art. 49 derogation does not cover it (EDPB 2/2018).
        severity: 'high',
        resource,
        message: `${v.name} processes personal data in ${parts.join('; and in ')} (declared: ${declared(v)}; adequacy list as of ${adequacy.asOf}).`,
        remediation:
          'Put SCCs or BCRs in place (with a transfer impact assessment), or process the data in the EEA or an adequate country.',
      }),
    );
  }
  // Schrems II (C-311/18) and EDPB Recommendations 01/2020: an Art. 46 tool needs an assessment of the
  // destination's law and practice; without one on record the safeguard is not shown to be effective.
  if (gap.viaSafeguards.length > 0 && v.transferImpactAssessment === undefined) {
    const scc = v.sccs ? ` (SCCs ${v.sccs.module}, ${v.sccs.version})` : '';
    out.push(
      makeFinding({
        rule: 'tia-missing',
        severity: 'medium',
        resource,
        message: `${v.name}'s transfer to ${gap.viaSafeguards.map(label).join(', ')} relies on SCCs or BCRs${scc}, but no transfer impact assessment is recorded.`,
        remediation:
          'Carry out a transfer impact assessment of the destination (EDPB Recommendations 01/2020) and record its date as transferImpactAssessment.',
      }),
    );
  }
  return out;
}
