// The policy branch's rules on GitHub: classic branch protection and repository rulesets, as far as readable.
import type { BranchProtection } from '../../model/change-request.js';
import { gitHubError, statusOf, type GitHubClient } from './github-client.js';

type Repo = { owner: string; repo: string };

interface Acc {
  protected: boolean;
  requiredApprovals?: number;
  dismissStaleApprovals?: boolean;
  includesAdmins?: boolean;
  bypass: Set<string>;
  sources: string[];
  unreadable: string[];
}

/** Reads both kinds of rules; a 403 on one (branch protection needs admin rights) is recorded, not fatal. */
export async function gitHubProtection(
  client: GitHubClient,
  base: Repo,
  branch: string,
  apiUrl: string,
): Promise<BranchProtection> {
  const acc: Acc = { protected: false, bypass: new Set(), sources: [], unreadable: [] };
  await classic(client, base, branch, apiUrl, acc);
  await rulesets(client, base, branch, apiUrl, acc);
  return {
    branch,
    protected: acc.protected,
    ...(acc.requiredApprovals !== undefined ? { requiredApprovals: acc.requiredApprovals } : {}),
    ...(acc.dismissStaleApprovals !== undefined ? { dismissStaleApprovals: acc.dismissStaleApprovals } : {}),
    ...(acc.includesAdmins !== undefined ? { includesAdmins: acc.includesAdmins } : {}),
    bypass: [...acc.bypass].sort(),
    sources: acc.sources,
    unreadable: acc.unreadable,
  };
}

/** 404 is "Branch not protected"; 403 means the token lacks Administration: read. */
async function soft<T>(what: string, apiUrl: string, acc: Acc, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    const status = statusOf(e);
    if (status === 404) return undefined;
    if (status === 403) {
      acc.unreadable.push(`${what} (403: the token needs Administration: read)`);
      return undefined;
    }
    throw gitHubError(apiUrl, `reading ${what}`, e);
  }
}

async function classic(
  client: GitHubClient,
  base: Repo,
  branch: string,
  apiUrl: string,
  acc: Acc,
): Promise<void> {
  const res = await soft('branch protection', apiUrl, acc, () =>
    client.rest.repos.getBranchProtection({ ...base, branch }),
  );
  if (!res) return;
  const p = res.data;
  acc.protected = true;
  acc.sources.push('branch protection');
  const reviews = p.required_pull_request_reviews;
  if (reviews) {
    acc.requiredApprovals = reviews.required_approving_review_count ?? 0;
    acc.dismissStaleApprovals = reviews.dismiss_stale_reviews;
    const allow = reviews.bypass_pull_request_allowances;
    for (const u of allow?.users ?? []) if (u.login) acc.bypass.add(`user ${u.login}`);
    for (const t of allow?.teams ?? []) acc.bypass.add(`team ${t.slug}`);
    for (const a of allow?.apps ?? []) if (a?.slug) acc.bypass.add(`app ${a.slug}`);
  } else acc.requiredApprovals = 0;
  acc.includesAdmins = p.enforce_admins?.enabled ?? false;
  if (!acc.includesAdmins) acc.bypass.add('repository administrators');
}

async function rulesets(
  client: GitHubClient,
  base: Repo,
  branch: string,
  apiUrl: string,
  acc: Acc,
): Promise<void> {
  const rules = await soft('rulesets', apiUrl, acc, () =>
    client.paginate(client.rest.repos.getBranchRules, { ...base, branch, per_page: 100 }),
  );
  if (!rules || rules.length === 0) return;
  acc.protected = true;
  acc.sources.push('rulesets');
  const ids = new Set<number>();
  for (const r of rules) {
    if (r.ruleset_id !== undefined) ids.add(r.ruleset_id);
    if (r.type !== 'pull_request') continue;
    const params = r.parameters as {
      required_approving_review_count?: number;
      dismiss_stale_reviews_on_push?: boolean;
    };
    acc.requiredApprovals = Math.max(acc.requiredApprovals ?? 0, params.required_approving_review_count ?? 0);
    acc.dismissStaleApprovals =
      (acc.dismissStaleApprovals ?? false) || !!params.dismiss_stale_reviews_on_push;
  }
  for (const id of [...ids].sort((a, b) => a - b)) {
    const set = await soft(`ruleset ${id}`, apiUrl, acc, () =>
      client.rest.repos.getRepoRuleset({ ...base, ruleset_id: id }),
    );
    for (const b of set?.data.bypass_actors ?? [])
      acc.bypass.add(
        `${b.actor_type}${b.actor_id != null ? ` ${b.actor_id}` : ''} (${b.bypass_mode ?? 'always'}, ruleset ${id})`,
      );
  }
}
