import "server-only";
import { eq } from "drizzle-orm";
import { organizations, type Organization } from "@/db/schema";
import { resolveOrgRole } from "@/lib/authz/resolve";
import { getDb } from "@/lib/db";
import { isLookupName } from "@/lib/validation/text";
import { seatUsage } from "./seats";

/** A workspace by slug with the viewer's role in it (null role: not a member). */
export async function getWorkspace(slug: string, userId: string | null) {
  if (!isLookupName(slug)) return null;
  const db = await getDb();
  const access = await resolveOrgRole(db, userId, { slug });
  if (!access) return null;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, access.org.id));
  return { org: org as Organization, role: access.role };
}

export async function orgSeatUsage(orgId: string) {
  return seatUsage(await getDb(), orgId);
}
