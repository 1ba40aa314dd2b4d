// The slice of the OSCAL 1.1.2 assessment-results model we write (field names as the JSON format spells them).

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
  /** satisfied | supported | notSatisfied | partial | notTested. */
  readonly status: string;
  readonly findingIds: readonly string[];
}

export interface OscalOptions {
  readonly controls: readonly OscalControlInput[];
}

export type OscalObject = Readonly<Record<string, unknown>>;

/** Namespace of our own property names (OSCAL asks for one on non-OSCAL props). */
export const PROP_NS = 'urn:netpol-evidence:oscal';

export const OSCAL_VERSION = '1.1.2';
