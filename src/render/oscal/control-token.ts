// OSCAL control-ids are tokens (XML NCName: a letter or "_", then letters, digits, ".", "-", "_"), so the
// frameworks' own ids are mapped: "CC6.1" -> "soc2-cc6.1", "A.8.22" -> "iso27001-a.8.22",
// "Art. 28(2)" -> "gdpr-art.28.2". The original id is kept next to it as a property.

/** The OSCAL token for a framework's control id. */
export function controlToken(framework: string, id: string): string {
  const fw =
    framework
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'control';
  const local = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  const token = local ? `${fw}-${local}` : fw;
  return /^[a-z_]/.test(token) ? token : `c-${token}`;
}

/** An OSCAL StringDatatype value: one line, no leading or trailing whitespace (undefined when empty). */
export function oneLine(text: string | undefined): string | undefined {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}

/** Code-point order, so output never depends on the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
