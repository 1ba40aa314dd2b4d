import { resolveReviewHost } from '../../../../src/collect/githost/detect.js';
import { AppError } from '../../../../src/model/errors.js';

describe('resolveReviewHost', () => {
  describe('when no review flag is given', () => {
    it.each([
      [
        'https://github.com/org/policies.git',
        { kind: 'github', apiUrl: 'https://api.github.com', repo: 'org/policies' },
      ],
      [
        'git@github.com:org/policies.git',
        { kind: 'github', apiUrl: 'https://api.github.com', repo: 'org/policies' },
      ],
      [
        'https://user:secret@gitlab.com/platform/net/policies',
        { kind: 'gitlab', apiUrl: 'https://gitlab.com', repo: 'platform/net/policies' },
      ],
      [
        'ssh://git@gitlab.example.org/g/p.git',
        { kind: 'gitlab', apiUrl: 'https://gitlab.example.org', repo: 'g/p' },
      ],
      [
        'https://github.example.com/o/r',
        { kind: 'github', apiUrl: 'https://github.example.com/api/v3', repo: 'o/r' },
      ],
    ])('detects the host of %s', (remote, expected) => {
      expect(resolveReviewHost({}, remote)).toEqual(expected);
    });

    it.each(['/srv/policies', 'https://git.example.org/o/r.git'])('asks no host for %s', (remote) => {
      expect(resolveReviewHost({}, remote)).toBeUndefined();
    });
  });

  describe('when flags are given', () => {
    it('lets them override what the URL says', () => {
      expect(
        resolveReviewHost(
          { kind: 'gitlab', url: 'http://127.0.0.1:8/', repo: 'a/b/c' },
          'https://github.com/o/r',
        ),
      ).toEqual({
        kind: 'gitlab',
        apiUrl: 'http://127.0.0.1:8',
        repo: 'a/b/c',
      });
    });

    it.each([
      [{ kind: 'github' as const }, '/srv/policies', /--review-repo OWNER\/NAME is needed/],
      [{ repo: 'o/r' }, 'https://git.example.org/o/r', /cannot tell github or gitlab from git\.example\.org/],
      [{ kind: 'github' as const, repo: 'a/b/c' }, '/srv/x', /a GitHub repository is OWNER\/NAME/],
      [{ kind: 'github' as const, repo: 'o/r', url: 'ftp://x' }, '/srv/x', /not an http\(s\) URL/],
    ])('refuses %j for %s as a usage error', (flags, remote, message) => {
      let error: unknown;
      try {
        resolveReviewHost(flags, remote);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).exitCode).toBe(2);
      expect((error as AppError).message).toMatch(message);
    });
  });
});
