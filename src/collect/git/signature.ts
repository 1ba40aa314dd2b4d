// Commit signatures as Git verified them (%G?, %GS, %GK), with the signature's format read from the commit.
import type { GitSignature, SignatureFormat, SignatureState } from '../../model/git.js';

/** git-log(1) PRETTY FORMATS, %G?: the letter Git prints for each verification outcome. */
export function signatureState(letter: string): SignatureState {
  switch (letter) {
    case 'G':
      return 'good';
    case 'B':
      return 'bad';
    case 'U':
      return 'unknown-key';
    case 'X':
    case 'Y':
      return 'expired';
    case 'R':
      return 'revoked';
    case 'N':
    case '':
      return 'none';
    default:
      return 'error';
  }
}

/** The format of the signature in a raw commit object's gpgsig header (absent: none). */
export function signatureFormat(commitObject: string): SignatureFormat {
  const headerEnd = commitObject.indexOf('\n\n');
  const headers = headerEnd < 0 ? commitObject : commitObject.slice(0, headerEnd);
  const m = /^gpgsig(?:-sha256)? (.*)$/m.exec(headers);
  if (!m?.[1]) return 'none';
  if (m[1].includes('SSH SIGNATURE')) return 'ssh';
  if (m[1].includes('SIGNED MESSAGE')) return 'x509';
  return 'gpg';
}

export function toSignature(
  letter: string,
  signer: string,
  key: string,
  format: SignatureFormat,
): GitSignature {
  return {
    status: signatureState(letter),
    ...(signer ? { signer } : {}),
    ...(key ? { key } : {}),
    format,
  };
}
