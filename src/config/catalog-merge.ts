// Merges catalog, mapping and adequacy files (package first, then the user's) into one Catalogs value.
import {
  compareControlIds,
  compareControlRefs,
  compareText,
  FRAMEWORKS,
} from '../compliance/control-order.js';
import type {
  AdequacyList,
  Catalog,
  Catalogs,
  Control,
  MappedControl,
  MappingStrength,
} from '../model/compliance.js';
import type { InputProblem } from '../model/errors.js';
import type { Framework } from '../model/finding.js';
import { fieldPath, type LocatedDoc } from './located-yaml.js';

interface RefAt {
  readonly id: string;
  readonly strength: MappingStrength;
  readonly problemAt: Omit<InputProblem, 'message'>;
}

interface CatalogFile {
  kind: 'catalog';
  framework: Framework;
  name: string;
  version: string;
  controls: { id: string; title: string; statement: string; checks?: string[] }[];
}

interface MappingFile {
  kind: 'mapping';
  /** A list of ids (each `supports`) or ids with their strength. */
  mappings: Record<string, Partial<Record<Framework, string[] | Record<string, MappingStrength>>>>;
}

interface AdequacyFile extends AdequacyList {
  kind: 'adequacy';
}

export type ControlsFile = CatalogFile | MappingFile | AdequacyFile;

/** A crosswalk entry's content, to tell whether a user file changed it. */
const key = (refs: readonly { id: string; strength: MappingStrength }[]): string =>
  refs
    .map((r) => `${r.id}=${r.strength}`)
    .sort()
    .join(',');

/** Accumulates files in load order; `finish` checks cross-file references and builds the result. */
export class CatalogMerge {
  private readonly meta = new Map<Framework, { name: string; version: string }>();
  private readonly controls = new Map<string, Omit<Control, 'checks' | 'strengths'>>();
  private readonly crosswalk = new Map<string, Map<Framework, RefAt[]>>();
  /** Where each rule id was first named (for "unknown check" problems). */
  private readonly ruleAt = new Map<string, Omit<InputProblem, 'message'>>();
  private knownRules: ReadonlySet<string> | undefined;
  private adequacy: AdequacyList | undefined;
  private readonly sources: string[] = [];
  /** Per user file (after sealKnownRules): the crosswalk entries it changed. */
  private readonly changes = new Map<string, Set<string>>();

  /** Adds one schema-valid file; returns problems found inside it (duplicate ids). */
  add(doc: LocatedDoc, data: ControlsFile): InputProblem[] {
    this.sources.push(doc.file);
    switch (data.kind) {
      case 'catalog':
        return this.addCatalog(doc, data);
      case 'mapping':
        this.addMapping(doc, data);
        return [];
      case 'adequacy': {
        const { kind: _kind, ...list } = data;
        this.adequacy = list;
        return [];
      }
    }
  }

  /** After the package files: from now on, the rule ids they name are the only known checks. */
  sealKnownRules(): void {
    this.knownRules = new Set(this.crosswalk.keys());
  }

  private addCatalog(doc: LocatedDoc, data: CatalogFile): InputProblem[] {
    const problems: InputProblem[] = [];
    if (!this.meta.has(data.framework))
      this.meta.set(data.framework, { name: data.name, version: data.version });
    const seen = new Set<string>();
    data.controls.forEach((c, i) => {
      const at = ['controls', i, 'id'];
      if (seen.has(c.id)) {
        problems.push({
          file: doc.file,
          line: doc.lineOf(at),
          field: fieldPath(at),
          message: `duplicate id ${c.id}`,
        });
      }
      seen.add(c.id);
      this.controls.set(`${data.framework}|${c.id}`, {
        framework: data.framework,
        id: c.id,
        title: c.title,
        statement: c.statement,
      });
      (c.checks ?? []).forEach((rule, j) => {
        const where = ['controls', i, 'checks', j];
        const refs = this.refs(rule, data.framework, this.at(doc, where));
        // A catalog names checks without a strength: the conservative one.
        if (!refs.some((r) => r.id === c.id)) {
          refs.push({ id: c.id, strength: 'supports', problemAt: this.at(doc, where) });
          if (this.knownRules) this.changed(doc.file, `${rule} ${data.framework}`);
        }
      });
    });
    return problems;
  }

  private addMapping(doc: LocatedDoc, data: MappingFile): void {
    for (const [rule, byFramework] of Object.entries(data.mappings)) {
      for (const fw of FRAMEWORKS) {
        const ids = byFramework[fw];
        if (ids === undefined) continue;
        const entries: [string, MappingStrength][] = Array.isArray(ids)
          ? ids.map((id) => [id, 'supports'])
          : Object.entries(ids);
        const list = entries.map(([id, strength], k) => ({
          id,
          strength,
          problemAt: this.at(doc, ['mappings', rule, fw, Array.isArray(ids) ? k : id]),
        }));
        const refs = this.refs(rule, fw, this.at(doc, ['mappings', rule]));
        if (this.knownRules && key(refs) !== key(list)) this.changed(doc.file, `${rule} ${fw}`);
        refs.splice(0, Infinity, ...list);
      }
    }
  }

  private changed(file: string, what: string): void {
    const set = this.changes.get(file) ?? new Set<string>();
    set.add(what);
    this.changes.set(file, set);
  }

  private refs(rule: string, fw: Framework, namedAt: Omit<InputProblem, 'message'>): RefAt[] {
    if (!this.ruleAt.has(rule)) this.ruleAt.set(rule, namedAt);
    let byFw = this.crosswalk.get(rule);
    if (!byFw) this.crosswalk.set(rule, (byFw = new Map()));
    let list = byFw.get(fw);
    if (!list) byFw.set(fw, (list = []));
    return list;
  }

  private at(doc: LocatedDoc, parts: (string | number)[]): Omit<InputProblem, 'message'> {
    return { file: doc.file, line: doc.lineOf(parts), field: fieldPath(parts) };
  }

  /** Checks that every mapped control exists and every check is known, then builds Catalogs. */
  finish(): { catalogs?: Catalogs; problems: InputProblem[] } {
    const problems: InputProblem[] = [];
    const known = this.knownRules ?? new Set(this.crosswalk.keys());
    for (const [rule, byFw] of this.crosswalk) {
      const at = this.ruleAt.get(rule);
      if (!known.has(rule) && at) problems.push({ ...at, message: `unknown check "${rule}"` });
      for (const [fw, refs] of byFw) {
        for (const r of refs) {
          if (known.has(rule) && !this.controls.has(`${fw}|${r.id}`))
            problems.push({ ...r.problemAt, message: `unknown ${fw} control "${r.id}"` });
        }
      }
    }
    if (!this.adequacy)
      problems.push({ file: 'controls/', message: 'no adequacy list (kind: adequacy) loaded' });
    if (problems.length > 0 || !this.adequacy) return { problems };
    return { problems, catalogs: this.build(this.adequacy) };
  }

  private build(adequacy: AdequacyList): Catalogs {
    const mapping: Record<string, MappedControl[]> = {};
    const checksOf = new Map<string, string[]>();
    const strengthOf = new Map<string, MappingStrength>();
    for (const rule of [...this.crosswalk.keys()].sort(compareText)) {
      const refs: MappedControl[] = [];
      for (const [fw, list] of this.crosswalk.get(rule) ?? []) {
        for (const r of list) {
          refs.push({ framework: fw, id: r.id, strength: r.strength });
          const key = `${fw}|${r.id}`;
          checksOf.set(key, [...(checksOf.get(key) ?? []), rule]);
          strengthOf.set(`${key}|${rule}`, r.strength);
        }
      }
      mapping[rule] = refs.sort(compareControlRefs);
    }
    const catalogs: Catalog[] = FRAMEWORKS.filter((fw) => this.meta.has(fw)).map((fw) => ({
      framework: fw,
      name: this.meta.get(fw)?.name ?? fw,
      version: this.meta.get(fw)?.version ?? '',
      controls: [...this.controls.values()]
        .filter((c) => c.framework === fw)
        .sort((a, b) => compareControlIds(a.id, b.id))
        .map((c) => {
          const checks = [...new Set(checksOf.get(`${fw}|${c.id}`) ?? [])].sort(compareText);
          const strengths = Object.fromEntries(
            checks.map((k) => [k, strengthOf.get(`${fw}|${c.id}|${k}`) ?? 'supports'] as const),
          );
          return { ...c, checks, strengths };
        }),
    }));
    const mappingChanges = [...this.changes].map(([file, set]) => ({
      file,
      changes: [...set].sort(compareText),
    }));
    return { catalogs, mapping, adequacy, sources: [...this.sources], mappingChanges };
  }
}
