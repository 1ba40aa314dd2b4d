import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadExceptions } from '../../../src/config/load-exceptions.js';
import { InputError } from '../../../src/model/errors.js';
import { repoRoot } from '../../helpers/paths.js';

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'npe-exceptions-'));
  const f = path.join(dir, 'exceptions.yaml');
  await writeFile(f, text);
  return f;
}

describe('loadExceptions', () => {
  describe('when the documented example is read', () => {
    it('gives each exception with its target, approver, expiry and origin', async () => {
      const ex = await loadExceptions(path.join(repoRoot, 'examples', 'exceptions.yaml'));
      expect(ex.exceptions).toHaveLength(5);
      expect(ex.exceptions[0]).toMatchObject({
        rule: 'cross-environment-path',
        resource: { kind: 'Namespace', name: 'monitoring' },
        approver: 'Dana Ruiz (CISO)',
        approved: '2026-01-05',
        expires: '2026-12-31',
        riskOwner: 'Lee Chen (Head of Platform)',
        ticket: 'RISK-112',
      });
      expect(ex.exceptions[0]?.compensatingControls).toHaveLength(2);
      expect(ex.exceptions[3]?.evidenceHash).toBe('3f9a61c2d7e4');
      expect(ex.exceptions[1]?.origin).toMatch(/exceptions\.yaml:\d+$/);
    });
  });

  describe('when an exception is incomplete', () => {
    it.each([
      {
        reason: 'it has no expiry date',
        text: 'exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n',
        expected: /exceptions\.yaml:2 exceptions\[0\]\.expires: is required/,
      },
      {
        reason: 'it names neither a finding nor a rule and resource',
        text: "exceptions:\n  - rule: allow-all-rule\n    justification: ok\n    approver: me\n    expires: '2026-01-01'\n",
        expected:
          /exceptions\.yaml:2 exceptions\[0\]: must name either `finding` \(an id\) or both `rule` and `resource`/,
      },
      {
        reason: 'the expiry is not a date',
        text: 'exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n    expires: soon\n',
        expected: /exceptions\.yaml:5 exceptions\[0\]\.expires: must be a date \(YYYY-MM-DD\)/,
      },
      {
        reason: 'the approver is empty',
        text: "exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: ''\n    expires: '2026-01-01'\n",
        expected: /exceptions\.yaml:4 exceptions\[0\]\.approver: must NOT have fewer than 1 characters/,
      },
      {
        reason: 'it was approved after it expires',
        text: "exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n    approved: '2026-02-01'\n    expires: '2026-01-01'\n",
        expected: /exceptions\.yaml:5 exceptions\[0\]\.approved: 2026-02-01 is after expires \(2026-01-01\)/,
      },
      {
        reason: 'the approval date is not a date',
        text: "exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n    approved: yesterday\n    expires: '2026-01-01'\n",
        expected: /exceptions\.yaml:5 exceptions\[0\]\.approved: must be a date \(YYYY-MM-DD\)/,
      },
      {
        reason: 'the evidence hash is not hex digits',
        text: "exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n    expires: '2026-01-01'\n    evidenceHash: F-0123456789\n",
        expected: /exceptions\.yaml:6 exceptions\[0\]\.evidenceHash: must match pattern/,
      },
      {
        reason: 'compensating controls are a string, not a list',
        text: "exceptions:\n  - finding: F-0123456789\n    justification: ok\n    approver: me\n    expires: '2026-01-01'\n    compensatingControls: WAF\n",
        expected: /exceptions\.yaml:6 exceptions\[0\]\.compensatingControls: must be array/,
      },
    ])('is an input error naming file, line and field when $reason', async ({ text, expected }) => {
      const err = await loadExceptions(await file(text)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).exitCode).toBe(2);
      expect((err as InputError).message).toMatch(expected);
    });
  });
});
