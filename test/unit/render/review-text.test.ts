import { reviewCell } from '../../../src/render/view/review-text.js';

describe('the review column of the change log', () => {
  describe('when the subject only looks like a pull request ("… (#7)")', () => {
    it('says merged via pull request, approval not verified, never "reviewed"', () => {
      const c = reviewCell({ reviewed: true, kind: 'merge-request', reference: '#7', approvers: [] });
      expect(c).toEqual({
        text: 'unverified',
        badge: 'warn',
        detail: 'approval not verified: merged via pull request #7',
      });
    });
  });

  describe('when a Reviewed-by trailer names someone', () => {
    it('names them and still says the approval is not verified', () => {
      const c = reviewCell({ reviewed: true, kind: 'trailer', approvers: ['Bo <bo@example.com>'] });
      expect(c.text).toBe('unverified');
      expect(c.detail).toBe('approval not verified: review trailer names Bo <bo@example.com>');
      expect(c.badge).toBe('warn');
    });
  });

  describe('when there is no review evidence', () => {
    it('says so as a failure', () => {
      expect(reviewCell({ reviewed: false, kind: 'none', approvers: [] })).toEqual({
        text: 'no review evidence',
        badge: 'bad',
      });
    });
  });
});
