import "server-only";
import { sql } from "drizzle-orm";
import { rows, type Executor } from "@/db/client";
import type { OrgRole, ProjectLevel, Visibility } from "@/db/schema";
import { effectiveRankSql, RANK_LEVELS } from "./level-sql";
import type { ProjectCapabilities } from "./policy";

export interface OrgAccess {
  org: {
    id: string;
    slug: string;
    kind: "personal" | "team";
    displayName: string;
    personalUserId: string | null;
  };
  role: OrgRole | null;
}

/** The organization and the viewer's role in it, in one query; null when no such org. */
export async function resolveOrgRole(
  db: Executor,
  userId: string | null,
  ref: { orgId: string } | { slug: string },
  opts: { lock?: "update" | "share" } = {},
): Promise<OrgAccess | null> {
  const where = "orgId" in ref ? sql`o.id = ${ref.orgId}::uuid` : sql`lower(o.slug) = lower(${ref.slug})`;
  const lock = opts.lock === "update" ? sql`for update of o` : opts.lock === "share" ? sql`for share of o` : sql``;
  const [row] = await rows<{
    id: string; slug: string; kind: "personal" | "team"; display_name: string;
    personal_user_id: string | null; role: OrgRole | null;
  }>(
    db,
    sql`select o.id, o.slug, o.kind, o.display_name, o.personal_user_id, m.role
        from organizations o
        left join memberships m on m.org_id = o.id and m.user_id = ${userId ?? null}::uuid
        where ${where} ${lock}`,
  );
  if (!row) return null;
  return {
    org: {
      id: row.id, slug: row.slug, kind: row.kind, displayName: row.display_name,
      personalUserId: row.personal_user_id,
    },
    role: row.role,
  };
}

export type AccessSource =
  | { kind: "org-admin"; role: "owner" | "admin" }
  | { kind: "direct"; level: ProjectLevel }
  | { kind: "team"; team: string; level: ProjectLevel }
  | { kind: "baseline"; level: ProjectLevel }
  | { kind: "public" };

export interface ProjectAccess {
  project: {
    id: string; orgId: string; slug: string; name: string; description: string; tags: string[];
    colour: string; visibility: Visibility; createdBy: string | null; createdAt: Date; updatedAt: Date;
  };
  org: { id: string; slug: string; kind: "personal" | "team"; displayName: string; allowPublicProjects: boolean; externalCollaborators: boolean };
  orgRole: OrgRole | null;
  level: ProjectLevel | null;
  sources: AccessSource[];
  capabilities: ProjectCapabilities;
}

type Row = {
  id: string; org_id: string; slug: string; name: string; description: string; tags: string[];
  colour: string; visibility: Visibility; created_by: string | null; created_at: string | Date; updated_at: string | Date;
  org_slug: string; org_kind: "personal" | "team"; org_display_name: string; baseline: "none" | ProjectLevel;
  allow_public_projects: boolean; external_collaborators: boolean; deploy_for_write: boolean; predict_for_read: boolean;
  org_role: OrgRole | null; rank: number;
  direct: { level: ProjectLevel; can_deploy: boolean | null; can_predict: boolean | null } | null;
  team_grants: { team: string; level: ProjectLevel; can_deploy: boolean | null; can_predict: boolean | null }[] | null;
};

/**
 * The viewer's effective level on one project, with where it comes from, in one round trip.
 * A null result means "not found" for this viewer: callers answer 404 either way, so a
 * project in another organization cannot be told apart from a missing id.
 */
export async function resolveProjectAccess(
  db: Executor,
  userId: string | null,
  ref: { projectId: string } | { orgSlug: string; projectSlug: string },
  opts: { lock?: boolean } = {},
): Promise<ProjectAccess | null> {
  const uid = userId ?? "00000000-0000-0000-0000-000000000000";
  const where =
    "projectId" in ref
      ? sql`p.id = ${ref.projectId}::uuid`
      : sql`lower(o.slug) = lower(${ref.orgSlug}) and p.slug = lower(${ref.projectSlug})`;
  const [row] = await rows<Row>(
    db,
    sql`select p.id, p.org_id, p.slug, p.name, p.description, p.tags, p.colour, p.visibility, p.created_by,
          p.created_at, p.updated_at,
          o.slug as org_slug, o.kind as org_kind, o.display_name as org_display_name, o.baseline,
          o.allow_public_projects, o.external_collaborators, o.deploy_for_write, o.predict_for_read,
          m.role as org_role,
          ${effectiveRankSql(userId)} as rank,
          (select json_build_object('level', g.level, 'can_deploy', g.can_deploy, 'can_predict', g.can_predict)
             from project_grants g where g.project_id = p.id and g.user_id = ${uid}::uuid
               and (m.role is not null or o.external_collaborators or o.kind = 'personal')) as direct,
          (select json_agg(json_build_object('team', t.name, 'level', g.level, 'can_deploy', g.can_deploy, 'can_predict', g.can_predict) order by t.name)
             from project_grants g join teams t on t.id = g.team_id
             join team_members tm on tm.team_id = t.id and tm.user_id = ${uid}::uuid
             where g.project_id = p.id and m.role is not null) as team_grants
        from projects p
        join organizations o on o.id = p.org_id
        left join memberships m on m.org_id = o.id and m.user_id = ${uid}::uuid
        where ${where} ${opts.lock ? sql`for update of p` : sql``}`,
  );
  if (!row) return null;
  const level = RANK_LEVELS[Number(row.rank)] ?? null;
  if (!level) return null;

  const sources: AccessSource[] = [];
  if (row.org_role === "owner" || row.org_role === "admin") sources.push({ kind: "org-admin", role: row.org_role });
  if (row.direct) sources.push({ kind: "direct", level: row.direct.level });
  for (const t of row.team_grants ?? []) sources.push({ kind: "team", team: t.team, level: t.level });
  if (row.visibility !== "private" && row.org_role && row.baseline !== "none") {
    sources.push({ kind: "baseline", level: row.baseline });
  }
  if (row.visibility === "public") sources.push({ kind: "public" });

  const grants = [row.direct, ...(row.team_grants ?? [])].filter((g) => g !== null);
  const capabilities: ProjectCapabilities = {
    // A deploy override means something only on a grant that itself gives write.
    deploy: level === "admin" || (level === "write" && (row.deploy_for_write || grants.some((g) => g.can_deploy === true && g.level !== "read"))),
    predict: level !== "read" || row.predict_for_read || grants.some((g) => g.can_predict === true),
  };

  return {
    project: {
      id: row.id, orgId: row.org_id, slug: row.slug, name: row.name, description: row.description,
      tags: row.tags ?? [], colour: row.colour, visibility: row.visibility, createdBy: row.created_by,
      createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at),
    },
    org: {
      id: row.org_id, slug: row.org_slug, kind: row.org_kind, displayName: row.org_display_name,
      allowPublicProjects: row.allow_public_projects, externalCollaborators: row.external_collaborators,
    },
    orgRole: row.org_role,
    level,
    sources,
    capabilities,
  };
}

export function describeSource(s: AccessSource): string {
  switch (s.kind) {
    case "org-admin": return s.role === "owner" ? "organization owner" : "organization admin";
    case "direct": return `direct grant (${s.level})`;
    case "team": return `via team ${s.team} (${s.level})`;
    case "baseline": return `organization baseline (${s.level})`;
    case "public": return "public project (read)";
  }
}
