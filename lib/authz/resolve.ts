import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { plannedRows, rows, statementShape, type Executor } from "@/db/client";
import type { OrgRole, ProjectLevel, Visibility } from "@/db/schema";
import { aggregatedAccessSql, NO_USER, policyRolesKey, RANK_LEVELS, viewerRowsSql, type SourceKind, type SourceRow } from "./level-sql";
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
  | { kind: "org-admin"; role: OrgRole }
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
  org_slug: string; org_kind: "personal" | "team"; org_display_name: string;
  allow_public_projects: boolean; external_collaborators: boolean; deploy_for_write: boolean; predict_for_read: boolean;
  org_role: OrgRole | null; rank: number | null; sources: SourceRow[] | null;
};

const SOURCE_ORDER: SourceKind[] = ["org-admin", "direct", "team", "baseline", "public"];

/** The SQL's source rows as the UI names them, in a stable order (teams by name). */
export function toAccessSources(list: SourceRow[] | null): AccessSource[] {
  const sorted = [...(list ?? [])].sort(
    (a, b) => SOURCE_ORDER.indexOf(a.kind) - SOURCE_ORDER.indexOf(b.kind) || (a.detail ?? "").localeCompare(b.detail ?? ""),
  );
  return sorted.map((s): AccessSource => {
    switch (s.kind) {
      case "org-admin": return { kind: "org-admin", role: s.detail as OrgRole };
      case "direct": return { kind: "direct", level: s.detail as ProjectLevel };
      case "team": return { kind: "team", team: s.detail ?? "", level: RANK_LEVELS[s.rank] as ProjectLevel };
      case "baseline": return { kind: "baseline", level: s.detail as ProjectLevel };
      case "public": return { kind: "public" };
    }
  });
}

/** The resolver's one statement, with placeholders for the viewer and the project. */
function resolverSql(byId: boolean, lock: boolean): SQL {
  const user = sql`${sql.placeholder("user")}`;
  const where = byId
    ? sql`p.id = ${sql.placeholder("projectId")}::uuid`
    : sql`lower(vo.slug) = lower(${sql.placeholder("orgSlug")}) and p.slug = lower(${sql.placeholder("projectSlug")})`;
  // The project and the viewer's rows are read once, here; each source reads only its grants.
  const access = aggregatedAccessSql({ user, oneProject: true, viewerJoined: true });
  return sql`select p.id, p.org_id, p.slug, p.name, p.description, p.tags, p.colour, p.visibility, p.created_by,
        p.created_at, p.updated_at,
        vo.slug as org_slug, vo.kind as org_kind, vo.display_name as org_display_name,
        vo.allow_public_projects, vo.external_collaborators, vo.deploy_for_write, vo.predict_for_read,
        vm.role as org_role, a.rank, a.sources
      from projects p
      join (${viewerRowsSql(user)}) on vo.id = p.org_id
      cross join lateral (${access}) a
      where ${where} ${lock ? sql`for update of p` : sql``}`;
}

/**
 * The viewer's effective level on one project, with where it comes from, in one round trip: a
 * primary-key lookup of the project, its org and the viewer's membership, and each grant source
 * as an index lookup on that project (see `accessSourcesSql`).
 * A null result means "not found" for this viewer: callers answer 404 either way, so a
 * project in another organization cannot be told apart from a missing id.
 */
export async function resolveProjectAccess(
  db: Executor,
  userId: string | null,
  ref: { projectId: string } | { orgSlug: string; projectSlug: string },
  opts: { lock?: boolean } = {},
): Promise<ProjectAccess | null> {
  const byId = "projectId" in ref;
  const lock = !!opts.lock;
  const statement = statementShape(db, `resolveProjectAccess:${byId ? "id" : "slug"}:${lock}:${policyRolesKey()}`, () => resolverSql(byId, lock));
  const [row] = await plannedRows<Row>(db, statement, {
    user: userId ?? NO_USER,
    ...(byId ? { projectId: ref.projectId } : { orgSlug: ref.orgSlug, projectSlug: ref.projectSlug }),
  });
  if (!row) return null;
  const level = RANK_LEVELS[Number(row.rank ?? 0)] ?? null;
  if (!level) return null;

  const sources = toAccessSources(row.sources);
  const grants = (row.sources ?? []).filter((s) => s.kind === "direct" || s.kind === "team");
  const capabilities: ProjectCapabilities = {
    // A deploy override means something only on a grant that itself gives write.
    deploy: level === "admin" || (level === "write" && (row.deploy_for_write || grants.some((g) => g.can_deploy === true && g.rank >= 2))),
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
    case "org-admin": return `organization ${s.role}`;
    case "direct": return `direct grant (${s.level})`;
    case "team": return `via team ${s.team} (${s.level})`;
    case "baseline": return `organization baseline (${s.level})`;
    case "public": return "public project (read)";
  }
}
