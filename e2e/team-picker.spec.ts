import { arrangeOrg, type ArrangedOrg } from "./arranged-org";
import { expect, test } from "./fixtures";
import { pickFrom, signIn } from "./helpers";

/**
 * Adding someone to a team through the search-as-you-type picker. The org and its team
 * "Analysts" (admin as team owner, member) are arranged directly in the database
 * (e2e/arranged-org.ts): this test is about the picker, not about building an org.
 */
let org: ArrangedOrg;

test.beforeAll(() => {
  org = arrangeOrg();
});

test("the owner adds a member to a team by typing part of their username", async ({ page }) => {
  const who = org.users.restricted.username;
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/teams`);
  const members = page.getByRole("list", { name: "Members of Analysts" });
  await expect(members).not.toContainText(who);
  // Someone already in the team is not offered.
  await page.getByRole("combobox", { name: "Add to Analysts" }).fill(org.users.member.username);
  // Wait for the search of that name to answer (the live region counts its matches), then check.
  await expect(page.getByText("0 matches", { exact: true })).toHaveCount(1);
  await expect(page.getByRole("option", { name: org.users.member.username, exact: true })).toHaveCount(0);
  await pickFrom(page, "Add to Analysts", who);
  await page.getByLabel("Team role").selectOption("member");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(members).toContainText(who);
  await page.reload();
  await expect(page.getByRole("list", { name: "Members of Analysts" })).toContainText(who);
});
