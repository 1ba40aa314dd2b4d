import { jsonChunks, LazyArray } from '../../../../src/render/oscal/json-chunks.js';

describe('jsonChunks', () => {
  it('gives byte for byte the text of JSON.stringify(value, null, 2) with a trailing newline', () => {
    const value = {
      a: 1,
      skipped: undefined,
      empty: new LazyArray(0, () => []),
      nested: [{ list: new LazyArray(2, () => [{ x: 'a\nb' }, [1, 2]]) }, 'plain', []],
      deep: { obj: {}, arr: [null, true, { s: 'ü"\\' }] },
    };
    expect([...jsonChunks(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  describe('when a lazy array is large', () => {
    it('builds its items as the text is pulled, never all before the first chunk', () => {
      let built = 0;
      const list = new LazyArray(20_000, function* () {
        for (let i = 0; i < 20_000; i++) {
          built += 1;
          yield { id: i, text: 'x'.repeat(100) };
        }
      });
      const chunks = jsonChunks({ results: [{ observations: list }] });
      const first = chunks.next();
      expect(first.done).toBe(false);
      expect(built).toBeGreaterThan(0);
      expect(built).toBeLessThan(1_000);
      let rest = '';
      for (const c of chunks) rest += c;
      expect(built).toBe(20_000);
      expect(first.value + rest).toBe(`${JSON.stringify({ results: [{ observations: list }] }, null, 2)}\n`);
    });
  });
});
