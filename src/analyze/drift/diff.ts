// Field-level differences between two JSON values, each named by its path ("spec.ingress[0].ports[0].port").
import type { DriftDifference } from '../../model/git.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Differences from `git` to `cluster`, in a stable order (object keys sorted, arrays by index). */
export function diffValues(
  git: unknown,
  cluster: unknown,
  path: string,
  out: DriftDifference[] = [],
): DriftDifference[] {
  if (isObject(git) && isObject(cluster)) {
    const keys = [...new Set([...Object.keys(git), ...Object.keys(cluster)])].sort();
    for (const k of keys) diffValues(git[k], cluster[k], `${path}.${k}`, out);
  } else if (Array.isArray(git) && Array.isArray(cluster)) {
    for (let i = 0; i < Math.max(git.length, cluster.length); i++)
      diffValues(git[i], cluster[i], `${path}[${i}]`, out);
  } else if (JSON.stringify(git) !== JSON.stringify(cluster)) {
    out.push({ path, ...(git !== undefined ? { git } : {}), ...(cluster !== undefined ? { cluster } : {}) });
  }
  return out;
}
