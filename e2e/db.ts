import { readFileSync } from "node:fs";
import postgres from "postgres";

/**
 * Direct access to the e2e server's database, for arranging what the UI under test does not
 * cover and for checking state after a refused request. Needs the PostgreSQL server (CI has one).
 */
export function e2eSql() {
  const { databaseUrl } = JSON.parse(readFileSync("e2e/.state/db.json", "utf8")) as { databaseUrl: string | null };
  if (!databaseUrl) throw new Error("These e2e checks need the PostgreSQL server: the e2e server is running on PGlite.");
  return postgres(databaseUrl, { max: 2, onnotice: () => {} });
}

/** Puts existing accounts into an organization directly (invitations have their own spec). */
export async function joinOrg(slug: string, members: [username: string, role: string][]) {
  const sql = e2eSql();
  try {
    for (const [username, role] of members) {
      await sql`insert into memberships (org_id, user_id, role)
                select o.id, u.id, ${role}::org_role from organizations o, users u where o.slug = ${slug} and u.username = ${username}`;
    }
  } finally {
    await sql.end();
  }
}
