import { AppError } from '../../../../src/model/errors.js';
import { findBrowser } from '../../../../src/render/pdf/find-browser.js';

describe('findBrowser', () => {
  describe('when PUPPETEER_EXECUTABLE_PATH names a file that is not there', () => {
    it('fails with a rendering error (exit 4) that names the variable', () => {
      const err = (() => {
        try {
          findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome', PATH: '' });
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).exitCode).toBe(4);
      expect((err as AppError).message).toMatch(/PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chrome/);
    });
  });

  describe('when PUPPETEER_EXECUTABLE_PATH names an executable', () => {
    it('uses it before anything else', () => {
      expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.execPath, PATH: '' })).toBe(process.execPath);
    });
  });
});
