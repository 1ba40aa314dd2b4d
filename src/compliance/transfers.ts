// GDPR Chapter V: does every processing country (and international organisation) of a vendor have a basis
// for the transfer, and which of them rely on SCCs or BCRs (those need a transfer impact assessment)?
import type { AdequacyList, Subprocessor } from '../model/compliance.js';

export interface TransferGap {
  /** Destinations with no adequacy (for this vendor) and no SCCs, BCRs or framework certification. */
  readonly unsafe: readonly string[];
  /** Destinations covered only by an Art. 49 derogation, which suits occasional transfers, not a service. */
  readonly derogationOnly: readonly string[];
  /** Destinations whose transfer relies on SCCs or BCRs (Art. 46): these need a transfer impact assessment. */
  readonly viaSafeguards: readonly string[];
}

/** "international organisation EPO": how a destination that is not a country is named in the gap lists. */
export const ORGANISATION_PREFIX = 'international organisation ';

/**
 * Art. 44-46, 49: EEA and adequate destinations need nothing more; others need a declared safeguard. A
 * country in `mechanismByCountry` relies on that one mechanism only; others on any declared mechanism.
 */
export function transferGap(v: Subprocessor, list: AdequacyList, now?: Date): TransferGap {
  const day = now?.toISOString().slice(0, 10);
  const lapsed = (until: string | undefined): boolean =>
    until !== undefined && day !== undefined && day > until;
  const all = new Set<string>(v.transferMechanism);
  const unsafe: string[] = [];
  const derogationOnly: string[] = [];
  const viaSafeguards: string[] = [];
  const judge = (dest: string, mechs: ReadonlySet<string>, framework?: string): void => {
    if (framework !== undefined && mechs.has(framework)) return;
    if (mechs.has('SCCs') || mechs.has('BCRs')) viaSafeguards.push(dest);
    else if (mechs.has('Art49-derogation')) derogationOnly.push(dest);
    else unsafe.push(dest);
  };
  for (const country of [...new Set(v.countries)].sort()) {
    if (list.eea.includes(country)) continue;
    if (list.adequate.includes(country) && !lapsed(list.decisions?.[country]?.validUntil)) continue;
    const own = v.mechanismByCountry?.[country];
    judge(country, own !== undefined ? new Set([own]) : all, list.frameworkOnly[country]);
  }
  for (const org of [...new Set(v.internationalOrganisations ?? [])].sort()) {
    const decision = list.internationalOrganisations?.[org];
    if (decision && !lapsed(decision.validUntil)) continue;
    judge(`${ORGANISATION_PREFIX}${org}`, all);
  }
  return { unsafe, derogationOnly, viaSafeguards };
}

/** Whole days from an ISO date (YYYY-MM-DD, UTC midnight) to `now`. */
export function ageInDays(isoDate: string, now: Date): number {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Math.floor((now.getTime() - t) / 86_400_000);
}
