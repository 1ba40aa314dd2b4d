// Loads --exceptions: accepted risks, each with an approver and a required expiry date.
import type { ExceptionsFile, RiskException } from '../model/compliance.js';
import { InputError, type InputProblem } from '../model/errors.js';
import { fieldPath, readLocated, schemaProblems, type LocatedDoc } from './located-yaml.js';
import { packageSchema } from './package-files.js';

interface RawException {
  finding?: string;
  rule?: string;
  resource?: { kind?: string; namespace?: string; name: string };
  justification: string;
  approver: string;
  expires: string;
  approved?: string;
  riskOwner?: string;
  compensatingControls?: string[];
  ticket?: string;
  evidenceHash?: string;
}

const ONE_OF = {
  '#/properties/exceptions/items/oneOf': 'must name either `finding` (an id) or both `rule` and `resource`',
};

/** An exception approved after it expires cannot have held on any day. */
function dateProblems(doc: LocatedDoc, raw: readonly RawException[]): InputProblem[] {
  return raw.flatMap((e, i) => {
    if (e.approved === undefined || e.approved <= e.expires) return [];
    const parts = ['exceptions', i, 'approved'];
    return [
      {
        file: doc.file,
        line: doc.lineOf(parts),
        field: fieldPath(parts),
        message: `${e.approved} is after expires (${e.expires})`,
      },
    ];
  });
}

/** Parses an exceptions document that is already in memory (tests, and the loader below). */
export async function parseExceptions(doc: LocatedDoc): Promise<ExceptionsFile> {
  const problems = schemaProblems(await packageSchema('docs/exceptions.schema.json'), doc, ONE_OF);
  if (problems.length > 0) throw new InputError(problems);
  const raw = (doc.value as { exceptions: RawException[] }).exceptions;
  const dates = dateProblems(doc, raw);
  if (dates.length > 0) throw new InputError(dates);
  const exceptions: RiskException[] = raw.map((e, i) => ({
    ...(e.finding !== undefined ? { findingId: e.finding } : {}),
    ...(e.rule !== undefined ? { rule: e.rule } : {}),
    ...(e.resource !== undefined ? { resource: e.resource } : {}),
    justification: e.justification,
    approver: e.approver,
    expires: e.expires,
    ...(e.approved !== undefined ? { approved: e.approved } : {}),
    ...(e.riskOwner !== undefined ? { riskOwner: e.riskOwner } : {}),
    ...(e.compensatingControls !== undefined ? { compensatingControls: e.compensatingControls } : {}),
    ...(e.ticket !== undefined ? { ticket: e.ticket } : {}),
    ...(e.evidenceHash !== undefined ? { evidenceHash: e.evidenceHash } : {}),
    origin: `${doc.file}:${doc.lineOf(['exceptions', i]) ?? 1}`,
  }));
  return { file: doc.file, exceptions };
}

/** Reads --exceptions FILE; an exception without `expires` is an InputError naming file, line and field. */
export async function loadExceptions(file: string, shownAs = file): Promise<ExceptionsFile> {
  return parseExceptions(await readLocated(file, shownAs));
}
