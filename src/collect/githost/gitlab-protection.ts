// The policy branch's rules on GitLab: protected branch (who may push and merge) and approval settings and rules.
import type { BranchProtection } from '../../model/change-request.js';
import { hostAccessError } from './access-error.js';
import { GitLabHttpError, type GitLabClient } from './gitlab-client.js';

interface AccessLevel {
  readonly access_level_description?: string;
}
interface RawProtected {
  readonly push_access_levels?: readonly AccessLevel[];
  readonly allow_force_push?: boolean;
}
interface RawSettings {
  readonly reset_approvals_on_push?: boolean;
  readonly merge_requests_author_approval?: boolean;
}
interface RawRule {
  readonly name: string;
  readonly approvals_required: number;
  readonly applies_to_all_protected_branches?: boolean;
  readonly protected_branches?: readonly { readonly name: string }[];
}

/** Reads the three; a 403 or 404 on the approval endpoints (GitLab Free has no rules) is recorded, not fatal. */
export async function gitLabProtection(
  client: GitLabClient,
  pid: string,
  branch: string,
  apiUrl: string,
): Promise<BranchProtection> {
  const unreadable: string[] = [];
  const sources: string[] = [];
  const soft = async <T>(what: string, fn: () => Promise<unknown>): Promise<T | undefined> => {
    try {
      const v = (await fn()) as T;
      sources.push(what);
      return v;
    } catch (e) {
      if (!(e instanceof GitLabHttpError)) throw e;
      if (e.status === 404 && what === 'protected branches') return undefined;
      if (e.status === 403 || e.status === 404) {
        unreadable.push(`${what} (${e.status}: ${e.message})`);
        return undefined;
      }
      throw hostAccessError('gitlab', apiUrl, `reading ${what} of ${pid}`, e.status, e.message, e);
    }
  };
  const prot = await soft<RawProtected>('protected branches', () =>
    client.ProtectedBranches.show(pid, branch),
  );
  const settings = await soft<RawSettings>('approval settings', () =>
    client.MergeRequestApprovals.showConfiguration(pid),
  );
  const rules = await soft<RawRule[]>('approval rules', () =>
    client.MergeRequestApprovals.allApprovalRules(pid),
  );
  const applying = (rules ?? []).filter(
    (r) =>
      r.applies_to_all_protected_branches ||
      (r.protected_branches ?? []).length === 0 ||
      (r.protected_branches ?? []).some((b) => b.name === branch),
  );
  const bypass = (prot?.push_access_levels ?? [])
    .map((a) => a.access_level_description)
    .filter((d): d is string => !!d && d !== 'No one')
    .map((d) => `push: ${d}`);
  if (prot?.allow_force_push) bypass.push('force push allowed');
  return {
    branch,
    protected: prot !== undefined,
    ...(rules ? { requiredApprovals: Math.max(0, ...applying.map((r) => r.approvals_required)) } : {}),
    ...(settings?.reset_approvals_on_push !== undefined
      ? { dismissStaleApprovals: settings.reset_approvals_on_push }
      : {}),
    ...(settings?.merge_requests_author_approval !== undefined
      ? { authorMayApprove: settings.merge_requests_author_approval }
      : {}),
    bypass: bypass.sort(),
    sources,
    unreadable,
  };
}
