// Handlebars templates (templates/*.hbs, partials in templates/partials/) -> one self-contained HTML string.
// Templates hold no logic: they print a view model prepared in TypeScript, with formatting helpers only.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { AppError } from '../../model/errors.js';

/** Escaped text with each date ("2026-01-12", also with a time) kept on one line: a date never breaks at a hyphen. */
export function keepDates(hb: typeof Handlebars, v: unknown): string {
  const s = hb.Utils.escapeExpression(
    typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v),
  );
  return s.replace(
    /(?<![\w-])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?(?![\w-])/g,
    '<span class="nobr">$&</span>',
  );
}

export interface TemplateSet {
  readonly render: (name: string, view: unknown) => string;
}

/** Loads every template and partial under `dir` once; renders are then pure and fast. */
export async function loadTemplates(dir: string): Promise<TemplateSet> {
  const hb = Handlebars.create();
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v, null, 2));
  hb.registerHelper('join', (v: unknown, sep: unknown) =>
    Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : ', ') : '',
  );
  hb.registerHelper('keepDates', (v: unknown) => new hb.SafeString(keepDates(hb, v)));
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  try {
    const partialDir = path.join(dir, 'partials');
    for (const f of (await readdir(partialDir)).sort()) {
      if (f.endsWith('.hbs'))
        hb.registerPartial(f.slice(0, -4), await readFile(path.join(partialDir, f), 'utf8'));
    }
    for (const f of (await readdir(dir)).sort()) {
      if (f.endsWith('.hbs'))
        compiled.set(
          f.slice(0, -4),
          hb.compile(await readFile(path.join(dir, f), 'utf8'), { strict: false, noEscape: false }),
        );
    }
  } catch (e) {
    throw new AppError('RENDER', `cannot load the report templates from ${dir}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return {
    render(name, view) {
      const t = compiled.get(name);
      if (!t) throw new AppError('RENDER', `no template named ${name} in ${dir}`);
      try {
        return t(view);
      } catch (e) {
        throw new AppError('RENDER', `template ${name} failed: ${(e as Error).message}`, { cause: e });
      }
    },
  };
}
