// The slice of the OSCAL 1.1.2 models we write (field names as the JSON format spells them).

export interface OscalProp {
  readonly name: string;
  readonly ns?: string;
  readonly value: string;
}

export interface OscalControlInput {
  readonly framework: string;
  /** As the framework writes it: "CC6.1", "A.8.22", "Art. 28(2)". */
  readonly id: string;
  readonly title?: string;
  /** One line in our own words (the catalog's statement part). */
  readonly statement?: string;
  /** satisfied | supported | notSatisfied | partial | notTested. */
  readonly status: string;
  readonly findingIds: readonly string[];
  /** The checks that ran for it and how strongly each maps to it (the plan's activities). */
  readonly checksRan?: readonly { readonly check: string; readonly strength: string }[];
}

/** A control catalog's own name and version, as controls/<framework>.yaml gives them. */
export interface OscalCatalogInfo {
  readonly framework: string;
  readonly name: string;
  readonly version: string;
}

export interface OscalOptions {
  readonly controls: readonly OscalControlInput[];
  /** Names and versions of the catalogs (absent: the framework's short name and the tool version). */
  readonly catalogs?: readonly OscalCatalogInfo[];
  /** SHA-256 of the bundle's evidence.json, so observations cite it with its hash. */
  readonly evidenceSha256?: string;
}

/** One OSCAL document of the bundle: its file name (relative to the bundle) and its JSON text. */
export interface OscalFile {
  readonly path: string;
  readonly text: string;
}

/** A document as written: its text in chunks (the results of a large cluster never exist as one string). */
export interface OscalOutput {
  readonly path: string;
  readonly chunks: () => Iterable<string>;
}

export type OscalObject = Readonly<Record<string, unknown>>;

/** Namespace of our own property names (OSCAL asks for one on non-OSCAL props). */
export const PROP_NS = 'urn:netpol-evidence:oscal';

export const OSCAL_VERSION = '1.1.2';

/** File names inside the bundle; documents point at each other by these relative hrefs. */
export const OSCAL_FILES = {
  results: 'oscal-assessment-results.json',
  plan: 'oscal-assessment-plan.json',
  ssp: 'oscal-ssp.json',
  profile: 'oscal-profile.json',
  catalog: (framework: string): string => `oscal-catalog-${framework}.json`,
} as const;
