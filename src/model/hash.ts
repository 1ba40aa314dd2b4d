// Stable ids from content (FNV-1a 64-bit): deterministic across runs and machines, no I/O.

export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** A finding id such as "F-1a2b3c4d5e": same rule and resource give the same id in every run. */
export function findingId(rule: string, resourceKey: string): string {
  return `F-${stableHash(`${rule}|${resourceKey}`).slice(0, 10)}`;
}
