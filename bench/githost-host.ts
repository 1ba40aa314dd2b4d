// The loopback Git host of bench/githost.ts in its own process, as a real host is: the benchmark then times
// the client only. argv: github|gitlab and a JSON file with the FakeHost (commitRequests as pairs).
import { readFileSync } from 'node:fs';
import { startGitHub } from '../test/helpers/githost/github-server.js';
import { startGitLab } from '../test/helpers/githost/gitlab-server.js';
import type { FakeHost } from '../test/helpers/githost/scenario.js';

const [kind, file] = process.argv.slice(2);
const raw = JSON.parse(readFileSync(file as string, 'utf8')) as Omit<FakeHost, 'commitRequests'> & {
  commitRequests: [string, number[]][];
};
const host: FakeHost = { ...raw, commitRequests: new Map(raw.commitRequests) };
const server = kind === 'github' ? await startGitHub(host) : await startGitLab(host);
process.stdout.write(`${server.url}\n`);
// The parent closes stdin when it is done; the server's request count goes to stdout first.
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${server.log.length}\n`, () => void server.close().then(() => process.exit(0)));
});
