import { expect, test } from "./fixtures";
import { PASSWORD, signUp, uniqueName, verifyEmail } from "./helpers";
import { linkIn, mailTo } from "./mail";

test("sign up → verification e-mail → verify: the banner goes and organizations can be created", async ({ page }) => {
  // Several browsers and waits for delivered mail: more than the default minute on a busy machine.
  test.slow();
  const username = uniqueName("veri");
  const email = `${username}@example.test`;
  await signUp(page, username, email, { verify: false });

  const banner = page.getByRole("region", { name: "E-mail verification" });
  await expect(banner).toContainText(`Verify your e-mail address ${email}`);
  await page.getByRole("link", { name: "New organization" }).click();
  await expect(page.getByText("Verify your e-mail address before creating an organization")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create organization" })).toHaveCount(0);

  // The first link, then a re-sent one that replaces it.
  const first = linkIn(await mailTo(email, /^Verify your e-mail address/), "verify-email");
  await banner.getByRole("button", { name: "Re-send verification e-mail" }).click();
  await expect(banner.getByRole("status")).toHaveText(`A new link is on its way to ${email}.`);
  const second = linkIn(await mailTo(email, /^Verify your e-mail address/, 2), "verify-email");
  expect(second).not.toBe(first);
  await page.goto(first);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByText(/^This verification link is not valid/)).toBeVisible();

  await page.goto(second);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByRole("status")).toHaveText(`Your e-mail address ${email} is verified.`);
  await page.getByRole("link", { name: "Continue to your workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/${username}$`));
  await expect(page.getByRole("region", { name: "E-mail verification" })).toHaveCount(0);

  // Used once: the same link now says so.
  await page.goto(second);
  await page.getByRole("button", { name: "Verify my e-mail address" }).click();
  await expect(page.getByText("This verification link has already been used. Each link works once.")).toBeVisible();

  await page.goto("/organizations/new");
  await page.getByLabel("Organization URL name").fill(uniqueName("vorg").replace(/-/g, "_"));
  await page.getByLabel("Display name").fill("Verified Labs");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("Organization · you are owner")).toBeVisible();
});

test("changing the e-mail keeps the old address until the new one is verified", async ({ page }) => {
  test.slow();
  const username = uniqueName("chg");
  await signUp(page, username);
  const next = `${uniqueName("next")}@example.test`;
  await page.goto("/settings");
  await page.getByLabel("New e-mail address").fill(next);
  await page.getByLabel("Confirm with your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change e-mail address" }).click();
  await expect(page.getByText(`Waiting for ${next} to be verified`)).toBeVisible();
  const account = page.getByRole("region", { name: "Account" });
  await expect(account).toContainText(`${username}@example.test (verified)`);

  await verifyEmail(page, next);
  await page.goto("/settings");
  await expect(account).toContainText(`${next} (verified)`);
  await expect(page.getByText(/Waiting for/)).toHaveCount(0);
});
