// `--config FILE`: one YAML file holds every option a scheduled run needs, so the CronJob passes one flag.
//
// How flags override the file: before yargs parses, `withConfigFile(args)` loads the file named by
// `--config` and appends each of its keys as `--key=value` to the arguments, except keys the command line
// already names (as `--key`, `--key=v`, `--no-key` or `--keyCamelCase`). yargs then parses one argument
// list and validates it as usual, so a flag always wins, and a flag given for a list option (--manifests,
// --controls, --git-path) replaces the file's list instead of adding to it.
//
// The file is validated against docs/config.schema.json (its keys are exactly the `report` flags' long
// names); an unknown key or a wrong type is an InputError naming file, line and key. Relative paths in the
// file are resolved against the file's folder, so the same file works from any working directory.
import path from 'node:path';
import { readLocated, schemaProblems } from '../config/located-yaml.js';
import { packageSchema } from '../config/package-files.js';
import { InputError, namingFlag, type InputProblem } from '../model/errors.js';
import { isRemoteUrl } from '../model/repo-url.js';

export type ConfigValue = string | number | boolean | string[];
export type ConfigFile = Record<string, ConfigValue>;

/** Keys whose values are local paths (resolved against the config file's folder). */
const PATH_KEYS = new Set([
  'out',
  'manifests',
  'snapshot',
  'kubeconfig',
  'sign-key',
  'sign-cert',
  'sign-chain',
  'sign-p12',
  'git-allowed-signers',
  'inventory',
  'exceptions',
  'controls',
  'flows',
  'probes',
  'hubble-ca',
]);
/** Keys that take a path OR a URL: resolved only when they are a path. */
const PATH_OR_URL_KEYS = new Set(['git-repo', 'locker-git']);
/** Keys whose comma-separated flags may be written as YAML lists in the file. */
const COMMA_LIST_KEYS = new Set(['formats', 'frameworks']);

const ONE_OF_MESSAGES: Readonly<Record<string, string>> = {
  '#/$defs/pathList/oneOf': 'must be a path or a list of paths',
  '#/properties/formats/oneOf':
    'must list outputs from html, pdf, json, csv, oscal (comma-separated or a YAML list)',
  '#/properties/frameworks/oneOf':
    'must list frameworks from soc2, iso27001, gdpr (comma-separated or a YAML list)',
};

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Reads, validates and path-resolves a config file. */
export async function loadConfigFile(file: string): Promise<ConfigFile> {
  const doc = await readLocated(file);
  const validate = await packageSchema('docs/config.schema.json');
  if (
    doc.value === null ||
    doc.value === undefined ||
    typeof doc.value !== 'object' ||
    Array.isArray(doc.value)
  )
    throw new InputError([
      {
        file: doc.file,
        line: 1,
        field: '(top level)',
        message: 'must be a mapping of option names to values',
      },
    ]);
  const known = Object.keys((validate.schema as { properties: object }).properties);
  const problems: InputProblem[] = schemaProblems(validate, doc, ONE_OF_MESSAGES).map((p) => {
    const hint =
      p.message === 'is not a known field' && p.field
        ? known.find((k) => k === kebab(p.field ?? ''))
        : undefined;
    if (hint) return { ...p, message: `is not a known field (did you mean "${hint}"?)` };
    if (p.message === 'is not a known field')
      return {
        ...p,
        message:
          'is not a known field (keys are the long names of the report flags, see docs/config.schema.json)',
      };
    return p;
  });
  if (problems.length > 0) throw new InputError(problems);
  const dir = path.dirname(path.resolve(file));
  const resolve = (v: string): string => path.resolve(dir, v);
  const out: ConfigFile = {};
  for (const [key, value] of Object.entries(doc.value as ConfigFile)) {
    if (PATH_KEYS.has(key)) out[key] = Array.isArray(value) ? value.map(resolve) : resolve(String(value));
    else if (PATH_OR_URL_KEYS.has(key))
      out[key] = isRemoteUrl(String(value)) ? String(value) : resolve(String(value));
    else if (COMMA_LIST_KEYS.has(key) && Array.isArray(value)) out[key] = value.join(',');
    else out[key] = value;
  }
  return out;
}

/** The long option names the arguments already give (before any `--`), in kebab case. */
function givenFlags(args: readonly string[]): Set<string> {
  const given = new Set<string>();
  for (const a of args) {
    if (a === '--') break;
    const m = /^--(?:no-)?([^=]+)/.exec(a);
    if (m?.[1]) given.add(kebab(m[1]));
  }
  return given;
}

/** `args` with the config's values appended as `--key=value`, except keys the arguments already give. */
export function applyConfig(args: readonly string[], config: Readonly<ConfigFile>): string[] {
  const given = givenFlags(args);
  const extra: string[] = [];
  for (const key of Object.keys(config).sort()) {
    const value = config[key];
    if (value === undefined || given.has(key)) continue;
    for (const v of Array.isArray(value) ? value : [value]) extra.push(`--${key}=${String(v)}`);
  }
  const end = args.indexOf('--');
  return end < 0 ? [...args, ...extra] : [...args.slice(0, end), ...extra, ...args.slice(end)];
}

/** The file named by `--config FILE` or `--config=FILE` (before any `--`), if any. */
export function configPathFromArgs(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return undefined;
    if (a.startsWith('--config=')) return a.slice('--config='.length);
    if (a === '--config') {
      const next = args[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/** The command named by the arguments: the first one that is neither an option nor --config's value. */
function commandOf(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return undefined;
    if (a === '--config') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * What the CLI calls before yargs: for `report`, the arguments with the `--config` file's options merged
 * in. Other commands are left alone (yargs then rejects --config there as an unknown option).
 */
export async function withConfigFile(args: readonly string[]): Promise<string[]> {
  const file = configPathFromArgs(args);
  if (file === undefined || commandOf(args) !== 'report') return [...args];
  return applyConfig(args, await namingFlag('--config', () => loadConfigFile(file)));
}
