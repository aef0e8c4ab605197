import { expect, type Page } from "@playwright/test";
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
