import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { linkIn, mailTo } from "./mail";

export const PASSWORD = "correct-horse-battery";

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toLowerCase();
}

/**
 * Signs up and, unless told not to, verifies the address through the e-mailed link as a person
 * would: unverified accounts cannot create organizations, which most specs do next.
 */
export async function signUp(page: Page, username: string, email = `${username}@example.test`, opts: { verify?: boolean } = {}) {
  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`/${username}$`));
  if (opts.verify !== false) await verifyEmail(page, email);
}

/** Opens the newest verification link sent to `email` in this (signed-in) page and confirms it. */
export async function verifyEmail(page: Page, email: string, nth = 1) {
  const link = linkIn(await mailTo(email, /^Verify your e-mail address/, nth), "verify-email");
  await page.goto(link);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByRole("status")).toContainText(`Your e-mail address ${email} is verified.`);
  await page.getByRole("link", { name: "Continue to your workspace" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/verify-email/"));
}

/** Submits the sign-in form without waiting for the outcome (for refusals). */
export async function trySignIn(page: Page, identifier: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Username or e-mail").fill(identifier);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the app has taken the user past the sign-in page. */
export async function signIn(page: Page, identifier: string, password = PASSWORD) {
  await trySignIn(page, identifier, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

export async function signOut(page: Page) {
  await page.getByText(/▾$/).last().click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** Creates an organization from the header; the creator lands in it as owner. */
export async function createOrg(page: Page, slug: string, displayName: string) {
  await page.getByRole("link", { name: "New organization" }).click();
  await page.getByLabel("Organization URL name").fill(slug);
  await page.getByLabel("Display name").fill(displayName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
}

/**
 * Invites `username` (an existing account) into the organization from its People page, as the
 * owner or admin signed in on `page`, and returns the single-use link shown to the inviter.
 */
export async function inviteByUsername(page: Page, slug: string, username: string, roleLabel: string): Promise<string> {
  await page.goto(`/${slug}/settings/people`);
  await page.getByLabel("Usernames or e-mail addresses").fill(username);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: roleLabel });
  await page.getByRole("button", { name: "Send invitations" }).click();
  return page.getByRole("textbox", { name: `Invitation link for ${username}`, exact: true }).inputValue();
}

/** The invitee, signed in on `page`, opens their link and accepts; they land in the organization. */
export async function acceptInvitation(page: Page, link: string, slug: string) {
  await page.goto(link);
  await page.getByRole("button", { name: /^Accept the invitation to / }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
}

/**
 * Brings existing accounts into an organization the way people join: the inviter (signed in on
 * `page`) invites each by username, and each accepts the link in a browser of their own.
 */
export async function joinByInvitation(page: Page, slug: string, members: [username: string, roleLabel: string][]) {
  const browser = page.context().browser()!;
  for (const [username, roleLabel] of members) {
    const link = await inviteByUsername(page, slug, username, roleLabel);
    const context = await browser.newContext();
    try {
      const invitee = await context.newPage();
      await signIn(invitee, username);
      await acceptInvitation(invitee, link, slug);
    } finally {
      await context.close();
    }
  }
}

/** Creates a project from the workspace's "New project" link. */
export async function createProject(page: Page, workspace: string, name: string, visibility: "Private" | "Organization" | "Public", tags = "") {
  await page.goto(`/${workspace}`);
  await page.getByRole("link", { name: "New project" }).click();
  await page.getByLabel("Project name").fill(name);
  if (tags) await page.getByLabel("Tags").fill(tags);
  await page.getByRole("radio", { name: new RegExp(`^${visibility}`) }).check();
  await page.getByRole("button", { name: "Create project" }).click();
}

/** A newcomer opens an invitation link signed out, creates their account from it and is back on the invitation. */
export async function signUpFromInvitation(page: Page, link: string, username: string) {
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new URL(link).pathname);
}

/** Types into a search picker (a combobox) and clicks the match that is exactly this username. */
export async function pickFrom(page: Page, label: string, username: string) {
  const box = page.getByRole("combobox", { name: label });
  await box.fill(username);
  await page.getByRole("option", { name: new RegExp(`^${username}( \\(.*\\))?$`) }).click();
  await expect(box).toHaveValue(username);
  await expect(box).toHaveAttribute("aria-expanded", "false");
}
