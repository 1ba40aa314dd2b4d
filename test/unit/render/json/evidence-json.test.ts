import type { Evidence } from '../../../../src/model/evidence.js';
import { evidenceJsonChunks, renderEvidenceJson } from '../../../../src/render/json/evidence-json.js';
import { demoEvidence } from '../oscal/demo-evidence.js';

const streamed = (e: unknown): string => [...evidenceJsonChunks(e as Evidence)].join('');

describe('evidence.json written as a stream', () => {
  it('is byte for byte the one-string rendering of a whole report', async () => {
    const e = await demoEvidence();
    const text = renderEvidenceJson(e);
    expect(text.length).toBeGreaterThan(10_000);
    expect(streamed(e)).toBe(text);
  });

  it('keeps JSON.stringify rules for empty, missing, nested and escaped values', () => {
    const odd = {
      empty: { list: [], map: {} },
      missing: undefined,
      holes: [undefined, 1, null, () => 0],
      deep: { a: { b: { c: { d: [1, { e: 'x' }] } } } },
      escaped: 'line\nbreak "quoted" \u2028',
      date: new Date(0),
      fn: () => 1,
    };
    expect(streamed(odd)).toBe(`${JSON.stringify(odd, null, 2)}\n`);
    expect(streamed([])).toBe('[]\n');
    expect(streamed({})).toBe('{}\n');
  });

  it('yields many bounded chunks for a large value instead of one string', () => {
    const big = { snapshot: { pods: Array.from({ length: 20_000 }, (_, i) => ({ name: `pod-${i}` })) } };
    const chunks = [...evidenceJsonChunks(big as unknown as Evidence)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(`${JSON.stringify(big, null, 2)}\n`);
  });
});
