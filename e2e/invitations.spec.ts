import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { mailTo } from "./mail";
import { PASSWORD, createOrg, signIn, signOut, signUp, uniqueName } from "./helpers";

async function invite(page: Page, slug: string, invitees: string, role: string) {
  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(invitees);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitations" }).click();
}

test("an admin invites a new e-mail address; the invitee follows the e-mailed link, signs up, accepts and joins as admin", async ({ page, browser, baseURL }) => {
  const owner = uniqueName("own");
  const slug = uniqueName("inv").replace(/-/g, "_");
  const email = `${uniqueName("newbie")}@example.test`;
  await signUp(page, owner);
  await createOrg(page, slug, "Invite Labs");

  await invite(page, slug, `${email}, not-an-address@`, "Admin");
  await expect(page.getByText("“not-an-address@”: Enter a valid e-mail address.")).toBeVisible();
  await expect(page.getByText("Nobody was invited yet")).toBeVisible();
  await page.getByLabel("Usernames or e-mail addresses").fill(email);
  await page.getByRole("button", { name: "Send invitations" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${email}.`);
  const shownLink = await page.getByRole("textbox", { name: `Invitation link for ${email}`, exact: true }).inputValue();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending.getByRole("row", { name: email })).toContainText("Admin");
  await expect(pending.getByRole("row", { name: email })).toContainText(owner);

  const mail = await mailTo(email);
  expect(mail.subject).toBe(`${owner} invited you to join Invite Labs on Workbench`);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(mail.body)?.[0];
  expect(link).toBe(shownLink);
  expect(link!.startsWith(`${baseURL}/invite/`)).toBe(true);

  // The invitee, in a browser of their own, signed out.
  const guest = await browser.newContext();
  const invitee = await guest.newPage();
  await invitee.goto(link!);
  await expect(invitee.getByRole("heading", { name: "Join Invite Labs" })).toBeVisible();
  await expect(invitee.getByText(`${owner} invited ${email} to join Invite Labs as admin`)).toBeVisible();
  await invitee.getByRole("link", { name: "Create an account" }).click();
  await expect(invitee.getByLabel("E-mail")).toHaveValue(email);
  const username = uniqueName("newbie");
  await invitee.getByLabel("Username").fill(username);
  await invitee.getByLabel("Password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee).toHaveURL(new URL(link!).pathname);
  await invitee.getByRole("button", { name: "Accept the invitation to Invite Labs" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/${slug}$`));
  await expect(invitee.getByText("Organization · you are admin")).toBeVisible();
  // Used: the same link now says so.
  await invitee.goto(link!);
  await expect(invitee.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();
  await guest.close();

  await page.reload();
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await expect(page.getByRole("row", { name: username })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
});

test("a registered user invited by username: another account is turned away, the invitee accepts from notifications", async ({ page }) => {
  const invitee = uniqueName("reg");
  await signUp(page, invitee);
  await signOut(page);
  const owner = uniqueName("own");
  const slug = uniqueName("inv").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Username Works");
  await invite(page, slug, invitee, "Restricted member");
  const link = await page.getByRole("textbox", { name: `Invitation link for ${invitee}`, exact: true }).inputValue();

  // Signed in as the owner, the link is for someone else: it offers to switch, never to accept.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation is for another account" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Accept/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out and switch account" }).click();
  await expect(page).toHaveURL(/\/signin\?/);
  await expect(page.getByLabel("Username or e-mail")).toHaveValue(invitee);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new URL(link).pathname);
  await expect(page.getByRole("button", { name: "Accept the invitation to Username Works" })).toBeVisible();

  await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  const note = page.getByRole("listitem", { name: `${owner} invited you to join Username Works` });
  await note.getByRole("button", { name: "Accept the invitation to Username Works" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByText("Organization · you are restricted member")).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  await signOut(page);
  await signIn(page, owner);
  await page.goto(`/${slug}/settings/people`);
  await expect(page.getByText("No pending invitations.")).toBeVisible();
});

test("unknown, withdrawn, replaced and expired links each say what happened and what to do", async ({ page }) => {
  await page.goto(`/invite/${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await expect(page.getByText("Ask an admin of the organization to re-send the invitation")).toBeVisible();

  const owner = uniqueName("own");
  const slug = uniqueName("inv").replace(/-/g, "_");
  const [gone, renewed] = [`${uniqueName("gone")}@example.test`, `${uniqueName("renew")}@example.test`];
  await signUp(page, owner);
  await createOrg(page, slug, "Link States");
  await invite(page, slug, `${gone}\n${renewed}`, "Member");
  const goneLink = await page.getByRole("textbox", { name: `Invitation link for ${gone}`, exact: true }).inputValue();
  const oldLink = await page.getByRole("textbox", { name: `Invitation link for ${renewed}`, exact: true }).inputValue();

  const pending = page.getByRole("table", { name: "Pending invitations" });
  await pending.getByRole("row", { name: gone }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: `Revoke the invitation to ${gone}?` }).getByRole("button", { name: "Revoke invitation" }).click();
  await expect(pending.getByRole("row", { name: gone })).toHaveCount(0);
  await pending.getByRole("row", { name: renewed }).getByRole("button", { name: `Re-send invitation to ${renewed}` }).click();
  const newLink = await page.getByRole("textbox", { name: `New invitation link for ${renewed}`, exact: true }).inputValue();
  expect(newLink).not.toBe(oldLink);

  await signOut(page);
  await page.goto(goneLink);
  await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
  await page.goto(oldLink);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await page.goto(newLink);
  await expect(page.getByRole("heading", { name: "Join Link States" })).toBeVisible();

  // A week cannot pass inside a test: the expiry is moved into the past in the database.
  const sql = e2eSql();
  try {
    await sql`update invitations set expires_at = now() - interval '1 minute' where email = ${renewed}`;
  } finally {
    await sql.end();
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await expect(page.getByText("Ask an admin of the organization to re-send the invitation")).toBeVisible();
});
