// Which Chromium renders the PDF: PUPPETEER_EXECUTABLE_PATH, else puppeteer's own browser, else a system
// Chromium/Chrome on the PATH. Never downloads.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { AppError } from '../../model/errors.js';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new AppError('RENDER', `PUPPETEER_EXECUTABLE_PATH=${fromEnv} is not an executable file`);
  }
  try {
    const own = puppeteer.executablePath();
    if (own && executable(own)) return own;
  } catch {
    // puppeteer has no browser of its own here; look on the PATH
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of SYSTEM_NAMES) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  throw new AppError(
    'RENDER',
    'no Chromium or Chrome found to render the PDF. Install one: on Debian/Ubuntu `apt-get install -y chromium`, ' +
      'or `npx puppeteer browsers install chrome`; or set PUPPETEER_EXECUTABLE_PATH. ' +
      'Use --formats without pdf to skip the PDF.',
  );
}
