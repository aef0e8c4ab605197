import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { checkCredentials } from "@/lib/auth/credentials";
import { db, makeUser } from "../factories";

describe("demo seed", () => {
  it("builds Greg's Gyms once, with every role and both visibilities, and never seeds twice", async () => {
    const d = await db();
    expect(await seedDemo(d)).toEqual({ seeded: true });
    const roles = await rows<{ username: string; role: string }>(
      d,
      sql`select u.username, m.role from memberships m join users u on u.id = m.user_id
          join organizations o on o.id = m.org_id where o.slug = 'gregs_gyms' order by u.username`,
    );
    expect(roles.filter((r) => r.role === "owner").map((r) => r.username)).toEqual(["jones"]);
    expect(roles.find((r) => r.username === "gbrown")?.role).toBe("restricted");
    expect(roles.filter((r) => r.role === "admin").length).toBeGreaterThanOrEqual(1);
    const vis = await rows<{ visibility: string }>(d, sql`select distinct p.visibility from projects p join organizations o on o.id = p.org_id where o.slug = 'gregs_gyms'`);
    expect(vis.map((v) => v.visibility).sort()).toEqual(["organization", "private", "public"]);
    expect(await checkCredentials("jones", DEMO_PASSWORD, "192.0.2.1")).toMatchObject({ ok: true });
    // Members land in Greg's Gyms after sign-in; the outsider in their personal workspace.
    const defaults = await rows<{ username: string; slug: string | null }>(
      d,
      sql`select u.username, o.slug from users u left join organizations o on o.id = u.default_org_id where u.username in ('jones', 'gbrown', 'outsider') order by u.username`,
    );
    expect(defaults).toEqual([
      { username: "gbrown", slug: "gregs_gyms" },
      { username: "jones", slug: "gregs_gyms" },
      { username: "outsider", slug: null },
    ]);

    expect(await seedDemo(d)).toEqual({ seeded: false });
    const [{ n }] = await rows<{ n: number }>(d, sql`select count(*)::int as n from users where username = 'jones'`);
    expect(n).toBe(1);
  });

  it("does nothing on a database that already has users", async () => {
    // A database with data (here: the previous test's and one more user) is never seeded.
    await makeUser();
    expect(await seedDemo(await db())).toEqual({ seeded: false });
  });
});
