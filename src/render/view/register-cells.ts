// The sub-processor register's cells: declared facts, including the optional register fields when given.
import type { VendorRegisterEntry } from '../../model/compliance.js';
import { countryLabel } from './labels.js';

/** Purpose, data categories, data subjects and retention. */
export function purposeText(v: VendorRegisterEntry): string {
  const parts = [`${v.purpose}. Data: ${v.dataCategories.join(', ')}`];
  if (v.dataSubjects?.length) parts.push(`Subjects: ${v.dataSubjects.join(', ')}`);
  if (v.retention) parts.push(`Retention: ${v.retention}`);
  return parts.join('. ');
}

/** Countries and mechanisms, per-country mechanisms, SCCs, the TIA, organisations and onward recipients. */
export function transferText(v: VendorRegisterEntry): string {
  const parts = [`${v.countries.map(countryLabel).join(', ')}; ${v.transferMechanism.join(', ')}`];
  const per = Object.entries(v.mechanismByCountry ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (per.length) parts.push(`per country: ${per.map(([c, m]) => `${c} ${m}`).join(', ')}`);
  if (v.internationalOrganisations?.length)
    parts.push(`international organisations: ${v.internationalOrganisations.join(', ')}`);
  if (v.sccs) parts.push(`SCCs ${v.sccs.module}, ${v.sccs.version}`);
  if (v.transferImpactAssessment) parts.push(`TIA ${v.transferImpactAssessment}`);
  if (v.onwardSubprocessors?.length)
    parts.push(
      `onward: ${v.onwardSubprocessors
        .map((o) => `${o.name}${o.countries?.length ? ` (${o.countries.join(', ')})` : ''}`)
        .join(', ')}`,
    );
  return parts.join('; ');
}

/** Role, DPA (reference and date), review and status. */
export function contractText(v: VendorRegisterEntry): string {
  const dpa = v.dpaSigned
    ? `DPA ${v.dpaReference ? `${v.dpaReference} ` : ''}${v.dpaSigned}`
    : v.role === 'controller'
      ? 'no DPA (controller)'
      : 'no DPA recorded';
  return `${v.role ? `${v.role}; ` : ''}${dpa}; reviewed ${v.lastReviewed}; ${v.status}`;
}
