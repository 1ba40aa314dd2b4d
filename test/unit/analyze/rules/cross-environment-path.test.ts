import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import { ns, pod, snapshotOf, type Obj } from '../helpers.js';

// No policy anywhere: every namespace reaches every other, so only the labels decide.
function crossEnv(namespaces: Obj[]): string[] {
  const objects = [
    ...namespaces,
    ...namespaces.map((n) => pod((n.metadata as { name: string }).name, 'w', { app: 'w' })),
  ];
  return analyzeSnapshot(snapshotOf(objects))
    .findings.filter((f) => f.rule === 'cross-environment-path')
    .map((f) => `${f.resource.name}: ${f.pairs?.map((p) => p.dst).join(',') ?? ''}`)
    .sort();
}

describe('cross-environment-path (ISO A.8.31)', () => {
  describe('when namespaces carry different environment labels', () => {
    it('reports each source namespace with the destinations of another environment only', () => {
      expect(
        crossEnv([
          ns('dev', { environment: 'development' }),
          ns('prod', { env: 'production' }),
          ns('prod-2', { 'app.kubernetes.io/environment': 'production' }),
        ]),
      ).toEqual(['dev: prod,prod-2', 'prod-2: dev', 'prod: dev']);
    });
  });

  describe('when the namespaces share one environment', () => {
    it('reports nothing, even though they reach each other', () => {
      expect(crossEnv([ns('a', { environment: 'prod' }), ns('b', { environment: 'prod' })])).toEqual([]);
    });
  });

  describe('when a namespace carries no environment label', () => {
    it('does not count it as another environment', () => {
      expect(crossEnv([ns('a', { environment: 'prod' }), ns('b')])).toEqual([]);
    });
  });
});
