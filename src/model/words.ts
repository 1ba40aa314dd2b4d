// Counted nouns for messages written outside the renderer (findings, lint results): "1 workload pair", "2 pairs".

/** "1 namespace", "3 namespaces"; `many` for irregular plurals. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
