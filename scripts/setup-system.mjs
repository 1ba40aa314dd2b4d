#!/usr/bin/env node
// Runs before `npm install`: makes sure the system programs the project needs are there.
// - chromium (renders the PDF report), poppler-utils (pdfsig/pdftotext, used by the tests and by auditors), qpdf.
// On Debian/Ubuntu as root, missing packages are installed with apt-get and the script says so.
// Elsewhere it prints the exact command to run, and never fails the install: puppeteer's own browser
// (`npx puppeteer browsers install chrome`) works too. Set NETPOL_EVIDENCE_SKIP_SETUP=1 to skip.
// Dependency-free on purpose: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const log = (m) => process.stderr.write(`netpol-evidence setup: ${m}\n`);
if (process.env.NETPOL_EVIDENCE_SKIP_SETUP === '1') process.exit(0);

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const chromium = () =>
  (process.env.PUPPETEER_EXECUTABLE_PATH && existsSync(process.env.PUPPETEER_EXECUTABLE_PATH)) ||
  ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].some(has);

const wanted = [];
if (!chromium()) wanted.push('chromium');
if (!has('pdfsig') || !has('pdftotext')) wanted.push('poppler-utils');
if (!has('qpdf')) wanted.push('qpdf');
if (wanted.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = has('apt-get') && existsSync('/etc/debian_version');
const command = `apt-get update && apt-get install -y --no-install-recommends ${wanted.join(' ')}`;
if (apt && isRoot) {
  log(`installing missing system packages: ${wanted.join(', ')}`);
  try {
    execFileSync('sh', ['-c', command], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    log('system packages installed');
  } catch {
    log(`could not install them; run as root: ${command}`);
  }
} else {
  log(`missing: ${wanted.join(', ')}.`);
  log(
    apt
      ? `install them with: sudo ${command}`
      : 'install Chromium and poppler-utils with your package manager,',
  );
  if (wanted.includes('chromium'))
    log('or let puppeteer fetch its own browser: npx puppeteer browsers install chrome');
}
