import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Tx } from "@/db/client";
import { resolveOrgRole, resolveProjectAccess, type OrgAccess, type ProjectAccess } from "@/lib/authz/resolve";

/*
 * Warning: take a row lock in a statement of its own, and read roles and grants in the next one.
 * Under READ COMMITTED a statement that waited for a lock re-reads only the locked row; the rows
 * it joined stay as they were when it started, so a role read in the locking statement is the
 * role from before the change it waited for (a removed admin would still act as admin).
 */

/** Locks the organization row FOR UPDATE, then reads it and the caller's role as they are now. */
export async function lockOrgAndReadRole(tx: Tx, userId: string, slug: string): Promise<OrgAccess | null> {
  const [locked] = await rows<{ id: string }>(tx, sql`select id from organizations where lower(slug) = lower(${slug}) for update`);
  if (!locked) return null;
  return resolveOrgRole(tx, userId, { orgId: locked.id });
}

/**
 * Shares the project's organization row (membership and team changes hold it FOR UPDATE), locks
 * the project row (grant changes hold it), then resolves the caller's level as it is now.
 */
export async function lockProjectAndResolve(tx: Tx, userId: string, projectId: string): Promise<ProjectAccess | null> {
  const [org] = await rows<{ id: string }>(
    tx,
    sql`select o.id from organizations o join projects p on p.org_id = o.id where p.id = ${projectId}::uuid for share of o`,
  );
  if (!org) return null;
  const [project] = await rows<{ id: string }>(tx, sql`select id from projects where id = ${projectId}::uuid for update`);
  if (!project) return null;
  return resolveProjectAccess(tx, userId, { projectId });
}

/**
 * For read-level actions that record something (a prediction): FOR KEY SHARE on the org and
 * project rows, the very locks the inserts' foreign keys take anyway. They queue behind
 * membership and grant changes (FOR UPDATE), so the level read next is the current one, but
 * never behind each other.
 */
export async function keyShareProjectAndResolve(tx: Tx, userId: string, projectId: string): Promise<ProjectAccess | null> {
  const [org] = await rows<{ id: string }>(
    tx,
    sql`select o.id from organizations o join projects p on p.org_id = o.id where p.id = ${projectId}::uuid for key share of o`,
  );
  if (!org) return null;
  const [project] = await rows<{ id: string }>(tx, sql`select id from projects where id = ${projectId}::uuid for key share`);
  if (!project) return null;
  return resolveProjectAccess(tx, userId, { projectId });
}
