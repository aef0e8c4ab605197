import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, signUp, uniqueName } from "./helpers";

test("the People page shows 50 members a page, pages forward and back, and keeps the search across pages", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = uniqueName("own");
  const slug = uniqueName("org").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Paged People");
  // 60 more members arranged by SQL: this test is about paging the list, not about how people join
  // (invitations have their own specs). Names `<p>x01`–`x30` and `<p>y01`–`y30`.
  const p = uniqueName("pp").replace(/-/g, "");
  const names = [...Array.from({ length: 30 }, (_, i) => `${p}x${String(i + 1).padStart(2, "0")}`), ...Array.from({ length: 30 }, (_, i) => `${p}y${String(i + 1).padStart(2, "0")}`)];
  const sql = e2eSql();
  try {
    await sql`
      with made as (insert into users (username, email, password_hash, email_verified_at)
                    select n, n || '@example.test', 'x', now() from unnest(${names}::text[]) as n returning id)
      insert into memberships (org_id, user_id, role)
      select o.id, made.id, 'member' from made, organizations o where o.slug = ${slug}`;
  } finally {
    await sql.end();
  }

  await page.goto(`/${slug}/settings/people`);
  const members = page.getByRole("table", { name: "Members" });
  const rows = members.locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAccessibleName(owner);
  await expect(rows.last()).toHaveAccessibleName(`${p}y19`);
  await expect(page.getByRole("link", { name: "Previous page of members" })).toHaveCount(0);

  await page.getByRole("link", { name: "Next page of members" }).click();
  await expect(rows).toHaveCount(11);
  await expect(rows.first()).toHaveAccessibleName(`${p}y20`);
  await expect(rows.last()).toHaveAccessibleName(`${p}y30`);
  await expect(page.getByRole("link", { name: "Next page of members" })).toHaveCount(0);

  await page.getByRole("link", { name: "Previous page of members" }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAccessibleName(owner);

  // A search of 30 + 30 names: `<p>` matches all 60 members, so the search itself has two pages.
  await page.getByLabel("Search members").fill(p);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveAccessibleName(`${p}x01`);
  await page.getByRole("link", { name: "Next page of members" }).click();
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toHaveAccessibleName(`${p}y21`);
  await expect(page.getByLabel("Search members")).toHaveValue(p);
});
