import "server-only";
import { cache } from "react";
import { and, eq, sql } from "drizzle-orm";
import { memberships, organizations, type Organization, type OrgRole } from "@/db/schema";
import { getDb } from "@/lib/db";
import { isLookupName } from "@/lib/validation/text";
import { seatUsage } from "./seats";

/**
 * A workspace by slug with the viewer's role in it (null role: not a member), in one statement,
 * and once per request: the layout, the header, the metadata and the page of one render share
 * the answer. Slugs match without regard to case, so the request's cache is keyed the same way:
 * the layout passes the slug lower-cased, the page as typed.
 */
export function getWorkspace(slug: string, userId: string | null): Promise<{ org: Organization; role: OrgRole | null } | null> {
  return workspaceBySlug(slug.toLowerCase(), userId);
}

const workspaceBySlug = cache(async (slug: string, userId: string | null): Promise<{ org: Organization; role: OrgRole | null } | null> => {
  if (!isLookupName(slug)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ org: organizations, role: memberships.role })
    .from(organizations)
    .leftJoin(memberships, and(eq(memberships.orgId, organizations.id), sql`${memberships.userId} = ${userId}::uuid`))
    .where(sql`lower(${organizations.slug}) = lower(${slug})`)
    .limit(1);
  return row ? { org: row.org, role: row.role ?? null } : null;
});

/** Seat usage for a page, once per request (the People page shows it in two sections). */
export const orgSeatUsage = cache(async (orgId: string) => seatUsage(await getDb(), orgId));
