// The crosswalk as Markdown tables (docs/controls.md is generated from it, and kept in sync by a test).
import type { Catalogs } from '../model/compliance.js';
import { FRAMEWORKS } from './control-order.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

/** One table per framework (control, title, statement, checks), then one of check -> controls. */
export function crosswalkMarkdown(catalogs: Catalogs): string {
  const out: string[] = [];
  for (const c of catalogs.catalogs) {
    out.push(
      `### ${c.name} (${c.version})`,
      '',
      '| Control | Title | In our words | Checks |',
      '|---|---|---|---|',
    );
    for (const k of c.controls) {
      const checks = k.checks.map((x) => `\`${x}\``).join(', ');
      out.push(`| ${esc(k.id)} | ${esc(k.title)} | ${esc(k.statement)} | ${checks} |`);
    }
    out.push('');
  }
  out.push('### Check to controls', '', '| Check | SOC 2 | ISO/IEC 27001:2022 | GDPR |', '|---|---|---|---|');
  for (const [rule, refs] of Object.entries(catalogs.mapping)) {
    const cols = FRAMEWORKS.map((fw) => {
      const ids = refs.filter((r) => r.framework === fw).map((r) => r.id);
      return ids.length > 0 ? ids.join(', ') : '—';
    });
    out.push(`| \`${rule}\` | ${cols.join(' | ')} |`);
  }
  return `${out.join('\n')}\n`;
}
