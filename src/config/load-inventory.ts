// Loads --inventory: the sub-processor register, validated against docs/inventory.schema.json.
import { parseCidr } from '../model/cidr.js';
import type {
  Inventory,
  OnwardSubprocessor,
  SccModule,
  Subprocessor,
  TransferMechanism,
  VendorRole,
  VendorStatus,
} from '../model/compliance.js';
import { InputError, type InputProblem } from '../model/errors.js';
import { fieldPath, readLocated, schemaProblems, type LocatedDoc } from './located-yaml.js';
import { packageSchema } from './package-files.js';

interface RawVendor {
  name: string;
  legalEntity?: string;
  purpose: string;
  dataCategories: string[];
  countries: string[];
  transferMechanism: TransferMechanism | TransferMechanism[];
  dpaSigned?: string;
  lastReviewed: string;
  status: VendorStatus;
  endpoints: { cidrs?: string[]; hosts?: string[] };
  namespaces: string[];
  role?: VendorRole;
  dpaReference?: string;
  sccs?: { module: SccModule; version: string };
  transferImpactAssessment?: string;
  mechanismByCountry?: Record<string, TransferMechanism>;
  internationalOrganisations?: string[];
  onwardSubprocessors?: OnwardSubprocessor[];
  dataSubjects?: string[];
  retention?: string;
}

/** The optional register fields, copied only when present (evidence stays free of empty keys). */
const OPTIONAL = [
  'role',
  'dpaReference',
  'sccs',
  'transferImpactAssessment',
  'mechanismByCountry',
  'internationalOrganisations',
  'onwardSubprocessors',
  'dataSubjects',
  'retention',
] as const;

function optionalFields(v: RawVendor): Partial<Subprocessor> {
  const out: Record<string, unknown> = {};
  for (const k of OPTIONAL) if (v[k] !== undefined) out[k] = v[k];
  return out as Partial<Subprocessor>;
}

const ONE_OF = {
  '#/properties/subprocessors/items/properties/transferMechanism/oneOf':
    'must be one of EEA, adequacy, EU-US-DPF, SCCs, BCRs, Art49-derogation, or a list of them',
};

function semanticProblems(doc: LocatedDoc, vendors: readonly RawVendor[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const at = (parts: (string | number)[], message: string): void => {
    problems.push({ file: doc.file, line: doc.lineOf(parts), field: fieldPath(parts), message });
  };
  const names = new Set<string>();
  vendors.forEach((v, i) => {
    if (names.has(v.name)) at(['subprocessors', i, 'name'], `duplicate name "${v.name}"`);
    names.add(v.name);
    for (const c of Object.keys(v.mechanismByCountry ?? {}))
      if (!v.countries.includes(c))
        at(
          ['subprocessors', i, 'mechanismByCountry', c],
          `"${c}" is not one of the vendor's countries (${v.countries.join(', ')})`,
        );
    (v.endpoints.cidrs ?? []).forEach((c, j) => {
      if (!parseCidr(c))
        at(['subprocessors', i, 'endpoints', 'cidrs', j], `"${c}" is not a CIDR (a.b.c.d/n)`);
    });
  });
  return problems;
}

/** Parses an inventory document that is already in memory (tests, and the loader below). */
export async function parseInventory(doc: LocatedDoc): Promise<Inventory> {
  const problems = schemaProblems(await packageSchema('docs/inventory.schema.json'), doc, ONE_OF);
  if (problems.length > 0) throw new InputError(problems);
  const vendors = (doc.value as { subprocessors: RawVendor[] }).subprocessors;
  const more = semanticProblems(doc, vendors);
  if (more.length > 0) throw new InputError(more);
  const subprocessors: Subprocessor[] = vendors.map((v, i) => ({
    name: v.name,
    ...(v.legalEntity !== undefined ? { legalEntity: v.legalEntity } : {}),
    purpose: v.purpose,
    dataCategories: v.dataCategories,
    countries: v.countries,
    transferMechanism: Array.isArray(v.transferMechanism) ? v.transferMechanism : [v.transferMechanism],
    ...(v.dpaSigned !== undefined ? { dpaSigned: v.dpaSigned } : {}),
    lastReviewed: v.lastReviewed,
    status: v.status,
    endpoints: { cidrs: v.endpoints.cidrs ?? [], hosts: v.endpoints.hosts ?? [] },
    namespaces: v.namespaces,
    ...optionalFields(v),
    origin: `${doc.file}:${doc.lineOf(['subprocessors', i]) ?? 1}`,
  }));
  return { file: doc.file, subprocessors };
}

/** Reads --inventory FILE; a malformed file is an InputError naming file, line and field. */
export async function loadInventory(file: string, shownAs = file): Promise<Inventory> {
  return parseInventory(await readLocated(file, shownAs));
}
