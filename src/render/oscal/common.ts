// What every OSCAL document of a bundle shares: metadata with the organisation as a party, back-matter
// resources that cite a bundle file with its SHA-256, and the assessment's times.
import { createHash } from 'node:crypto';
import type { Evidence } from '../../model/evidence.js';
import { prop } from './observations.js';
import { OSCAL_VERSION, type OscalFile, type OscalObject } from './types.js';
import { stableUuid } from './uuid.js';

/** The party named when --organisation was not given (README "OSCAL documents" documents it). */
export const PLACEHOLDER_ORGANISATION = 'Organisation not named (run with --organisation)';

/** The tool that ran the checks: a component of the plan's assessment assets, the actor of every observation. */
export function toolUuid(e: Evidence): string {
  return stableUuid(`tool/${e.tool.name}`);
}

/** The cluster as a component of the SSP stub: the plan's assessment subject. */
export function clusterComponentUuid(e: Evidence): string {
  return stableUuid(`cluster/${e.snapshot.source.name}`);
}

export function organisationPartyUuid(e: Evidence): string {
  return stableUuid(`party/${e.organisation ?? PLACEHOLDER_ORGANISATION}`);
}

function organisationParty(e: Evidence): OscalObject {
  return {
    uuid: organisationPartyUuid(e),
    type: 'organization',
    name: e.organisation ?? PLACEHOLDER_ORGANISATION,
    ...(e.organisation
      ? {}
      : {
          remarks: 'A placeholder: the report was made without --organisation, so no organisation is named.',
        }),
  };
}

/** Role ids are OSCAL's own (prepared-for, system-owner), each held by the organisation. */
export function metadata(
  e: Evidence,
  title: string,
  roles: readonly string[],
  version?: string,
): OscalObject {
  const titles: Readonly<Record<string, string>> = {
    'prepared-for': 'Prepared for',
    'system-owner': 'System owner',
  };
  return {
    title,
    'last-modified': assessmentTimes(e).end,
    version: version ?? e.tool.version,
    'oscal-version': OSCAL_VERSION,
    props: prop('report-id', e.reportId),
    ...(roles.length > 0 ? { roles: roles.map((id) => ({ id, title: titles[id] ?? id })) } : {}),
    parties: [organisationParty(e)],
    ...(roles.length > 0
      ? {
          'responsible-parties': roles.map((id) => ({
            'role-id': id,
            'party-uuids': [organisationPartyUuid(e)],
          })),
        }
      : {}),
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A back-matter resource for a file of the bundle: its relative href and, when known, its SHA-256. */
export function fileResource(
  uuidName: string,
  title: string,
  href: string,
  digest: string | undefined,
  description?: string,
): OscalObject {
  return {
    uuid: stableUuid(uuidName),
    title,
    ...(description ? { description } : {}),
    rlinks: [
      {
        href,
        'media-type': 'application/json',
        ...(digest ? { hashes: [{ algorithm: 'SHA-256', value: digest }] } : {}),
      },
    ],
  };
}

/** A resource for another OSCAL file of the bundle, hashed from its text (so the reference is pinned). */
export function oscalFileResource(e: Evidence, title: string, file: OscalFile): OscalObject {
  return fileResource(`resource/${e.reportId}/${file.path}`, title, file.path, sha256(file.text));
}

/**
 * start: collection began; collected: it finished (every observation's time); end: the later of that and
 * the report's own time. So start <= collected <= end whether the data was read just now or from a saved snapshot.
 */
export function assessmentTimes(e: Evidence): { start: string; collected: string; end: string } {
  const { startedAt, finishedAt } = e.snapshot.collection;
  const collected = Date.parse(finishedAt) < Date.parse(startedAt) ? startedAt : finishedAt;
  const end = Date.parse(e.generatedAt) > Date.parse(collected) ? e.generatedAt : collected;
  return { start: startedAt, collected, end };
}

/** Two-space JSON with a trailing newline, as every bundle file. */
export function toText(doc: OscalObject): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
