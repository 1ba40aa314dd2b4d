// Who a "Name <email>" string names, so authors and approvers can be compared.

export interface Identity {
  readonly name: string;
  readonly email?: string;
}

/** Parses "Name <email>" (or a bare name or email). */
export function identityOf(text: string): Identity {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(text);
  if (m) return { name: m[1] ?? '', email: m[2] };
  const t = text.trim();
  return t.includes('@') ? { name: '', email: t } : { name: t };
}

/** Same person: equal emails (case-insensitive) when both have one, else equal names. */
export function sameIdentity(a: Identity, b: Identity): boolean {
  if (a.email && b.email) return a.email.toLowerCase() === b.email.toLowerCase();
  return a.name !== '' && a.name.toLowerCase() === b.name.toLowerCase();
}
