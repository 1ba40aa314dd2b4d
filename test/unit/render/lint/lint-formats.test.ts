import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { formatLintCodeQuality } from '../../../../src/render/codequality/lint-codequality.js';
import { formatLintJunit } from '../../../../src/render/junit/lint-junit.js';
import { formatLintJson, formatLintText } from '../../../../src/render/lint/text.js';
import { FINGERPRINT_KEY, formatLintSarif } from '../../../../src/render/sarif/lint-sarif.js';
import { at, baseline, deployment, docs, lintYaml, namespace } from '../../analyze/lint/lint-helpers.js';

const require = createRequire(import.meta.url);
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;
/** The OASIS SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it (draft-04). */
const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: wbe}}}]
      prots: [{port: 80}]
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
    - from: [{namespaceSelector: {}}]
      ports: [{port: 8080}]
`;
const report = lintYaml({
  'k8s/base.yaml': docs(namespace('shop'), deployment('shop', 'web', { app: 'web' }), baseline('shop')),
  'k8s/web.yaml': POLICY,
  'k8s/ok.yaml': POLICY.replace('name: web', 'name: ok').replace(
    / {4}- from: \[\{podSelector: \{matchLabels: \{app: wbe\}\}\}\]\n {6}prots: \[\{port: 80\}\]\n/,
    '',
  ),
});

describe('lint SARIF output', () => {
  const log = JSON.parse(
    formatLintSarif(report, { toolVersion: '1.2.3', helpBase: 'https://example.org/docs/rules.md' }),
  ) as {
    runs: {
      tool: { driver: { rules: { id: string; help: { text: string }; helpUri: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        partialFingerprints: Record<string, string>;
        locations: {
          physicalLocation: {
            artifactLocation: { uri: string };
            region: { startLine: number; startColumn: number };
          };
        }[];
      }[];
    }[];
  };
  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    // unicodeRegExp off: the schema's `language` pattern has a stray "]" that only non-unicode regexps accept.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  it('is refused by the schema when a result has no message (the validation can fail)', () => {
    // unicodeRegExp off: the schema's `language` pattern has a stray "]" that only non-unicode regexps accept.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
    const broken = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0]!.results[0]!.message;
    expect(validate(broken)).toBe(false);
  });
  it('describes every rule with help text and links each result to its rule', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toContain('schema');
    for (const r of run.tool.driver.rules) {
      expect(r.help.text.length).toBeGreaterThan(40);
      expect(r.helpUri).toBe(`https://example.org/docs/rules.md#lint-${r.id}`);
    }
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
  });
  it('locates the misspelt field by line and column, with a fingerprint that survives moved lines', () => {
    const res = log.runs[0]!.results.find((r) => r.ruleId === 'schema')!;
    const loc = res.locations[0]!.physicalLocation;
    expect(`k8s/web.yaml:${loc.region.startLine}:${loc.region.startColumn}`).toBe(
      at('k8s/web.yaml', POLICY, 'prots'),
    );
    const moved = lintYaml({ 'k8s/web.yaml': `# a comment\n\n${POLICY}` });
    const again = moved.results.find((r) => r.ruleId === 'schema')!;
    expect(again.line).toBe(loc.region.startLine + 2);
    expect(again.fingerprint).toBe(res.partialFingerprints[FINGERPRINT_KEY]);
  });
});

describe('lint GitLab Code Quality output', () => {
  // The documented shape (docs.gitlab.com "Code Quality report format"): description, check_name, fingerprint,
  // severity in info|minor|major|critical|blocker, location.path and location.lines.begin.
  const shape = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', pattern: '^[^/]' },
            lines: {
              type: 'object',
              required: ['begin'],
              properties: { begin: { type: 'integer', minimum: 1 } },
            },
          },
        },
      },
    },
  };
  it('has the documented shape, one issue per result with unique fingerprints', () => {
    const issues = JSON.parse(formatLintCodeQuality(report)) as {
      fingerprint: string;
      check_name: string;
      severity: string;
    }[];
    const validate = new Ajv({ allErrors: true }).compile(shape);
    expect(validate(issues)).toBe(true);
    expect(issues).toHaveLength(report.results.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.find((i) => i.check_name === 'schema')?.severity).toBe('major');
  });
});

describe('lint JUnit output', () => {
  /** Parsed by Python's ElementTree (an independent XML parser) into suites, cases and failures. */
  function parse(xml: string): {
    root: string;
    suites: {
      tests: number;
      failures: number;
      cases: { name: string; classname: string; failure?: string }[];
    }[];
  } {
    const py = `import sys, json, xml.etree.ElementTree as ET
r = ET.fromstring(sys.stdin.read())
print(json.dumps({"root": r.tag, "suites": [{"tests": int(s.get("tests")), "failures": int(s.get("failures")),
  "cases": [dict({"name": c.get("name"), "classname": c.get("classname")}, **({"failure": c.find("failure").get("message")} if c.find("failure") is not None else {})) for c in s.findall("testcase")]} for s in r.findall("testsuite")]}))`;
    return JSON.parse(execFileSync('python3', ['-c', py], { input: xml }).toString()) as never;
  }
  it('is well-formed JUnit: testsuites > testsuite > testcase, failures counted', () => {
    const doc = parse(formatLintJunit(report, 'error'));
    expect(doc.root).toBe('testsuites');
    const suite = doc.suites[0]!;
    expect(suite.tests).toBe(suite.cases.length);
    expect(suite.failures).toBe(suite.cases.filter((c) => c.failure).length);
    expect(suite.cases.filter((c) => c.failure).map((c) => c.name)).toEqual(['schema k8s/web.yaml']);
  });
  it('fails warnings too with --fail-on warning', () => {
    const doc = parse(formatLintJunit(report, 'warning'));
    expect(doc.suites[0]!.cases.filter((c) => c.failure).map((c) => c.name)).toEqual(
      expect.arrayContaining(['schema k8s/web.yaml', 'allow-all-peers k8s/ok.yaml']),
    );
  });
});

describe('lint text and JSON output', () => {
  it('prints file:line:column, level and rule', () => {
    const text = formatLintText(report);
    expect(text).toContain(`${at('k8s/web.yaml', POLICY, 'prots')}: error [schema]`);
    expect(text).toMatch(/3 file\(s\) checked: 1 error\(s\), \d+ warning\(s\)/);
  });
  it('gives each JSON result a help link to its docs section', () => {
    const j = JSON.parse(formatLintJson(report)) as { results: { ruleId: string; help: string }[] };
    expect(j.results[0]!.help).toBe(`docs/rules.md#lint-${j.results[0]!.ruleId}`);
  });
});

describe('lint help links', () => {
  it('point at a section docs/rules.md has for every rule', () => {
    const md = readFileSync(new URL('../../../../docs/rules.md', import.meta.url), 'utf8');
    for (const r of report.rules) expect(md).toContain(`### lint-${r.id}\n`);
  });
});
