import type { Locator, Page } from "@playwright/test";
import { arrangeOrg, type ArrangedOrg } from "./arranged-org";
import { expect, test } from "./fixtures";
import { pickFrom, signIn } from "./helpers";

/**
 * Every confirmation dialog of the app, used from the keyboard only: the opener is activated with
 * Enter, focus starts inside the dialog and stays there through Tab and Shift+Tab, Esc closes it
 * without doing anything and puts focus back on the opener. The org is arranged directly in the
 * database (e2e/arranged-org.ts): these tests are about the dialogs, not about building an org.
 */
let org: ArrangedOrg;

test.describe.configure({ mode: "parallel" });

test.beforeAll(() => {
  org = arrangeOrg();
});

async function focusIsInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el);
}

/** Opens the dialog from the keyboard, walks Tab and Shift+Tab around it, and closes it with Esc. */
async function checkDialog(page: Page, opener: Locator, title: string) {
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog).toBeVisible();
  expect(await focusIsInside(dialog), "focus starts inside the dialog").toBe(true);
  // Cancel and confirm are its two controls: four presses go around it twice each way.
  for (const key of ["Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await focusIsInside(dialog), `focus stays inside the dialog after ${key}`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test("remove a member: the dialog works from the keyboard, Esc removes nobody, Enter on the confirm button removes them", async ({ page }) => {
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/people`);
  const member = org.users.member.username;
  const opener = page.getByRole("button", { name: `Remove ${member}`, exact: true });
  await checkDialog(page, opener, `Remove ${member}?`);

  await page.reload();
  await expect(page.getByRole("row", { name: member })).toBeVisible();

  // Confirming from the keyboard does the removal.
  await opener.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Remove ${member}?` });
  await dialog.getByRole("button", { name: "Remove member" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row", { name: member })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row", { name: member })).toHaveCount(0);
  await expect(page.getByRole("row", { name: org.users.admin.username })).toBeVisible();
});

test("leave the organization: the dialog works from the keyboard and Esc leaves the member in", async ({ page }) => {
  await signIn(page, org.users.restricted.username);
  await page.goto(`/${org.slug}/settings/people`);
  await checkDialog(page, page.getByRole("button", { name: "Leave organization" }), "Leave this organization?");
  await page.goto(`/${org.slug}/settings/people`);
  await expect(page.getByRole("row", { name: org.users.restricted.username })).toContainText("(you)");
});

test("transfer ownership: the dialog works from the keyboard and Esc transfers nothing", async ({ page }) => {
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/people`);
  await pickFrom(page, "New owner", org.users.admin.username);
  await checkDialog(page, page.getByRole("button", { name: "Transfer ownership" }), "Transfer ownership?");
  await page.reload();
  await expect(page.getByText("You are owner of this organization.")).toBeVisible();
});

test("revoke an invitation: the dialog works from the keyboard and Esc keeps it pending", async ({ page }) => {
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/people`);
  const opener = page.getByRole("button", { name: "Revoke", exact: true });
  await checkDialog(page, opener, `Revoke the invitation to ${org.invitee}?`);
  await page.reload();
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: org.invitee, exact: true })).toBeVisible();
});

test("delete a team: the dialog works from the keyboard and Esc keeps the team", async ({ page }) => {
  await signIn(page, org.users.owner.username);
  await page.goto(`/${org.slug}/settings/teams`);
  await checkDialog(page, page.getByRole("button", { name: "Delete Analysts" }), "Delete Analysts?");
  await page.reload();
  await expect(page.getByRole("button", { name: "Delete Analysts" })).toBeVisible();
});
