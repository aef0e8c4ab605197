import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import type { OrgRole } from "@/db/schema";
import { getDb } from "@/lib/db";

export interface WorkspaceEntry {
  id: string;
  slug: string;
  displayName: string;
  kind: "personal" | "team";
  role: OrgRole;
  isDefault: boolean;
  isFavourite: boolean;
}

/** The user's workspaces for the switcher: personal first, then organizations by name. */
export async function listWorkspaces(userId: string): Promise<WorkspaceEntry[]> {
  const db = await getDb();
  const list = await rows<{
    id: string; slug: string; display_name: string; kind: "personal" | "team"; role: OrgRole;
    is_default: boolean; is_favourite: boolean;
  }>(
    db,
    sql`select o.id, o.slug, o.display_name, o.kind, m.role,
          (o.id = coalesce(u.default_org_id, (select id from organizations where personal_user_id = u.id))) as is_default,
          exists (select 1 from favourite_workspaces f where f.user_id = u.id and f.org_id = o.id) as is_favourite
        from memberships m
        join organizations o on o.id = m.org_id
        join users u on u.id = m.user_id
        where m.user_id = ${userId}::uuid
        order by (o.kind = 'personal') desc, lower(o.display_name), o.slug`,
  );
  return list.map((r) => ({
    id: r.id, slug: r.slug, displayName: r.display_name, kind: r.kind, role: r.role,
    isDefault: r.is_default, isFavourite: r.is_favourite,
  }));
}

/** Where "/" and sign-in land: the starred workspace if the user still belongs to it, else personal. */
export async function defaultWorkspaceSlug(userId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await rows<{ slug: string }>(
    db,
    sql`select coalesce(
          (select o.slug from organizations o join memberships m on m.org_id = o.id and m.user_id = u.id
            where o.id = u.default_org_id),
          (select o.slug from organizations o where o.personal_user_id = u.id)) as slug
        from users u where u.id = ${userId}::uuid`,
  );
  return row?.slug ?? null;
}
