import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, signIn, signOut, signUp, uniqueName } from "./helpers";

const trigger = (page: Page) => page.getByRole("button", { name: /^Switch workspace/ });
const list = (page: Page) => page.getByRole("list", { name: "Workspaces" });

test("the switcher moves between the personal workspace and two organizations and remembers the default", async ({ page }) => {
  const user = uniqueName("switch");
  const first = uniqueName("alpha").replace(/-/g, "_");
  const second = uniqueName("beta").replace(/-/g, "_");
  await signUp(page, user);
  await createOrg(page, first, "Alpha Org");
  await createOrg(page, second, "Beta Org");

  // Personal first, then the organizations with the user's role.
  await trigger(page).click();
  const links = list(page).getByRole("link");
  await expect(links).toHaveText([new RegExp(`^${user} personal`), /^Alpha Org owner/, /^Beta Org owner/]);
  await expect(list(page).getByRole("link", { name: /Beta Org/ })).toHaveAttribute("aria-current", "page");

  // Keyboard: focus starts on the current workspace; arrows move, Enter opens, Escape closes.
  await page.keyboard.press("ArrowUp");
  await expect(list(page).getByRole("link", { name: /Alpha Org/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(list(page)).toHaveCount(0);
  await expect(trigger(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Home");
  await expect(list(page).getByRole("link", { name: new RegExp(user) })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${user}$`));
  await expect(trigger(page)).toContainText(user);

  await trigger(page).click();
  await page.keyboard.press("ArrowDown");
  await expect(list(page).getByRole("link", { name: /Alpha Org/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/${first}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Alpha Org" })).toBeVisible();

  // The first organization became the default; starring the second one replaces it.
  await trigger(page).click();
  await expect(page.getByRole("button", { name: "Alpha Org is your default workspace" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Make Beta Org your default workspace" }).click();
  await expect(page.getByRole("button", { name: "Beta Org is your default workspace" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Escape");
  await signOut(page);
  await signIn(page, user);
  await expect(page).toHaveURL(new RegExp(`/${second}$`));

  await trigger(page).click();
  await page.getByRole("button", { name: `Make ${user} your default workspace` }).click();
  await expect(page.getByRole("button", { name: `${user} is your default workspace` })).toBeVisible();
  await signOut(page);
  await signIn(page, user);
  await expect(page).toHaveURL(new RegExp(`/${user}$`));
});

test("the switcher picks up organizations joined elsewhere without a reload, and searches past five", async ({ page }) => {
  const user = uniqueName("many");
  await signUp(page, user);
  await trigger(page).click();
  await expect(list(page).getByRole("link")).toHaveCount(1);
  await expect(page.getByLabel("Find a workspace")).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Five organizations appear (as if invitations were accepted in another tab).
  const sql = e2eSql();
  const names = ["Gamma", "Delta", "Epsilon", "Zeta", "Eta"];
  try {
    for (const name of names) {
      const slug = uniqueName(name.toLowerCase()).replace(/-/g, "_");
      await sql`with o as (insert into organizations (slug, kind, display_name) values (${slug}, 'team', ${name + " Org"}) returning id)
                insert into memberships (org_id, user_id, role) select o.id, u.id, 'member' from o, users u where u.username = ${user}`;
    }
  } finally {
    await sql.end();
  }
  await trigger(page).click();
  await expect(list(page).getByRole("link")).toHaveCount(6);
  await expect(list(page).getByRole("link", { name: /Zeta Org member/ })).toBeVisible();
  const search = page.getByLabel("Find a workspace");
  await expect(search).toBeFocused();
  await search.fill("zet");
  await expect(list(page).getByRole("link")).toHaveText([/^Zeta Org/]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Zeta Org" })).toBeVisible();
});
