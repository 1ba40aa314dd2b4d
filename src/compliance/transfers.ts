// GDPR Chapter V: does every processing country of a vendor have a basis for the transfer?
import type { AdequacyList, Subprocessor } from '../model/compliance.js';

export interface TransferGap {
  /** Countries with no adequacy (for this vendor) and no SCCs, BCRs or framework certification. */
  readonly unsafe: readonly string[];
  /** Countries covered only by an Art. 49 derogation, which suits occasional transfers, not a service. */
  readonly derogationOnly: readonly string[];
}

/** Art. 44-46, 49: EEA and adequate countries need nothing more; others need a declared safeguard. */
export function transferGap(v: Subprocessor, list: AdequacyList, now?: Date): TransferGap {
  const lapsed = (c: string): boolean => {
    const until = list.decisions?.[c]?.validUntil;
    return until !== undefined && now !== undefined && now.toISOString().slice(0, 10) > until;
  };
  const mechs = new Set<string>(v.transferMechanism);
  const unsafe: string[] = [];
  const derogationOnly: string[] = [];
  for (const country of [...new Set(v.countries)].sort()) {
    if (list.eea.includes(country) || (list.adequate.includes(country) && !lapsed(country))) continue;
    const framework = list.frameworkOnly[country];
    if (framework !== undefined && mechs.has(framework)) continue;
    if (mechs.has('SCCs') || mechs.has('BCRs')) continue;
    if (mechs.has('Art49-derogation')) derogationOnly.push(country);
    else unsafe.push(country);
  }
  return { unsafe, derogationOnly };
}

/** Whole days from an ISO date (YYYY-MM-DD, UTC midnight) to `now`. */
export function ageInDays(isoDate: string, now: Date): number {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Math.floor((now.getTime() - t) / 86_400_000);
}
