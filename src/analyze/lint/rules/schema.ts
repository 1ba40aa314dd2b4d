// `schema`: fields the API server's strict validation would refuse (unknown names, wrong types, bad values).
import { lintFieldPath } from '../../../model/lint.js';
import type { LintRule } from '../context.js';

export const schemaRule: LintRule = (ctx) =>
  ctx.objects.flatMap((o) =>
    o.problems.map((p) => ({ object: o, path: p.path, message: `${lintFieldPath(p.path)}: ${p.message}` })),
  );
