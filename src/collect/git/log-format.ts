// One `git log` over the period and paths: the format it prints and the parser of its output.
import type { FileChangeStatus, GitPerson } from '../../model/git.js';

const FIELDS = ['%H', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%s', '%G?', '%GS', '%GK', '%b'];
const RS = '\x1e';
const FS = '\x1f';
const END = '\x1d';
const ZERO = /^0+$/;

/** Records start with RS, fields are split by FS and end with END; `--raw -z` file entries follow. */
export const LOG_FORMAT = `--format=%x1e${FIELDS.join('%x1f')}%x1d`;

export interface LoggedFile {
  readonly status: FileChangeStatus;
  readonly path: string;
  readonly oldPath?: string;
  /** Blob before the change (absent for an added file). */
  readonly oldBlob?: string;
  /** Blob after the change (absent for a deleted file). */
  readonly newBlob?: string;
}

export interface LoggedCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: GitPerson;
  readonly committer: GitPerson;
  readonly subject: string;
  readonly body: string;
  readonly signatureLetter: string;
  readonly signer: string;
  readonly key: string;
  readonly files: readonly LoggedFile[];
}

function statusOf(letter: string): FileChangeStatus {
  switch (letter[0]) {
    case 'A':
    case 'C':
      return 'added';
    case 'D':
      return 'deleted';
    case 'R':
      return 'renamed';
    default:
      return 'modified';
  }
}

/** Parses the `--raw -z` entries after a record's END marker. */
function parseFiles(text: string): LoggedFile[] {
  const tokens = text.split('\0');
  const files: LoggedFile[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = tokens[i]?.replace(/^\n/, '') ?? '';
    if (!meta.startsWith(':')) continue;
    const [, , oldId = '', newId = '', letter = 'M'] = meta.slice(1).split(' ');
    const status = statusOf(letter);
    const twoPaths = letter.startsWith('R') || letter.startsWith('C');
    const first = tokens[++i] ?? '';
    const second = twoPaths ? (tokens[++i] ?? '') : undefined;
    const path = second ?? first;
    files.push({
      status,
      path,
      ...(status === 'renamed' ? { oldPath: first } : {}),
      ...(ZERO.test(oldId) || letter.startsWith('C') ? {} : { oldBlob: oldId }),
      ...(ZERO.test(newId) ? {} : { newBlob: newId }),
    });
  }
  return files;
}

/** Parses the whole output of `git log LOG_FORMAT --raw -z`, newest first as git printed it. */
export function parseLog(output: string): LoggedCommit[] {
  const out: LoggedCommit[] = [];
  for (const record of output.split(RS)) {
    const end = record.indexOf(END);
    if (end < 0) continue;
    const f = record.slice(0, end).split(FS);
    const at = (i: number): string => f[i] ?? '';
    out.push({
      sha: at(0),
      parents: at(1)
        .split(' ')
        .filter((p) => p.length > 0),
      author: { name: at(2), email: at(3), date: at(4) },
      committer: { name: at(5), email: at(6), date: at(7) },
      subject: at(8),
      signatureLetter: at(9),
      signer: at(10),
      key: at(11),
      body: f.slice(12).join(FS),
      files: parseFiles(record.slice(end + 1)),
    });
  }
  return out;
}
