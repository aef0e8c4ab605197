import "server-only";
import { cache } from "react";
import { sql, type SQL } from "drizzle-orm";
import { rows } from "@/db/client";
import type { Resource } from "@/db/schema";
import { accessSourcesSql } from "@/lib/authz/level-sql";
import { projectAllows } from "@/lib/authz/policy";
import { resolveProjectAccess, type ProjectAccess } from "@/lib/authz/resolve";
import { currentUserId } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { RESOURCE_KINDS, type ResourceKind } from "@/lib/resources/kinds";
import { isUuid } from "@/lib/validation/ids";
import { isLookupName } from "@/lib/validation/text";

/**
 * The project as this viewer may see it (signed out: public projects only), or null = not found.
 * Which levels may view comes from the policy table (`resource.view`), like every other action.
 */
export async function getProjectAccess(userId: string | null, orgSlug: string, projectSlug: string): Promise<ProjectAccess | null> {
  if (!isLookupName(orgSlug) || !isLookupName(projectSlug)) return null;
  const access = await resolveProjectAccess(await getDb(), userId, { orgSlug, projectSlug });
  return access && projectAllows(access.level, "resource.view") ? access : null;
}

/** For the project's pages: who is looking (maybe nobody) and what they may do here, once per request. */
export const loadProjectPage = cache(async (orgSlug: string, projectSlug: string) => {
  const userId = await currentUserId();
  const access = await getProjectAccess(userId, orgSlug, projectSlug);
  return { userId, access };
});

export interface Creator {
  username: string | null;
  /** False once the creator left the organization (or lost their grant here) or was deleted. */
  current: boolean;
}

export interface ResourceListItem {
  id: string;
  kind: ResourceKind;
  name: string;
  description: string;
  metadata: Record<string, unknown>;
  creator: Creator;
  createdAt: Date;
  updatedAt: Date;
}

export type ListRow = {
  id: string; kind: ResourceKind; name: string; description: string; metadata: Record<string, unknown>;
  created_at: string | Date; updated_at: string | Date; creator_username: string | null; creator_current: boolean;
};

// A creator still "belongs" while they are a member of the org, or a collaborator granted on the
// project (personal workspaces have no other members).
export const creatorColumns = sql`u.username as creator_username,
  (u.id is not null and (
    exists (select 1 from memberships cm where cm.org_id = p.org_id and cm.user_id = u.id)
    or exists (select 1 from project_grants cg where cg.project_id = p.id and cg.user_id = u.id)
  )) as creator_current`;

export function toItem(r: ListRow): ResourceListItem {
  return {
    id: r.id, kind: r.kind, name: r.name, description: r.description, metadata: r.metadata ?? {},
    creator: { username: r.creator_username, current: !!r.creator_current },
    createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  };
}

/** A project's resources by kind (no payloads), optionally filtered by a name search and a kind. */
export async function listProjectResources(
  projectId: string,
  filter: { q?: string; kind?: ResourceKind } = {},
): Promise<Record<ResourceKind, ResourceListItem[]>> {
  const where = [sql`r.project_id = ${projectId}::uuid`];
  if (filter.q) where.push(sql`(r.name ilike ${"%" + filter.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"} or r.description ilike ${"%" + filter.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"})`);
  if (filter.kind) where.push(sql`r.kind = ${filter.kind}`);
  const list = await rows<ListRow>(
    await getDb(),
    sql`select r.id, r.kind, r.name, r.description, r.metadata, r.created_at, r.updated_at, ${creatorColumns}
        from resources r join projects p on p.id = r.project_id left join users u on u.id = r.created_by
        where ${sql.join(where, sql` and `)}
        order by r.created_at desc, r.id
        limit 500`,
  );
  const grouped = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, [] as ResourceListItem[]])) as Record<ResourceKind, ResourceListItem[]>;
  for (const r of list) grouped[r.kind].push(toItem(r));
  return grouped;
}

export interface ResourceDetail extends ResourceListItem {
  projectId: string;
  payload: unknown;
  source: { id: string; kind: ResourceKind; name: string; sameProject: boolean } | null;
}

/** One resource of this project with its payload; a resource of another project is not found. */
export async function getResourceDetail(projectId: string, resourceId: string): Promise<ResourceDetail | null> {
  if (!isUuid(resourceId)) return null;
  const [r] = await rows<ListRow & { project_id: string; payload: unknown; source_id: string | null; source_kind: ResourceKind | null; source_name: string | null; source_project: string | null }>(
    await getDb(),
    sql`select r.id, r.project_id, r.kind, r.name, r.description, r.metadata, r.payload, r.created_at, r.updated_at, ${creatorColumns},
          s.id as source_id, s.kind as source_kind, s.name as source_name, s.project_id as source_project
        from resources r join projects p on p.id = r.project_id left join users u on u.id = r.created_by
        left join resources s on s.id = r.source_id
        where r.id = ${resourceId}::uuid and r.project_id = ${projectId}::uuid`,
  );
  if (!r) return null;
  const sameProject = r.source_project === r.project_id;
  return {
    ...toItem(r),
    projectId: r.project_id,
    payload: r.payload,
    // The name of a source in another project is withheld: the viewer may have no access there.
    source: r.source_id ? { id: r.source_id, kind: r.source_kind!, name: sameProject ? r.source_name! : "", sameProject } : null,
  };
}

/** Datasets and models of a project, with what the train and run forms need from them. */
export async function listProjectResourcesOfKind(projectId: string, kind: ResourceKind): Promise<Pick<Resource, "id" | "name" | "metadata">[]> {
  return rows<Pick<Resource, "id" | "name" | "metadata">>(
    await getDb(),
    sql`select id, name, metadata from resources where project_id = ${projectId}::uuid and kind = ${kind} order by created_at desc limit 200`,
  );
}

export interface ProjectTarget {
  id: string;
  name: string;
  orgName: string;
}

/**
 * Where this viewer may move a resource: other projects of the same organization where they
 * have write. Transfers: organization projects with write, only for a personal workspace's owner.
 */
export async function listResourceTargets(userId: string, access: ProjectAccess): Promise<{ move: ProjectTarget[]; transfer: ProjectTarget[] }> {
  const db = await getDb();
  // Write or more on the target, by the one definition of access (rank 2 is write).
  const writable = (where: SQL, org?: SQL) => sql`select s.project_id from (${accessSourcesSql({ user: sql`${userId}`, where, org })}) s
      group by s.project_id having max(s.rank) >= 2`;
  const move = await rows<ProjectTarget>(
    db,
    sql`select p.id, p.name, o.display_name as "orgName"
        from projects p join organizations o on o.id = p.org_id
        where p.id in (${writable(sql`p.org_id = ${access.org.id}::uuid and p.id <> ${access.project.id}::uuid`, sql`${access.org.id}::uuid`)})
        order by lower(p.name)`,
  );
  const ownsPersonal = access.org.kind === "personal" && access.orgRole === "owner";
  const transfer = ownsPersonal
    ? await rows<ProjectTarget>(
        db,
        sql`select p.id, p.name, o.display_name as "orgName"
            from projects p join organizations o on o.id = p.org_id
            where p.id in (${writable(sql`p.org_id in (select m.org_id from memberships m join organizations mo on mo.id = m.org_id
                                                        where m.user_id = ${userId}::uuid and mo.kind = 'team')`)})
            order by lower(o.display_name), lower(p.name)`,
      )
    : [];
  return {
    move: move.map(({ id, name, orgName }) => ({ id, name, orgName })),
    transfer: transfer.map(({ id, name, orgName }) => ({ id, name, orgName })),
  };
}
