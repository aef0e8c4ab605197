import "server-only";
import type { ProjectAction } from "@/lib/authz/policy";
import { resolveProjectAccess, type ProjectAccess } from "@/lib/authz/resolve";
import { getDb } from "@/lib/db";
import { ActionError, NotFoundError } from "./result";

export const SIGNED_OUT = "Sign in, or send a personal access token as “Authorization: Bearer wbo_pat_…”.";
import { authorizeProject, callerClaims, resolveCaller, type Caller } from "./safe-action";

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
  const found = await resolveProjectAccess(db, caller?.user.id ?? null, { projectId });
  return { caller, access: await authorizeProject(db, caller, found, permission, false) };
}

/** Reads that need someone signed in (or a token): who it is. */
export async function requireCaller(): Promise<Caller> {
  const caller = await resolveCaller(await getDb(), await callerClaims());
  if (!caller) throw new ActionError(SIGNED_OUT, 401);
  return caller;
}
