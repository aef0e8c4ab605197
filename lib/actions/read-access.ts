import "server-only";
import type { ProjectAction } from "@/lib/authz/policy";
import { PROJECT_ACTIONS, projectAllows } from "@/lib/authz/policy";
import { resolveProjectAccess, type ProjectAccess } from "@/lib/authz/resolve";
import { getDb } from "@/lib/db";
import { ActionError, ForbiddenError, NotFoundError } from "./result";

export const SIGNED_OUT = "Sign in, or send a personal access token as “Authorization: Bearer wbo_pat_…”.";
import { callerClaims, capByToken, resolveCaller, type Caller } from "./safe-action";

import { isUuid } from "@/lib/validation/ids";

export { isUuid };

/**
 * Reads through the API pass the same steps as the actions, without a transaction: the caller
 * (session or token), the one resolver, the policy table, and the token's cap.
 */
export async function authorizeProjectRead(projectId: string, permission: ProjectAction): Promise<{ caller: Caller | null; access: ProjectAccess }> {
  const db = await getDb();
  const caller = await resolveCaller(db, await callerClaims());
  if (!isUuid(projectId)) throw new NotFoundError("Project not found.");
  const access = await resolveProjectAccess(db, caller?.user.id ?? null, { projectId });
  if (!access) throw new NotFoundError("Project not found.");
  await capByToken(db, caller, access.org.id, false);
  if (!projectAllows(access.level, permission, access.capabilities)) throw new ForbiddenError(PROJECT_ACTIONS[permission].why);
  return { caller, access };
}

/** Reads that need someone signed in (or a token): who it is. */
export async function requireCaller(): Promise<Caller> {
  const caller = await resolveCaller(await getDb(), await callerClaims());
  if (!caller) throw new ActionError(SIGNED_OUT, 401);
  return caller;
}
