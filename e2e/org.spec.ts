import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, joinByInvitation, pickFrom, signIn, signOut, signUp, uniqueName } from "./helpers";

test("create an org, promote a member, transfer ownership, read the audit log, delete the org", async ({ page }) => {
  // Arranged through a real invitation in a second browser, then five settings pages: longer than one step.
  test.setTimeout(150_000);
  const member = uniqueName("mem");
  await signUp(page, member);
  await signOut(page);

  const owner = uniqueName("own");
  const slug = uniqueName("org").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, slug, "Acme Analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Analytics" })).toBeVisible();
  await joinByInvitation(page, slug, [[member, "Member"]]);

  await page.goto(`/${slug}`);
  await page.getByRole("link", { name: "Organization settings" }).click();
  await page.getByRole("link", { name: "People" }).click();
  const row = page.getByRole("row", { name: member });
  await row.getByLabel(`Role of ${member}`).selectOption("admin");
  await row.getByRole("button", { name: `Change role for ${member}` }).click();
  await expect(row.getByRole("status")).toHaveText("Role updated");
  await page.reload();
  await expect(page.getByRole("row", { name: member }).getByLabel(`Role of ${member}`)).toHaveValue("admin");

  await pickFrom(page, "New owner", member);
  await page.getByRole("button", { name: "Transfer ownership" }).click();
  const dialog = page.getByRole("dialog", { name: "Transfer ownership?" });
  await expect(dialog).toContainText(`${member} becomes the owner`);
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByText("You are admin of this organization.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Transfer ownership" })).toHaveCount(0);

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("cell", { name: "member.role" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "org.transfer" })).toBeVisible();
  await page.getByLabel("Action").selectOption("org.transfer");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "member.role" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (await download).createReadStream().then(async (s) => {
    let text = "";
    for await (const chunk of s) text += chunk;
    return text;
  });
  expect(csv.split(/\r?\n/)[0]).toBe("time,actor,action,target_type,target,before,after");
  expect(csv).toContain("org.transfer");

  // The former owner, now admin, cannot delete; the new owner can.
  await page.getByRole("link", { name: "Danger zone" }).click();
  await expect(page.getByText("Only the organization owner can delete the organization.")).toBeVisible();
  await signOut(page);
  await signIn(page, member, "correct-horse-battery");
  await page.goto(`/${slug}/settings/danger`);
  await page.getByLabel(`Type “${slug}” to confirm`).fill("not-the-slug");
  await page.getByRole("button", { name: "Delete this organization" }).click();
  await expect(page.getByText(`Type “${slug}” to confirm.`)).toBeVisible();
  await page.getByLabel(`Type “${slug}” to confirm`).fill(slug);
  await page.getByRole("button", { name: "Delete this organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/${member}$`));
  const gone = await page.goto(`/${slug}`);
  expect(gone?.status()).toBe(404);
});

test("a server action POSTed directly by a signed-out, foreign or too-low caller is refused", async ({ page, browser }) => {
  // Three accounts, an invitation accepted in its own browser and four replays: beyond one step's time.
  test.setTimeout(150_000);
  const owner = uniqueName("own");
  const member = uniqueName("mem");
  const slug = uniqueName("org").replace(/-/g, "_");
  await signUp(page, member);
  await signOut(page);
  await signUp(page, owner);
  await createOrg(page, slug, "Direct Post Ltd");
  await joinByInvitation(page, slug, [[member, "Member"]]);

  // Record the owner's real "change role" request, then replay it as other callers.
  await page.goto(`/${slug}/settings/people`);
  const row = page.getByRole("row", { name: member });
  await row.getByLabel(`Role of ${member}`).selectOption("restricted");
  const requestPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await row.getByRole("button", { name: `Change role for ${member}` }).click();
  const recorded = await requestPromise;
  await recorded.response();
  await expect(row.getByLabel(`Role of ${member}`)).toHaveValue("restricted");
  const headers = { "next-action": recorded.headers()["next-action"], "content-type": recorded.headers()["content-type"], accept: "text/x-component" };
  const body = recorded.postDataBuffer()!;
  const promoteBody = Buffer.from(body.toString("latin1").replace(/restricted/g, "admin"), "latin1");

  const roleOf = async () => {
    const sql = e2eSql();
    try {
      const [r] = await sql`select m.role from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id where o.slug = ${slug} and u.username = ${member}`;
      return r?.role;
    } finally {
      await sql.end();
    }
  };

  // Signed out.
  const anon = await browser.newContext();
  const anonResponse = await anon.request.post(`/${slug}/settings/people`, { headers, data: promoteBody });
  expect(anonResponse.status()).toBeLessThan(500);
  expect(await roleOf()).toBe("restricted");
  await anon.close();

  // The restricted member themselves, trying to promote themselves to admin.
  const self = await browser.newContext();
  const selfPage = await self.newPage();
  await signIn(selfPage, member);
  // Signed in, back on the organization their accepted invitation made their current workspace.
  await expect(selfPage).toHaveURL(new RegExp(`/${slug}$`));
  const selfResponse = await self.request.post(`/${slug}/settings/people`, { headers, data: promoteBody });
  expect(await selfResponse.text()).toContain("Only owners and admins can change roles");
  expect(await roleOf()).toBe("restricted");
  await self.close();

  // Positive control: the owner's own replay of the promotion goes through.
  const ownerResponse = await page.request.post(`/${slug}/settings/people`, { headers, data: promoteBody });
  expect(ownerResponse.ok()).toBe(true);
  expect(await roleOf()).toBe("admin");
});
