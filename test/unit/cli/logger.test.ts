import { createLogger } from '../../../src/cli/logger.js';

function stream(isTTY: boolean): { write: (s: string) => void; isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  return { write: (s) => void chunks.push(s), isTTY, text: () => chunks.join('') };
}

describe('createLogger', () => {
  describe('when stderr is not a terminal (a CronJob)', () => {
    it('writes one JSON object per event, with the time from the clock, and no progress lines', () => {
      const s = stream(false);
      const log = createLogger(s, { now: () => new Date('2026-01-15T10:00:00Z') });
      log.progress?.('collect', 'pods: page 3');
      log.info('collected', { phase: 'collect', pods: 12 });
      expect(s.text()).toBe(
        '{"time":"2026-01-15T10:00:00.000Z","level":"info","event":"collected","phase":"collect","pods":12}\n',
      );
    });
  });

  describe('when stderr is a terminal', () => {
    it('shows progress on one overwritten line and clears it before the next event', () => {
      const s = stream(true);
      const log = createLogger(s);
      log.progress?.('collect', 'pods: page 1');
      log.progress?.('collect', 'pods: page 2');
      log.warn('cluster list restarted', { resource: 'pods' });
      expect(s.text()).toBe(
        '\r\x1b[Kcollect: pods: page 1\r\x1b[Kcollect: pods: page 2\r\x1b[KWARN: cluster list restarted (resource=pods)\n',
      );
    });
  });
});
