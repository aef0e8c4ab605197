import { expect, test } from "./fixtures";
import { PASSWORD, signIn, signOut, signUp, trySignIn, uniqueName } from "./helpers";

test("sign up, land in the personal workspace, sign out, sign in with the e-mail", async ({ page }) => {
  const username = uniqueName("ada");
  await signUp(page, username);
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
  await expect(page.getByText("Personal workspace")).toBeVisible();

  await signOut(page);
  await page.goto(`/${username}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  await signIn(page, `${username}@example.test`);
  await expect(page).toHaveURL(new RegExp(`/${username}$`));
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();
});

test("a taken username and a short password each show their own error", async ({ page }) => {
  const username = uniqueName("taken");
  await signUp(page, username);
  await signOut(page);

  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("E-mail").fill(`other-${username}@example.test`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Password must be at least 8 characters.")).toBeVisible();

  await page.getByLabel("Username").fill(username);
  await page.getByLabel("E-mail").fill(`other-${username}@example.test`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This username is already taken.")).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);

  await page.getByLabel("Username").fill("settings");
  await page.getByLabel("E-mail").fill(`third-${username}@example.test`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This username is reserved.")).toBeVisible();
});

test("a signed-out visit to a workspace goes to sign-in and back after it", async ({ page }) => {
  const username = uniqueName("back");
  await signUp(page, username);
  await signOut(page);

  await page.goto(`/${username}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F/);
  await page.getByLabel("Username or e-mail").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/${username}$`));

  await signOut(page);
  await trySignIn(page, username, "wrong-password");
  await expect(page.getByText("Wrong username, e-mail or password.")).toBeVisible();
});

test("pages refuse to be framed by another site", async ({ request }) => {
  const response = await request.get("/signin");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
});
