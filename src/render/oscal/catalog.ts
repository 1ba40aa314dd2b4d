// controls/<framework>.yaml as OSCAL catalogs: each control's id is its OSCAL token ("soc2-cc6.1"), its label
// the framework's own id ("CC6.1"), and its statement a part "<token>_smt" that findings target.
import type { Evidence } from '../../model/evidence.js';
import { metadata, toText } from './common.js';
import { controlToken } from './control-token.js';
import { frameworkName } from './findings.js';
import { prop } from './observations.js';
import { OSCAL_FILES, type OscalControlInput, type OscalFile, type OscalOptions } from './types.js';
import { stableUuid } from './uuid.js';

/** The id of a control's statement part: the target of every OSCAL finding about the control. */
export function statementId(framework: string, id: string): string {
  return `${controlToken(framework, id)}_smt`;
}

/** The OSCAL tokens of these controls (of one framework when given), each once, in their order. */
export function controlTokens(controls: readonly OscalControlInput[], framework?: string): string[] {
  const of = framework === undefined ? controls : controls.filter((c) => c.framework === framework);
  return [...new Set(of.map((c) => controlToken(c.framework, c.id)))];
}

/** Frameworks with at least one control, in the order the evidence lists them. */
export function frameworksOf(controls: readonly OscalControlInput[]): string[] {
  return [...new Set(controls.map((c) => c.framework))];
}

function catalogControl(c: OscalControlInput): Readonly<Record<string, unknown>> {
  const token = controlToken(c.framework, c.id);
  return {
    id: token,
    title: c.title ?? c.id,
    props: [{ name: 'label', value: c.id }],
    parts: [{ id: `${token}_smt`, name: 'statement', prose: c.statement ?? c.title ?? c.id }],
  };
}

function catalog(e: Evidence, framework: string, opts: OscalOptions): OscalFile {
  const info = opts.catalogs?.find((k) => k.framework === framework);
  const name = info?.name ?? frameworkName(framework);
  const seen = new Set<string>();
  const controls = opts.controls.filter((c) => {
    if (c.framework !== framework || seen.has(c.id)) return false;
    seen.add(c.id);
    return true;
  });
  const doc = {
    catalog: {
      uuid: stableUuid(`catalog/${e.reportId}/${framework}`),
      metadata: {
        ...metadata(e, `${name}: the controls netpol-evidence gives evidence for`, [], info?.version),
        props: [...prop('report-id', e.reportId), ...prop('framework', framework)],
        remarks:
          `${frameworkName(framework)} as netpol-evidence models it: only the controls its checks give evidence ` +
          'for. Titles and statements are our own one-line summaries, not the text of the standard or regulation. ' +
          'The files it was built from are listed with their SHA-256 in evidence.json (run.inputs).',
      },
      controls: controls.map(catalogControl),
    },
  };
  return { path: OSCAL_FILES.catalog(framework), text: toText(doc) };
}

/** One catalog per framework of the report, with every control of it (tested or not), in catalog order. */
export function renderCatalogs(e: Evidence, opts: OscalOptions): OscalFile[] {
  return frameworksOf(opts.controls).map((fw) => catalog(e, fw, opts));
}
