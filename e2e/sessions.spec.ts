import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./db";
import { signIn, signOut, signUp, uniqueName } from "./helpers";

// Each test signs up (argon2) and drives several pages: on the shared 2-core machine that can
// take minutes, so these get more than the default minute.
test.describe.configure({ timeout: 240_000 });

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

async function orgExists(slug: string): Promise<boolean> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select 1 from organizations where slug = ${slug}`;
    return !!row;
  } finally {
    await sql.end();
  }
}

test("the security page signs out another browser, and then this one everywhere", async ({ page, browser }) => {
  const username = uniqueName("devices");
  await signUp(page, username);

  const other = await browser.newContext({ userAgent: FIREFOX });
  const otherPage = await other.newPage();
  await signIn(otherPage, username);
  await expect(otherPage).toHaveURL(new RegExp(`/${username}$`));

  await page.goto("/settings");
  await page.getByRole("link", { name: /where you are signed in/i }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  const sessions = page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "this device" })).toHaveCount(1);
  const firefoxRow = sessions.filter({ hasText: "Firefox on Linux" });
  await expect(firefoxRow).toHaveCount(1);
  await expect(firefoxRow).not.toContainText("this device");
  await expect(firefoxRow).toContainText(/Signed in .* · last seen /);

  await firefoxRow.getByRole("button", { name: /^Sign out Firefox on Linux/ }).click();
  await expect(sessions).toHaveCount(1);

  // The other browser's next navigation finds its session gone.
  await otherPage.goto(`/${username}`);
  await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=/);
  await other.close();

  // Positive control: this browser is still signed in.
  await page.goto(`/${username}`);
  await expect(page.getByRole("heading", { level: 1, name: username })).toBeVisible();

  await page.goto("/settings/security");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto(`/${username}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

/** Creates an organization through the form and returns the recorded server-action request. */
async function recordCreateOrg(page: Page, slug: string) {
  await page.goto("/organizations/new");
  await page.getByLabel("Organization URL name").fill(slug);
  await page.getByLabel("Display name").fill("Replay Ltd");
  const recordedPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Create organization" }).click();
  const recorded = await recordedPromise;
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  const headers = { "next-action": recorded.headers()["next-action"], "content-type": recorded.headers()["content-type"], accept: "text/x-component" };
  const body = recorded.postDataBuffer()!.toString("latin1");
  return { headers, bodyFor: (newSlug: string) => Buffer.from(body.replaceAll(slug, newSlug), "latin1") };
}

test("after sign-out, a replayed cookie gets the sign-in page and its server-action POSTs are refused", async ({ page, browser, context }) => {
  const username = uniqueName("replay");
  await signUp(page, username);
  const first = uniqueName("replay-org");
  const { headers, bodyFor } = await recordCreateOrg(page, first);

  // Positive control: while the session lives, a replay with this cookie works.
  const live = uniqueName("replay-live");
  const liveAnswer = await page.request.post("/organizations/new", { headers, data: bodyFor(live) });
  expect(liveAnswer.ok()).toBe(true);
  expect(await orgExists(live)).toBe(true);

  const oldCookies = await context.cookies();
  expect(oldCookies.some((c) => c.name.includes("session-token"))).toBe(true);
  await page.goto(`/${username}`);
  await signOut(page);

  const thief = await browser.newContext();
  await thief.addCookies(oldCookies);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`/${username}`);
  await expect(thiefPage).toHaveURL(/\/signin\?callbackUrl=/);
  await thiefPage.goto("/settings/security");
  await expect(thiefPage).toHaveURL(/\/signin\?callbackUrl=/);

  const stolen = uniqueName("replay-stolen");
  const replay = await thief.request.post("/organizations/new", { headers, data: bodyFor(stolen) });
  expect(replay.status()).toBeLessThan(500);
  expect(await replay.text()).toContain("You are signed out. Sign in and try again.");
  expect(await orgExists(stolen)).toBe(false);
  await thief.close();
});
