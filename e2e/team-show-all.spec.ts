import { arrangeOrg, type ArrangedOrg } from "./arranged-org";
import { e2eSql } from "./db";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

/**
 * A team card lists its first 10 members; its "Show all N members" link lists the rest. The org
 * (team "Analysts": the admin as team owner, the member) comes from e2e/arranged-org.ts, and 12
 * more people are put in the team by SQL: this test is about the link, and adding a dozen people
 * one by one through the picker is the team-picker spec's subject, not this one's.
 */
let org: ArrangedOrg;
const crowd = (i: number) => `crowd-${String(i).padStart(2, "0")}-${org.slug}`;

test.beforeAll(async () => {
  org = arrangeOrg();
  const sql = e2eSql();
  try {
    for (let i = 1; i <= 12; i++) {
      const [user] = await sql<{ id: string }[]>`insert into users (username, email, password_hash, email_verified_at)
        values (${crowd(i)}, ${`${crowd(i)}@example.test`}, 'not-for-signing-in', now()) returning id`;
      await sql`insert into memberships (org_id, user_id, role) select id, ${user.id}, 'member' from organizations where slug = ${org.slug}`;
      await sql`insert into team_members (team_id, user_id, role)
        select t.id, ${user.id}, 'member' from teams t join organizations o on o.id = t.org_id where o.slug = ${org.slug} and t.name = 'Analysts'`;
    }
  } finally {
    await sql.end();
  }
});

test("the owner opens a team of 14 past its first 10 members, each with its remove button", async ({ page }) => {
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/teams`);
  const members = page.getByRole("list", { name: "Members of Analysts" });
  // The team owner first, then by username: the admin, crowd-01 … crowd-09.
  await expect(members.getByRole("listitem")).toHaveCount(10);
  await expect(page.getByText("Showing 10 of 14 members.")).toBeVisible();
  await expect(members).toContainText(crowd(9));
  await expect(members).not.toContainText(crowd(10));
  await expect(members).not.toContainText(org.users.member.username);

  await page.getByRole("link", { name: "Show all 14 members of Analysts" }).click();
  await expect(members.getByRole("listitem")).toHaveCount(14);
  for (const who of [crowd(10), crowd(11), crowd(12), org.users.member.username]) await expect(members).toContainText(who);
  await expect(page.getByText("Showing 10 of 14 members.")).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove ${org.users.member.username} from Analysts` })).toBeVisible();
});
