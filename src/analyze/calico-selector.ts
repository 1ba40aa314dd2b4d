// Calico's label selector language (projectcalico.org/v3 "Selectors"): parsed once, with the position of
// any error, into a tree evaluated against a label map. Precedence, highest first: match operators,
// parentheses, `!`, `&&`, `||` (Calico reference, "Selectors").
import type { Labels } from '../model/kube.js';

/** A parsed Calico selector. `global()` matches only resources outside any namespace. */
export type CalicoSelector =
  | { readonly op: 'all' }
  | { readonly op: 'global' }
  | { readonly op: 'has'; readonly key: string }
  | {
      readonly op: '==' | '!=' | 'contains' | 'starts with' | 'ends with';
      readonly key: string;
      readonly value: string;
    }
  | { readonly op: 'in' | 'not in'; readonly key: string; readonly values: readonly string[] }
  | { readonly op: '!'; readonly arg: CalicoSelector }
  | { readonly op: '&&' | '||'; readonly args: readonly CalicoSelector[] };

/** A selector that does not parse: `position` is the 0-based offset of the offending character. */
export class CalicoSelectorError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly selector: string,
  ) {
    super(`${reason} at position ${position + 1} of "${selector}"`);
    this.name = 'CalicoSelectorError';
  }
}

export const CALICO_ALL: CalicoSelector = { op: 'all' };

// Label keys as Calico's lexer accepts them: letters, digits and `_ . / -` (a DNS prefix and a name).
const KEY = /[A-Za-z0-9_./-]+/y;
const SPACE = /\s*/y;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(reason: string, at = this.i): never {
    throw new CalicoSelectorError(reason, at, this.s);
  }

  private ws(): void {
    SPACE.lastIndex = this.i;
    SPACE.exec(this.s);
    this.i = SPACE.lastIndex;
  }

  private peek(word: string): boolean {
    this.ws();
    return this.s.startsWith(word, this.i);
  }

  /** A keyword followed by something that cannot continue a label key. */
  private keyword(word: string): boolean {
    if (!this.peek(word)) return false;
    const next = this.s[this.i + word.length];
    if (next !== undefined && /[A-Za-z0-9_./-]/.test(next)) return false;
    this.i += word.length;
    return true;
  }

  /** A function name: the word followed by `(` (so a label named `all` or `has` stays a label). */
  private fn(word: string): boolean {
    if (!this.peek(word)) return false;
    if (!/^\s*\(/.test(this.s.slice(this.i + word.length))) return false;
    this.i += word.length;
    return true;
  }

  private eat(tok: string): boolean {
    if (!this.peek(tok)) return false;
    this.i += tok.length;
    return true;
  }

  private expect(tok: string, what: string): void {
    if (!this.eat(tok)) this.fail(`expected ${what}${this.found()}`);
  }

  private found(): string {
    this.ws();
    const c = this.s[this.i];
    return c === undefined ? ' but the selector ended' : ` but found '${c}'`;
  }

  parse(): CalicoSelector {
    this.ws();
    if (this.i === this.s.length) return CALICO_ALL;
    const sel = this.or();
    this.ws();
    if (this.i < this.s.length) this.fail(`unexpected '${this.s[this.i]}'`);
    return sel;
  }

  private or(): CalicoSelector {
    const args = [this.and()];
    while (this.eat('||')) args.push(this.and());
    return args.length === 1 ? (args[0] as CalicoSelector) : { op: '||', args };
  }

  private and(): CalicoSelector {
    const args = [this.not()];
    while (this.eat('&&')) args.push(this.not());
    return args.length === 1 ? (args[0] as CalicoSelector) : { op: '&&', args };
  }

  private not(): CalicoSelector {
    this.ws();
    if (this.s[this.i] === '!' && this.s[this.i + 1] !== '=') {
      this.i++;
      return { op: '!', arg: this.not() };
    }
    return this.primary();
  }

  private primary(): CalicoSelector {
    if (this.eat('(')) {
      const inner = this.or();
      this.expect(')', "')'");
      return inner;
    }
    if (this.fn('all')) return this.call('all');
    if (this.fn('global')) return this.call('global');
    if (this.fn('has')) {
      this.expect('(', "'(' after has");
      const key = this.key();
      this.expect(')', "')' after the label name");
      return { op: 'has', key };
    }
    const key = this.key();
    return this.comparison(key);
  }

  private call(op: 'all' | 'global'): CalicoSelector {
    this.expect('(', `'(' after ${op}`);
    this.expect(')', `')' after ${op}(`);
    return { op };
  }

  private key(): string {
    this.ws();
    KEY.lastIndex = this.i;
    const m = KEY.exec(this.s);
    if (!m) this.fail(`expected a label name${this.found()}`);
    this.i = KEY.lastIndex;
    return m[0];
  }

  private comparison(key: string): CalicoSelector {
    if (this.eat('==')) return { op: '==', key, value: this.str() };
    if (this.eat('!=')) return { op: '!=', key, value: this.str() };
    if (this.keyword('in')) return { op: 'in', key, values: this.set() };
    if (this.keyword('not')) {
      if (!this.keyword('in')) this.fail(`expected 'in' after 'not'${this.found()}`);
      return { op: 'not in', key, values: this.set() };
    }
    if (this.keyword('contains')) return { op: 'contains', key, value: this.str() };
    for (const w of ['starts', 'ends'] as const)
      if (this.keyword(w)) {
        if (!this.keyword('with')) this.fail(`expected 'with' after '${w}'${this.found()}`);
        return { op: `${w} with`, key, value: this.str() };
      }
    return this.fail(
      `expected an operator (==, !=, in, not in, contains, starts with, ends with) after '${key}'${this.found()}`,
    );
  }

  private str(): string {
    this.ws();
    const q = this.s[this.i];
    if (q !== '"' && q !== "'") this.fail(`expected a quoted value${this.found()}`);
    const end = this.s.indexOf(q, this.i + 1);
    if (end < 0) this.fail('unterminated quoted value');
    const v = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return v;
  }

  private set(): string[] {
    this.expect('{', "'{'");
    const out: string[] = [];
    if (this.eat('}')) return out;
    for (;;) {
      out.push(this.str());
      if (this.eat('}')) return out;
      this.expect(',', "',' or '}'");
    }
  }
}

/** Parses a selector; throws CalicoSelectorError naming the position. An empty selector is `all()`. */
export function parseCalicoSelector(s: string): CalicoSelector {
  return new Parser(s).parse();
}

/** The parse error of `s`, or undefined when it parses. */
export function calicoSelectorError(s: string): CalicoSelectorError | undefined {
  try {
    parseCalicoSelector(s);
    return undefined;
  } catch (e) {
    if (e instanceof CalicoSelectorError) return e;
    throw e;
  }
}

/** True when the labels match; `global` is true only for non-namespaced resources (GlobalNetworkSets). */
export function matchesCalico(sel: CalicoSelector, labels: Labels, global = false): boolean {
  switch (sel.op) {
    case 'all':
      return true;
    case 'global':
      return global;
    case 'has':
      return labels[sel.key] !== undefined;
    case '==':
      return labels[sel.key] === sel.value;
    case '!=':
      return labels[sel.key] !== sel.value;
    case 'contains':
      return labels[sel.key]?.includes(sel.value) ?? false;
    case 'starts with':
      return labels[sel.key]?.startsWith(sel.value) ?? false;
    case 'ends with':
      return labels[sel.key]?.endsWith(sel.value) ?? false;
    case 'in': {
      const v = labels[sel.key];
      return v !== undefined && sel.values.includes(v);
    }
    case 'not in': {
      const v = labels[sel.key];
      return v === undefined || !sel.values.includes(v);
    }
    case '!':
      return !matchesCalico(sel.arg, labels, global);
    case '&&':
      return sel.args.every((a) => matchesCalico(a, labels, global));
    case '||':
      return sel.args.some((a) => matchesCalico(a, labels, global));
  }
}

/** Calico quoting: single quotes, or double quotes when the value holds a single quote. */
const quote = (v: string): string => (v.includes("'") ? `"${v}"` : `'${v}'`);

/** A canonical text of the tree (memo keys, explanations). */
export function calicoSelectorKey(sel: CalicoSelector): string {
  switch (sel.op) {
    case 'all':
    case 'global':
      return `${sel.op}()`;
    case 'has':
      return `has(${sel.key})`;
    case 'in':
    case 'not in':
      return `${sel.key} ${sel.op} {${sel.values.map(quote).join(', ')}}`;
    case '!':
      return `!(${calicoSelectorKey(sel.arg)})`;
    case '&&':
    case '||':
      return `(${sel.args.map(calicoSelectorKey).join(` ${sel.op} `)})`;
    default:
      return `${sel.key} ${sel.op} ${quote(sel.value)}`;
  }
}
