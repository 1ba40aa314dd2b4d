import { closestOption, editDistance, unknownOptionMessage } from '../../../src/cli/did-you-mean.js';

describe('did-you-mean for unknown options', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('outptu', 'output')).toBe(1);
    expect(editDistance('manifest', 'manifests')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the nearest known option only when it is close', () => {
    const known = ['manifests', 'snapshot', 'output-format', 'output', 'help'];
    expect(closestOption('manifest', known)).toBe('manifests');
    expect(closestOption('snapshto', known)).toBe('snapshot');
    expect(closestOption('frobnicate', known)).toBeUndefined();
  });

  it("rewrites yargs' message, one line per unknown argument", () => {
    expect(unknownOptionMessage('Unknown arguments: manifest, zzzzzz', ['manifests'])).toBe(
      'unknown option --manifest; did you mean --manifests?\nunknown option --zzzzzz',
    );
    expect(unknownOptionMessage('Missing required argument: out', ['out'])).toBe(
      'Missing required argument: out',
    );
  });
});
