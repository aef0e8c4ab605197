import { expect, test } from "./fixtures";
import { signIn, signUp, trySignIn, uniqueName } from "./helpers";
import { linkIn, mailTo, mailsTo } from "./mail";

const SENT = "If an account uses this address, we have sent it a link to choose a new password. Check your inbox.";
const NEW_PASSWORD = "a-brand-new-password";

test("forgot password → e-mail → reset → the old browser session is signed out, the new password works", async ({ page, browser }) => {
  // Several browsers and waits for delivered mail: more than the default minute on a busy machine.
  test.slow();
  const username = uniqueName("forgot");
  const email = `${username}@example.test`;
  await signUp(page, username, email);

  const other = await (await browser.newContext()).newPage();
  await other.goto("/signin");
  await other.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in page's "Username or e-mail" also matches the label "E-mail": wait for the new page.
  await expect(other.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  // An address nobody uses gets the very same answer, and no e-mail.
  const nobody = `${uniqueName("nobody")}@example.test`;
  await other.getByLabel("E-mail").fill(nobody);
  await other.getByRole("button", { name: "Send reset link" }).click();
  await expect(other.getByRole("status")).toHaveText(SENT);
  await other.goto("/forgot-password");
  await other.getByLabel("E-mail").fill(email);
  await other.getByRole("button", { name: "Send reset link" }).click();
  await expect(other.getByRole("status")).toHaveText(SENT);

  const mail = await mailTo(email, /^Reset your Workbench password/);
  expect(mail.body).toContain("The link works once, for one hour.");
  const link = linkIn(mail, "reset-password");
  await other.goto(link);
  await other.getByLabel("New password").fill(NEW_PASSWORD);
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other).toHaveURL(/\/signin\?reset=1$/);
  await expect(other.getByRole("status")).toContainText("Your password was changed");
  expect(mailsTo(nobody)).toEqual([]);

  // The browser that was signed in before the reset is signed out.
  await page.goto(`/${username}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // The old password no longer works; the new one does.
  await trySignIn(other, username);
  await expect(other.getByText("Wrong username, e-mail or password.")).toBeVisible();
  await signIn(other, username, NEW_PASSWORD);
  await expect(other).toHaveURL(new RegExp(`/${username}$`));

  // The link worked once.
  await other.goto(link);
  await other.getByLabel("New password").fill("yet-another-password");
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other.getByText("This reset link has already been used. Each link works once: ask for a new one if you need to.")).toBeVisible();
});
