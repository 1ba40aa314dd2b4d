// Puppeteer reads this file when it installs and when it runs.
// Its own browser download is skipped where a system Chromium/Chrome is (or is about to be) installed:
// a browser named by PUPPETEER_EXECUTABLE_PATH or found in the usual places, or a Debian/Ubuntu machine
// where we run as root, whose Chromium scripts/setup-system.mjs installs with apt-get (machines without
// internet access cannot download puppeteer's browser). Everywhere else puppeteer downloads its own
// browser as usual. PUPPETEER_SKIP_DOWNLOAD=1 or =0 overrides the choice.
const { existsSync } = require('node:fs');

const systemBrowser =
  process.env.PUPPETEER_EXECUTABLE_PATH ||
  [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].find((f) => existsSync(f));
const debianRoot =
  existsSync('/etc/debian_version') &&
  existsSync('/usr/bin/apt-get') &&
  typeof process.getuid === 'function' &&
  process.getuid() === 0;
const forced = process.env.PUPPETEER_SKIP_DOWNLOAD;

module.exports = {
  skipDownload:
    forced !== undefined && forced !== ''
      ? forced !== '0' && forced !== 'false'
      : Boolean(systemBrowser) || debianRoot,
};
