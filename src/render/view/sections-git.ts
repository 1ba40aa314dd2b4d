// Report sections from the Git evidence: the change log of the period and drift between Git and the cluster.
import type { Evidence } from '../../model/evidence.js';
import { changeImpactBlock } from './change-impact-block.js';
import { changeReviewCell, deployedCell, reviewHostBlock } from './change-review-cells.js';
import type { SignatureFormat } from '../../model/git.js';
import { num, plural, text } from './format.js';
import type { Block, Cell, Section } from './view-types.js';

const NO_GIT =
  'No Git repository was given: add --git-repo (and --git-path) to check who changed the policies, with what review and signature.';

function short(sha: string): string {
  return sha.slice(0, 12);
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

type Change = NonNullable<Evidence['changes']>[number];

const FORMAT_LABEL: Readonly<Record<SignatureFormat, string>> = {
  ssh: 'SSH',
  gpg: 'GPG',
  x509: 'X.509',
  none: 'no signature',
};

/** A good signature by someone other than the committer is shown as such, not as a plain green "signed". */
export function signatureCell(c: Change): Cell {
  const sig = c.signature;
  const format = FORMAT_LABEL[sig.format];
  if (sig.status !== 'good')
    return sig.status === 'none'
      ? { text: 'unsigned', badge: 'warn' }
      : { text: `signature ${sig.status}`, badge: 'warn', detail: format };
  const signer = sig.signer ?? '';
  const email = c.committer.email.toLowerCase();
  const same = signer === '' || signer.toLowerCase().includes(email) || signer === c.committer.name;
  return same
    ? { text: 'signed', badge: 'ok', detail: `${format}${signer ? `, ${signer}` : ''}` }
    : {
        text: 'other signer',
        badge: 'warn',
        detail: `${format} key of ${signer}, not of the committer ${c.committer.name}`,
      };
}

export function changesSection(e: Evidence): Section {
  if (!e.git || !e.changes)
    return { id: 'changes', title: 'Git change log', compact: true, blocks: [{ paragraphs: [NO_GIT] }] };
  const rows: Cell[][] = e.changes.map((c) => [
    text(`${short(c.sha)} ${c.committer.date.slice(0, 10)}`, true),
    text(
      `${c.subject}${c.files.length ? ` (${c.files.map((f) => `${f.status} ${f.path}`).join('; ')})` : ' (merge)'}`,
    ),
    text(c.author.name),
    changeReviewCell(c),
    signatureCell(c),
    deployedCell(c),
  ]);
  const blocks: Block[] = [
    {
      facts: [
        { label: 'Repository', value: e.git.repo },
        { label: 'Ref', value: `${e.git.ref} at ${short(e.git.headSha)}` },
        { label: 'Policy paths', value: e.git.paths.join(', ') },
        { label: 'Period', value: `${e.period.since.slice(0, 10)} to ${e.period.until.slice(0, 10)}` },
        { label: 'Commits in the period', value: num(e.changes.length) },
        {
          label: 'Reviews from',
          value: e.git.reviewHost
            ? `${e.git.reviewHost.kind === 'github' ? 'GitHub' : 'GitLab'} API (${e.git.reviewHost.repo}): verified approvals`
            : 'commit messages only: approval not verified (give --review-host to verify with GitHub or GitLab)',
        },
      ],
      tables: [
        {
          widths: [13, 25, 11, 18, 20, 13],
          columns: ['Commit and date', 'Change (files)', 'Author', 'Review', 'Signature', 'Deployed'],
          rows,
          empty: 'No commit touched the policy paths in the period: there is no change evidence for it.',
        },
      ],
    },
    {
      heading: 'Change log per policy',
      tables: [
        {
          widths: [35, 65],
          columns: ['Policy', 'Changes (date, action, commit)'],
          rows: e.git.policyChanges.map((p) => [
            text(`${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`),
            text(p.changes.map((c) => `${c.date.slice(0, 10)} ${c.action} ${short(c.sha)}`).join('; ')),
          ]),
          empty: 'No policy object changed in the period.',
        },
      ],
    },
  ];
  const host = reviewHostBlock(e);
  if (host) blocks.splice(1, 0, host);
  const impact = changeImpactBlock(e);
  if (impact) blocks.splice(host ? 2 : 1, 0, impact);
  if (e.git.unrendered.length) {
    blocks.push({
      heading: 'Kustomize overlays and Helm charts',
      tables: [
        {
          columns: ['Path', 'Tool', 'Rendered', 'Note'],
          rows: e.git.unrendered.map((u) => [
            text(u.path, true),
            text(u.tool),
            text(u.rendered ? 'yes' : 'no'),
            text(u.reason ?? ''),
          ]),
          empty: '',
        },
      ],
    });
  }
  return {
    id: 'changes',
    title: 'Git change log',
    intro:
      'Every commit in the audit period that touched the policy manifests: who made it, who approved it (verified with the Git host, or only inferred from the commit message), whether it was signed, when it reached the cluster, and its assessed effect on paths and findings. changes.csv holds the same population for sampling.',
    blocks,
  };
}

export function driftSection(e: Evidence): Section {
  if (!e.drift)
    return {
      id: 'drift',
      title: 'Drift between Git and the cluster',
      compact: true,
      blocks: [
        {
          paragraphs: [
            'No Git repository was given (--git-repo): add it to compare the cluster with what Git declares.',
          ],
        },
      ],
    };
  const state = {
    missingInCluster: 'in Git, missing in the cluster',
    notInGit: 'in the cluster, not in Git (unmanaged)',
    modified: 'modified in the cluster',
    unknown: 'unknown: desired state not determined',
  } as const;
  const rows: Cell[][] = e.drift.map((d) => [
    text(`${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.name}`),
    { text: state[d.state], badge: d.state === 'unknown' ? 'na' : 'bad' },
    text(
      d.reason ??
        (d.differences.map((x) => `${x.path}: Git ${show(x.git)}, cluster ${show(x.cluster)}`).join('; ') ||
          '—'),
    ),
  ]);
  return {
    id: 'drift',
    title: 'Drift between Git and the cluster',
    intro: `The policies Git declares at ${e.git ? e.git.headSha.slice(0, 12) : 'HEAD'} compared with the cluster (server-set fields and API defaults ignored): ${plural(e.drift.length, 'difference')}.`,
    blocks: [
      {
        tables: [
          {
            widths: [28, 20, 52],
            columns: ['Policy', 'State', 'Differences'],
            rows,
            empty: 'The cluster runs exactly what Git declares.',
          },
        ],
      },
    ],
  };
}
