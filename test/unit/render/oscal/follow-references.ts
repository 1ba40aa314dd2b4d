// What an importer does with a bundle's OSCAL documents, written independently of src/render/oscal: start at
// the assessment results, follow import-ap -> import-ssp -> import-profile -> imports, and check that each
// href names a file of the bundle whose SHA-256 the referring document's back-matter gives.
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;
interface Rlink {
  href: string;
  hashes?: { algorithm: string; value: string }[];
}
interface Resource {
  uuid: string;
  rlinks?: Rlink[];
}

export interface Followed {
  /** Each document reached, by file name, parsed. */
  readonly docs: ReadonlyMap<string, Json>;
  /** Everything an importer would stop at; empty when the chain is whole. */
  readonly problems: readonly string[];
}

function root(doc: Json): Json {
  return Object.values(doc)[0] as Json;
}

function references(doc: Json): string[] {
  const r = root(doc);
  const key = Object.keys(doc)[0];
  if (key === 'assessment-results') return [(r['import-ap'] as { href: string }).href];
  if (key === 'assessment-plan') return [(r['import-ssp'] as { href: string }).href];
  if (key === 'system-security-plan') return [(r['import-profile'] as { href: string }).href];
  if (key === 'profile') return (r.imports as { href: string }[]).map((i) => i.href);
  return [];
}

/** The back-matter resources of a document. */
export function resources(doc: Json): Resource[] {
  return ((root(doc)['back-matter'] as { resources?: Resource[] } | undefined)?.resources ??
    []) as Resource[];
}

export function followReferences(files: ReadonlyMap<string, string>, start: string): Followed {
  const docs = new Map<string, Json>();
  const problems: string[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (docs.has(file)) continue;
    const text = files.get(file);
    if (text === undefined) {
      problems.push(`${file}: not in the bundle`);
      continue;
    }
    const doc = JSON.parse(text) as Json;
    docs.set(file, doc);
    for (const href of references(doc)) {
      if (href.startsWith('#') || /^[a-z]+:/i.test(href) || href.includes('..') || href.startsWith('/')) {
        problems.push(`${file}: ${href} is not a file of the bundle`);
        continue;
      }
      const target = files.get(href);
      const link = resources(doc)
        .flatMap((res) => res.rlinks ?? [])
        .find((l) => l.href === href);
      const pinned = link?.hashes?.find((h) => h.algorithm === 'SHA-256')?.value;
      if (!pinned) problems.push(`${file}: no SHA-256 for ${href} in its back-matter`);
      else if (target !== undefined && createHash('sha256').update(target).digest('hex') !== pinned)
        problems.push(`${file}: ${href} does not match its SHA-256`);
      queue.push(href);
    }
  }
  return { docs, problems };
}

/** Every value of `key` anywhere under `node`. */
function collect(node: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collect(n, key, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === key && typeof v === 'string') out.push(v);
      else if (k === key && Array.isArray(v))
        out.push(...v.filter((x): x is string => typeof x === 'string'));
      else collect(v, key, out);
    }
  return out;
}

/**
 * Control and statement ids the documents use that no catalog of the set defines: control-id (reviewed
 * controls, activities, implemented requirements), with-ids (profile) and finding targets (statement parts).
 */
export function danglingIds(docs: ReadonlyMap<string, Json>): string[] {
  const controls = new Set<string>();
  const parts = new Set<string>();
  for (const doc of docs.values()) {
    const cat = (doc as { catalog?: { controls?: { id: string; parts?: { id: string }[] }[] } }).catalog;
    for (const c of cat?.controls ?? []) {
      controls.add(c.id);
      for (const p of c.parts ?? []) parts.add(p.id);
    }
  }
  const out: string[] = [];
  for (const [file, doc] of docs) {
    for (const id of [...collect(doc, 'control-id'), ...collect(doc, 'with-ids')])
      if (!controls.has(id)) out.push(`${file}: control ${id}`);
    for (const id of collect(doc, 'target-id')) if (!parts.has(id)) out.push(`${file}: statement ${id}`);
  }
  return out;
}
