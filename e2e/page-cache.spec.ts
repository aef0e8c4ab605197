import type { Browser, Page, Request, Response } from "@playwright/test";
import { arrangeOrg } from "./arranged-org";
import { e2eSql } from "./db";
import { expect, test } from "./fixtures";
import { createProject, pickFrom, signIn, signOut } from "./helpers";

// Several people sign in (argon2) and each step loads pages on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

function cacheHeader(res: Response | null): string | undefined {
  expect(res, "a document response").not.toBeNull();
  return res!.headers()["x-page-cache"];
}

/**
 * Loads `path` until the server answers from its kept copy. One load is not always enough: a spec
 * in the other worker that moves the global epoch between two loads (renaming or deleting an
 * account) honestly makes the second one a miss. A cache that never answers still fails.
 */
async function loadUntilKept(page: Page, path: string) {
  await expect
    .poll(async () => cacheHeader(await page.goto(path)), { message: `${path} is answered from the kept copy`, intervals: [0], timeout: 30_000 })
    .toBe("hit");
}

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

function projectCard(page: Page, name: string) {
  return page.getByRole("list", { name: "Projects" }).getByRole("article", { name, exact: true });
}

test("a member's kept workspace page shows a rename and a removed grant on the next load", async ({ page, browser }) => {
  // The organization and its people are arranged by SQL: this test is about what the member's
  // kept page shows after the owner changes the project through the UI.
  const org = arrangeOrg();
  const { owner, member } = org.users;
  await signIn(page, owner.username);
  await createProject(page, org.slug, "Board Papers", "Private");
  await expect(page).toHaveURL(new RegExp(`/${org.slug}/board-papers$`));
  await page.goto(`/${org.slug}/board-papers/people`);
  await pickFrom(page, "Organization member", member.username);
  await page.getByLabel("Level", { exact: true }).selectOption("read");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("Added; they have been told by e-mail.")).toBeVisible();

  const memberPage = await signedIn(browser, member.username);
  expect(cacheHeader(await memberPage.goto(`/${org.slug}`))).toBe("miss");
  await expect(projectCard(memberPage, "Board Papers")).toContainText("Your access: read");
  // Positive control: the page is really kept, and the kept copy still shows the project.
  await loadUntilKept(memberPage, `/${org.slug}`);
  await expect(projectCard(memberPage, "Board Papers")).toContainText("Your access: read");

  await page.goto(`/${org.slug}/board-papers/settings`);
  await page.getByLabel("Project name").fill("Board Minutes");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  expect(cacheHeader(await memberPage.reload())).toBe("miss");
  await expect(projectCard(memberPage, "Board Minutes")).toContainText("Your access: read");
  await expect(projectCard(memberPage, "Board Papers")).toHaveCount(0);
  await loadUntilKept(memberPage, `/${org.slug}`);
  await expect(projectCard(memberPage, "Board Minutes")).toBeVisible();

  await page.goto(`/${org.slug}/board-papers/people`);
  const row = page.getByRole("row", { name: member.username });
  await row.getByRole("button", { name: `Remove ${member.username}` }).click();
  await expect(row).toHaveCount(0);

  expect(cacheHeader(await memberPage.reload())).toBe("miss");
  // The list did render (the public project is there); only the project no longer granted is gone.
  await expect(projectCard(memberPage, "Open Data")).toBeVisible();
  await expect(projectCard(memberPage, "Board Minutes")).toHaveCount(0);

  // A team's grant: its removal writes no notification, only the grant row changes (and the
  // audit log, which no kept page shows).
  await loadUntilKept(memberPage, `/${org.slug}`);
  await expect(projectCard(memberPage, "Secret Lab")).toContainText("Your access: read");
  await page.goto(`/${org.slug}/secret-lab/people`);
  await page.getByRole("listitem", { name: "Team Analysts" }).getByRole("button", { name: "Remove team Analysts" }).click();
  await expect(page.getByText("No team has been granted access.")).toBeVisible();
  expect(cacheHeader(await memberPage.reload())).toBe("miss");
  await expect(projectCard(memberPage, "Open Data")).toBeVisible();
  await expect(projectCard(memberPage, "Secret Lab")).toHaveCount(0);
  await memberPage.context().close();
});

test("after sign-out, the old cookie's kept page is not served: the request goes to sign-in", async ({ page, browser }) => {
  // Arranged by SQL: this test is about signing out, not about building the organization.
  const org = arrangeOrg();
  await signIn(page, org.users.member.username);
  expect(cacheHeader(await page.goto(`/${org.slug}`))).toBe("miss");
  await loadUntilKept(page, `/${org.slug}`);
  await expect(projectCard(page, "Secret Lab")).toBeVisible();

  const oldCookies = await page.context().cookies();
  expect(oldCookies.some((c) => c.name.includes("session-token"))).toBe(true);
  const thief = await browser.newContext();
  await thief.addCookies(oldCookies);
  const thiefPage = await thief.newPage();
  // Positive control: while the session lives, the copied cookie is answered from the kept copy.
  await loadUntilKept(thiefPage, `/${org.slug}`);
  await expect(projectCard(thiefPage, "Secret Lab")).toBeVisible();

  await signOut(page);

  const res = await thiefPage.goto(`/${org.slug}`);
  await expect(thiefPage).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(thiefPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  const headers: (string | undefined)[] = [];
  for (let req: Request | null = res!.request(); req; req = req.redirectedFrom()) headers.push((await req.response())?.headers()["x-page-cache"]);
  expect(headers).not.toContain("hit");
  expect(headers).not.toContain("miss"); // a dead session is not even looked up
  await expect(thiefPage.getByText("Secret Lab")).toHaveCount(0);
  await thief.close();
});

test("two members on the same URL each get their own page, also right after the other's was kept", async ({ page, browser }) => {
  // Arranged by SQL: the member reads the private "Secret Lab" through a team grant, the
  // restricted member has no grant; this test is about whose page each of them is shown.
  const org = arrangeOrg();
  const { member, restricted } = org.users;
  await signIn(page, member.username);
  await loadUntilKept(page, `/${org.slug}`);
  await expect(projectCard(page, "Secret Lab")).toBeVisible();

  const other = await signedIn(browser, restricted.username);
  const first = await other.goto(`/${org.slug}`);
  expect(cacheHeader(first)).toBe("miss");
  expect(await first!.text()).not.toContain("Secret Lab");
  await expect(projectCard(other, "Open Data")).toBeVisible();
  await expect(projectCard(other, "Secret Lab")).toHaveCount(0);
  await loadUntilKept(other, `/${org.slug}`);
  await expect(projectCard(other, "Open Data")).toBeVisible();
  await expect(projectCard(other, "Secret Lab")).toHaveCount(0);

  // And the member, right after the restricted member's page was kept, still gets their own.
  await loadUntilKept(page, `/${org.slug}`);
  await expect(projectCard(page, "Secret Lab")).toBeVisible();
  await other.context().close();

  // One browser shared by both: the member signs out, the restricted member signs in.
  await signOut(page);
  await signIn(page, restricted.username);
  const shared = await page.goto(`/${org.slug}`);
  expect(cacheHeader(shared)).toBe("miss");
  expect(await shared!.text()).not.toContain("Secret Lab");
  await expect(projectCard(page, "Open Data")).toBeVisible();
  await expect(projectCard(page, "Secret Lab")).toHaveCount(0);
});

test("a write made by plain SQL shows on the next load of a kept page", async ({ page }) => {
  const org = arrangeOrg();
  await signIn(page, org.users.member.username);
  await loadUntilKept(page, `/${org.slug}`);
  await expect(projectCard(page, "Open Data")).toBeVisible();

  // Outside the app, as other specs arrange data: only the database's own triggers can tell.
  const sql = e2eSql();
  try {
    await sql`update projects set name = 'Published Figures'
              where slug = 'open-data' and org_id = (select id from organizations where slug = ${org.slug})`;
  } finally {
    await sql.end();
  }

  expect(cacheHeader(await page.reload())).toBe("miss");
  await expect(projectCard(page, "Published Figures")).toBeVisible();
  await expect(projectCard(page, "Open Data")).toHaveCount(0);
});
