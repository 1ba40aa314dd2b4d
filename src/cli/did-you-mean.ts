// "Unknown argument: manifest" -> "unknown option --manifest; did you mean --manifests?", as yargs does for commands.

/** Edit distance (insert, delete, substitute, swap of neighbours), small strings only. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  return at(a.length, b.length);
}

/** The known option closest to `given`, if it is close enough to be a typo (or a prefix/extension of it). */
export function closestOption(given: string, known: readonly string[]): string | undefined {
  let best: { name: string; dist: number } | undefined;
  for (const name of known) {
    if (name.length < 2) continue;
    const dist = editDistance(given, name);
    if (!best || dist < best.dist || (dist === best.dist && name < best.name)) best = { name, dist };
  }
  if (!best) return undefined;
  const limit = Math.max(2, Math.floor(given.length / 3));
  return best.dist <= limit ? best.name : undefined;
}

/** Rewrites yargs' unknown-argument message with a suggestion per argument; other messages pass unchanged. */
export function unknownOptionMessage(msg: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m?.[1]) return msg;
  return m[1]
    .split(', ')
    .map((arg) => {
      const flag = `${arg.length === 1 ? '-' : '--'}${arg}`;
      const near = closestOption(arg, known);
      return near ? `unknown option ${flag}; did you mean --${near}?` : `unknown option ${flag}`;
    })
    .join('\n');
}
