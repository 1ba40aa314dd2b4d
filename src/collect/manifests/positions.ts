// Line and column of any field of a parsed YAML document (lint points at the offending field).
import { isMap, isScalar, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { FieldPathPart, SourcePosition } from '../../model/lint.js';

function at(lc: LineCounter, offset: number): SourcePosition {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Position of the key when the last part names a mapping key; else of the value; else of the nearest ancestor. */
export function positionOf(doc: Document, lc: LineCounter, parts: readonly FieldPathPart[]): SourcePosition {
  for (let n = parts.length; n > 0; n--) {
    const last = parts[n - 1];
    const parent = n === 1 ? doc.contents : doc.getIn(parts.slice(0, n - 1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (pair && isScalar(pair.key) && pair.key.range) return at(lc, pair.key.range[0]);
    }
    const node = doc.getIn(parts.slice(0, n), true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return at(lc, node.range[0]);
  }
  const r = doc.contents?.range;
  return r ? at(lc, r[0]) : { line: 1, column: 1 };
}
