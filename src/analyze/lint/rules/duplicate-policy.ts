// `duplicate-policy`: the same policy name twice (one silently replaces the other on apply), or two policies
// with identical specs under different names.
import type { LintObject } from '../../../model/lint.js';
import type { LintHit, LintRule } from '../context.js';

function specOf(o: LintObject): unknown {
  return o.networkPolicy?.spec ?? o.admin?.spec ?? o.baseline?.spec;
}

/** JSON with sorted keys, so key order in the YAML does not matter. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export const duplicatePolicy: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  const byName = new Map<string, LintObject>();
  const bySpec = new Map<string, LintObject>();
  for (const o of ctx.objects) {
    const spec = specOf(o);
    if (spec === undefined) continue;
    const id = `${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const first = byName.get(id);
    if (first) {
      hits.push({
        object: o,
        path: ['metadata', 'name'],
        message: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} is also defined at ${first.file}:${first.locate(['metadata', 'name']).line}: one replaces the other`,
      });
      continue;
    }
    byName.set(id, o);
    const key = `${o.kind}/${o.namespace ?? ''}/${o.admin ? o.admin.priority : ''}/${canonical(spec)}`;
    const same = bySpec.get(key);
    if (same)
      hits.push({
        object: o,
        path: ['spec'],
        level: 'warning',
        message: `same spec as ${o.kind} ${same.name} (${same.file}:${same.locate(['spec']).line})`,
      });
    else bySpec.set(key, o);
  }
  return hits;
};
