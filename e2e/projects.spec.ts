import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, createProject, joinByInvitation, pickFrom, signIn, signOut, signUp, uniqueName } from "./helpers";

async function userId(username: string): Promise<string> {
  const sql = e2eSql();
  try {
    const [row] = await sql`select id from users where username = ${username}`;
    return row.id as string;
  } finally {
    await sql.end();
  }
}

test("private project: grant a restricted member read, then the owner opens it to the organization", async ({ page, browser }) => {
  // Three people join through real invitations, each in a browser of their own: beyond one step's time.
  test.setTimeout(180_000);
  const creator = uniqueName("creator");
  const restricted = uniqueName("restr");
  const colleague = uniqueName("colleague");
  for (const u of [creator, restricted, colleague]) {
    await signUp(page, u);
    await signOut(page);
  }
  const owner = uniqueName("boss");
  const slug = uniqueName("labs").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Churn Labs");
  await joinByInvitation(page, slug, [[creator, "Member"], [restricted, "Restricted member"], [colleague, "Member"]]);
  await signOut(page);

  // A member creates a private project and becomes its admin.
  await signIn(page, creator);
  await createProject(page, slug, "Retention Model", "Private", "Tabular, churn");
  await expect(page).toHaveURL(new RegExp(`/${slug}/retention-model$`));
  await expect(page.getByRole("heading", { level: 1, name: "Retention Model" })).toBeVisible();
  await expect(page.getByTestId("project-access")).toHaveText(/Your access: admin — direct grant \(admin\)/);
  await expect(page.getByLabel("Visibility: Private")).toBeVisible();

  // The same name, differently cased, is refused with a field error.
  await createProject(page, slug, "retention MODEL", "Private");
  await expect(page.getByText("A project with this name already exists in this workspace.")).toBeVisible();

  // Add the restricted member with read, recording the request to replay it later.
  await page.goto(`/${slug}/retention-model/people`);
  // The member picker is a search box: typed text lists the matches; Esc closes the list, the
  // arrow keys move through it and Enter picks without submitting the form.
  const picker = page.getByRole("combobox", { name: "Organization member" });
  await picker.fill(restricted.slice(0, -1));
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("option", { name: restricted, exact: true })).toBeVisible();
  await picker.press("Escape");
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await picker.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("option", { name: restricted, exact: true })).toHaveAttribute("aria-selected", "true");
  const active = await picker.getAttribute("aria-activedescendant");
  await expect(page.locator(`[id="${active}"]`)).toHaveText(restricted);
  await picker.press("Enter");
  await expect(picker).toHaveValue(restricted);
  await expect(picker).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByText("Added; they have been told by e-mail.")).toHaveCount(0);
  await page.getByLabel("Level", { exact: true }).selectOption("read");
  const recordedPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Add person" }).click();
  const recorded = await recordedPromise;
  await expect(page.getByText("Added; they have been told by e-mail.")).toBeVisible();
  const row = page.getByRole("row", { name: restricted });
  await expect(row).toContainText("direct grant (read)");
  await expect(row).toContainText(`${restricted}@example.test`);
  await signOut(page);

  // The restricted member sees it in their list with read, and cannot create anything.
  await signIn(page, restricted);
  await page.goto(`/${slug}`);
  const card = page.getByRole("article", { name: "Retention Model" });
  await expect(card).toContainText("Your access: read");
  await expect(page.getByRole("button", { name: "New project" })).toBeDisabled();
  await expect(page.getByText("Restricted members cannot create projects")).toBeVisible();
  await card.getByRole("link", { name: "Retention Model" }).click();
  await expect(page.getByTestId("project-access")).toHaveText(/Your access: read — direct grant \(read\)/);
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "People", exact: true }).click();
  await expect(page.getByText("Only project admins can manage who has access to this project.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("@example.test");
  // A replayed "add person" POST, giving the colleague admin, is refused by the server.
  const headers = { "next-action": recorded.headers()["next-action"], "content-type": recorded.headers()["content-type"], accept: "text/x-component" };
  const forged = Buffer.from(
    recorded.postDataBuffer()!.toString("latin1").replace(await userId(restricted), await userId(colleague)).replace(/\bread\b/, "admin"),
    "latin1",
  );
  const replay = await page.request.post(`/${slug}/retention-model/people`, { headers, data: forged });
  expect(await replay.text()).toContain("Only project admins can manage who has access");
  const sql = e2eSql();
  try {
    const grants = await sql`select u.username from project_grants g join users u on u.id = g.user_id join projects p on p.id = g.project_id
                            join organizations o on o.id = p.org_id where o.slug = ${slug} and p.slug = 'retention-model'`;
    expect(grants.map((g) => g.username).sort()).toEqual([creator, restricted].sort());
  } finally {
    await sql.end();
  }
  await signOut(page);

  // Before: the colleague cannot see the private project at all.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, colleague);
  await otherPage.goto(`/${slug}`);
  await expect(otherPage.getByText("No projects you can see here yet.")).toBeVisible();
  expect((await otherPage.goto(`/${slug}/retention-model`))?.status()).toBe(404);

  // The owner switches the project to organization visibility.
  await signIn(page, owner);
  await page.goto(`/${slug}/retention-model`);
  await expect(page.getByTestId("project-access")).toHaveText(/Your access: admin — organization owner/);
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("radio", { name: /^Organization/ }).check();
  await page.getByRole("button", { name: "Change visibility" }).click();
  await expect(page.getByText("Visibility changed.")).toBeVisible();
  await expect(page.getByLabel("Visibility: Organization")).toBeVisible();

  // Now the colleague sees it with the baseline level.
  await otherPage.goto(`/${slug}`);
  await expect(otherPage.getByRole("article", { name: "Retention Model" })).toContainText("Your access: write");
  await otherPage.getByRole("link", { name: "Retention Model" }).click();
  await expect(otherPage.getByTestId("project-access")).toHaveText(/Your access: write — organization baseline \(write\)/);
  // And finds it through the URL filters.
  await otherPage.goto(`/${slug}?tag=churn&visibility=organization`);
  await expect(otherPage.getByLabel("Tag", { exact: true })).toHaveValue("churn");
  await expect(otherPage.getByRole("article", { name: "Retention Model" })).toBeVisible();
  await otherPage.getByLabel("Search by name").fill("nothing-like-it");
  await expect(otherPage.getByText("No project matches these filters.")).toBeVisible();
  await expect(otherPage).toHaveURL(/q=nothing-like-it/);

  // The owner lowers the organization's baseline to read; the colleague's level follows at once.
  await page.goto(`/${slug}/settings/permissions`);
  await expect(page.getByRole("radio", { name: /^write/ })).toBeChecked();
  await page.getByRole("radio", { name: /^read/ }).check();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await otherPage.goto(`/${slug}/retention-model`);
  await expect(otherPage.getByTestId("project-access")).toHaveText(/Your access: read — organization baseline \(read\)/);
  // A member sees the switches but cannot change them, and is told why.
  await otherPage.goto(`/${slug}/settings/permissions`);
  await expect(otherPage.getByText("Only owners and admins can change baseline permissions and organization settings.")).toBeVisible();
  await expect(otherPage.getByRole("checkbox", { name: "Allow public projects" })).toBeDisabled();
  await expect(otherPage.getByRole("button", { name: "Save permissions" })).toHaveCount(0);
  await other.close();
});

test("a public project in a personal workspace is readable signed out, read-only, without e-mails", async ({ page }) => {
  const friend = uniqueName("friend");
  await signUp(page, friend);
  await signOut(page);
  const author = uniqueName("author");
  await signUp(page, author);
  await createProject(page, author, "Open Benchmarks", "Public");
  await expect(page).toHaveURL(new RegExp(`/${author}/open-benchmarks$`));
  await expect(page.getByTestId("project-access")).toHaveText(/workspace owner/);

  await page.getByRole("link", { name: "People", exact: true }).click();
  await page.getByLabel("Collaborator's username").fill("nobody-by-that-name");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText("No user is called “nobody-by-that-name”.")).toBeVisible();
  await page.getByLabel("Collaborator's username").fill(friend);
  await page.getByLabel("Level", { exact: true }).selectOption("write");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("row", { name: friend })).toContainText("External collaborator");
  await signOut(page);

  const res = await page.goto(`/${author}/open-benchmarks`);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("project-access")).toHaveText(/Your access: read — public project \(read\) · you are signed out/);
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "People", exact: true }).click();
  // SPEC §3: a visitor who is neither a member nor a collaborator sees the project's admins at
  // most (here the workspace owner), never the other collaborators.
  const admins = page.getByRole("list", { name: "Project admins" });
  await expect(admins.getByRole("listitem")).toContainText([author]);
  await expect(page.locator("main")).not.toContainText(friend);
  await expect(page.locator("main")).not.toContainText("@example.test");
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  // The settings page itself only explains why.
  await page.goto(`/${author}/open-benchmarks/settings`);
  await expect(page.getByText("Only project admins can edit this project's settings.")).toBeVisible();
  // The workspace list still needs an account.
  await page.goto(`/${author}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // The author deletes it by typing its name.
  await signIn(page, author);
  await page.goto(`/${author}/open-benchmarks/settings`);
  await page.getByLabel("Type “Open Benchmarks” to confirm").fill("open benchmarks");
  await page.getByRole("button", { name: "Delete this project" }).click();
  await expect(page.getByText("Type “Open Benchmarks” to confirm.")).toBeVisible();
  await page.getByLabel("Type “Open Benchmarks” to confirm").fill("Open Benchmarks");
  await page.getByRole("button", { name: "Delete this project" }).click();
  await expect(page).toHaveURL(new RegExp(`/${author}$`));
  expect((await page.goto(`/${author}/open-benchmarks`))?.status()).toBe(404);
});

test("the project list scrolls in more pages and keeps its filters in the URL", async ({ page }) => {
  const user = uniqueName("lister");
  await signUp(page, user);
  // Thirty projects arranged in the database: the test is about paging and filters, and creating
  // each through the form would only make it slow (creating projects has its own tests above).
  const sql = e2eSql();
  try {
    await sql`insert into projects (org_id, slug, name, tags, visibility, created_by)
              select o.id, 'p-' || n, 'Project ' || lpad(n::text, 2, '0'), case when n % 2 = 0 then array['even'] else array['odd'] end, 'private', u.id
              from organizations o join users u on u.id = o.personal_user_id, generate_series(1, 30) n
              where o.slug = ${user}`;
    await sql`insert into project_grants (project_id, user_id, level)
              select p.id, o.personal_user_id, 'admin' from projects p join organizations o on o.id = p.org_id where o.slug = ${user}`;
  } finally {
    await sql.end();
  }
  await page.goto(`/${user}`);
  const cards = page.getByRole("list", { name: "Projects" }).getByRole("article");
  await expect(cards).toHaveCount(24);
  await page.getByRole("button", { name: "Load more projects" }).scrollIntoViewIfNeeded();
  await expect(cards).toHaveCount(30);
  await expect(page.getByRole("button", { name: "Load more projects" })).toHaveCount(0);

  await page.getByLabel("Tag", { exact: true }).selectOption("even");
  await expect(cards).toHaveCount(15);
  await page.getByLabel("Sort by").selectOption("updated");
  await expect(page).toHaveURL(/tag=even/);
  await expect(page).toHaveURL(/sort=updated/);
  // A shared link opens on the same view.
  await page.goto(page.url());
  await expect(page.getByLabel("Sort by")).toHaveValue("updated");
  await expect(cards).toHaveCount(15);
});

test("with deploy off for writers, a project admin switches it back on for one writer", async ({ page }) => {
  // Arranged through a real invitation accepted in a second browser: beyond one step's time.
  test.setTimeout(150_000);
  const writer = uniqueName("writer");
  await signUp(page, writer);
  await signOut(page);
  const owner = uniqueName("chief");
  const slug = uniqueName("deploys").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Deploy Labs");
  await joinByInvitation(page, slug, [[writer, "Member"]]);

  await page.goto(`/${slug}/settings/permissions`);
  await page.getByRole("checkbox", { name: "Writers can deploy" }).uncheck();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await createProject(page, slug, "Scoring", "Private");
  await expect(page).toHaveURL(new RegExp(`/${slug}/scoring$`));
  await page.getByRole("link", { name: "People", exact: true }).click();
  await pickFrom(page, "Organization member", writer);
  await page.getByLabel("Level", { exact: true }).selectOption("write");
  await page.getByRole("button", { name: "Add person" }).click();
  const row = page.getByRole("row", { name: writer });
  const allow = row.getByRole("checkbox", { name: "Allow deploying" });
  await expect(allow).not.toBeChecked();
  await allow.check();
  await row.getByRole("button", { name: `Save capabilities for ${writer}` }).click();
  await expect(row.getByRole("status")).toHaveText("Capabilities saved");
  await page.reload();
  await expect(page.getByRole("row", { name: writer }).getByRole("checkbox", { name: "Allow deploying" })).toBeChecked();
});
