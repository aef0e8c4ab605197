import { expect, test } from "@playwright/test";
import { e2eSql } from "./db";
import { createOrg, signUp, trySignIn, uniqueName } from "./helpers";

// SPEC §9: bad input gets a clear answer, never a 500. Each request below says which answer.
// Many requests in one test: a shared 2-core CI machine needs more than the default minute.
test.describe.configure({ timeout: 240_000 });
test("bad query parameters and ids answer 200 with nothing found, or 404, never 500", async ({ page }) => {
  const owner = uniqueName("fuzz");
  const slug = uniqueName("fuzzorg");
  await signUp(page, owner);
  await createOrg(page, slug, "Fuzz Org");

  // Arranged directly: this test is about the pages' parameters, not about creating projects.
  const sql = e2eSql();
  try {
    await sql`insert into projects (org_id, name, slug, visibility)
              select id, 'Findable', 'findable', 'organization' from organizations where slug = ${slug}`;
  } finally {
    await sql.end();
  }

  const get = (path: string) => page.request.get(path, { maxRedirects: 0 });

  // The project list: a NUL searches for nothing; the first of repeated parameters counts.
  const nul = await get(`/${slug}?q=%00`);
  expect(nul.status()).toBe(200);
  await page.goto(`/${slug}?q=%00`);
  await expect(page.getByText("No project matches these filters.")).toBeVisible();
  await page.goto(`/${slug}?q=Findable&q=nothing`);
  await expect(page.getByRole("link", { name: /Findable/ })).toBeVisible();
  await page.goto(`/${slug}?q=nothing&q=Findable`);
  await expect(page.getByText("No project matches these filters.")).toBeVisible();

  const json = await get(`/api/workspaces/${slug}/projects?q=%00&visibility=%00&cursor=%00&sort=a&sort=b`);
  expect(json.status()).toBe(200);
  expect((await json.json()).items).toEqual([]);
  const found = await get(`/api/workspaces/${slug}/projects?q=findable&q=%00`);
  expect((await found.json()).items.map((p: { name: string }) => p.name)).toEqual(["Findable"]);

  // The audit log and its export: bad filters find nothing; the first of repeated ones counts.
  expect((await get(`/${slug}/settings/audit?actor=%00&action=a&action=b&before=%00`)).status()).toBe(200);
  await page.goto(`/${slug}/settings/audit?action=%00x`);
  await expect(page.getByText("No events match.")).toBeVisible();
  await page.goto(`/${slug}/settings/audit?action=org.create&action=nothing`);
  await expect(page.getByRole("cell", { name: "org.create" })).toBeVisible();
  const csv = await get(`/${slug}/settings/audit/export?actor=%00&action=a&action=b`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim()).toBe("time,actor,action,target_type,target,before,after");
  const fullCsv = await get(`/${slug}/settings/audit/export?action=org.create&action=nothing`);
  expect((await fullCsv.text()).split("\r\n").filter(Boolean)).toHaveLength(2);

  // Ids and names in the path: anything that names nothing is a 404.
  expect((await get(`/${slug}/findable`)).status()).toBe(200);
  expect((await get(`/${slug}/findable/r/ffffffffffffffffffffffffffffffff----`)).status()).toBe(404);
  expect((await get(`/${slug}/findable/r/ffffffff-ffff-ffff-ffff-ffffffffffff`)).status()).toBe(404);
  expect((await get(`/${slug}/findable/r/${"x".repeat(5000)}`)).status()).toBe(404);
  expect((await get(`/${slug}/findable/r/%00/edit`)).status()).toBe(404);
  expect((await get(`/${slug}/%00`)).status()).toBe(404);
  expect((await get(`/%00`)).status()).toBe(404);
  expect((await get(`/${slug}/findable?q=%00&kind=a&kind=b`)).status()).toBe(200);
  expect((await get(`/${slug}/settings/people?q=%00&q=b`)).status()).toBe(200);
  expect((await get(`/${slug}/findable/new/model?dataset=%00`)).status()).toBe(200);
});

test("a NUL in the sign-in form or Auth.js's own endpoint is a wrong password, not a server error", async ({ page }) => {
  const name = uniqueName("nul");
  await signUp(page, name);
  await page.context().clearCookies();

  await trySignIn(page, `${name}\u0000`, "wrong-password\u0000");
  await expect(page.getByText("Wrong username, e-mail or password.")).toBeVisible();

  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const direct = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier: "\u0000", password: "\u0000" },
    maxRedirects: 0,
  });
  expect(direct.status()).toBeLessThan(500);
  expect(direct.headers()["location"] ?? "").toMatch(/error=CredentialsSignin/);
});
