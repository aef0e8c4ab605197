import { expect, test } from "./fixtures";
import { e2eSql } from "./db";
import { createOrg, createProject, signUp, uniqueName } from "./helpers";

/** A list cursor as a client could forge one (URL-safe base64 of any JSON), here holding a NUL. */
const forged = Buffer.from(JSON.stringify(["members.next", "00000000-0000-4000-8000-000000000000", "3", "a\u0000b", "00000000-0000-4000-8000-000000000000"])).toString("base64url");

/** A project-list cursor whose time JavaScript's Date.parse takes and PostgreSQL refuses. */
const forgedTime = Buffer.from(JSON.stringify(["updated", "1", "00000000-0000-4000-8000-000000000000"])).toString("base64url");

test("bad input in URLs answers a page or a 404, never a server error", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = uniqueName("own");
  const org = uniqueName("org").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, org, "Bad Input Inc");
  await createProject(page, org, "Bad Input", "Organization");
  await expect(page).toHaveURL(new RegExp(`/${org}/bad-input$`));
  const project = `${org}/bad-input`;

  // Expected statuses, written out: a search or filter nobody could type matches nothing (200);
  // an id that is not a UUID names nothing (404); a URL longer than the server takes is 431.
  const cases: [string, number][] = [
    [`/${org}?q=%00`, 200],
    [`/${org}?q=a&q=b`, 200],
    [`/${org}?q=%00&tag=%00&visibility=%00&sort=%00&cursor=%00`, 200],
    [`/${org}?q=${"x".repeat(10_000)}`, 200],
    [`/${org}/settings/audit?action=a&action=b`, 200],
    [`/${org}/settings/audit?actor=%00`, 200],
    [`/${org}/settings/audit?actor=a&actor=b&before=%00`, 200],
    [`/${org}/settings/audit?cursor=%00&cursor=b`, 200],
    [`/${org}/settings/audit?cursor=${forged}`, 200],
    [`/${org}/settings/audit/export?actor=%00`, 200],
    [`/${org}/settings/audit/export?action=a&action=b`, 200],
    [`/${org}/settings/people?q=%00&cursor=%00&invitations=%00`, 200],
    [`/${org}/settings/people?cursor=a&cursor=b`, 200],
    [`/${org}/settings/people?cursor=${forged}&invitations=${forged}`, 200],
    [`/${org}/settings/teams?cursor=%00`, 200],
    [`/${org}/settings/teams?cursor=${forged}`, 200],
    [`/${project}/people?cursor=%00`, 200],
    [`/${project}/people?cursor=${forged}`, 200],
    [`/${project}/r/ffffffff-ffff-ffff-ffff-ffffffffffff`, 404],
    [`/${project}/r/ffffffffffffffffffffffffffffffff----`, 404],
    [`/${project}/r/not-a-uuid`, 404],
    [`/${project}/r/%00`, 404],
    [`/${project}/r/not-a-uuid/edit`, 404],
    [`/${project}/r/ffffffff-ffff-ffff-ffff-ffffffffffff/delete`, 404],
    [`/api/workspaces/${org}/projects?q=%00`, 200],
    [`/api/workspaces/${org}/projects?q=a&q=b`, 200],
    [`/api/workspaces/${org}/projects?cursor=%00&sort=%00&visibility=%00&tag=%00`, 200],
    [`/api/workspaces/${org}/projects?q=${"x".repeat(10_000)}`, 200],
    [`/api/workspaces/${org}/projects?sort=updated&cursor=${forgedTime}`, 200],
    [`/${org}?q=${"x".repeat(100_000)}`, 431],
    [`/api/workspaces/${org}/projects?q=${"x".repeat(100_000)}`, 431],
  ];
  const answers: [string, number][] = [];
  for (const [url, status] of cases) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    answers.push([url.slice(0, 120), res.status()]);
    if (status === 200 && url.includes("/export")) expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  }
  expect(answers).toEqual(cases.map(([url, status]) => [url.slice(0, 120), status]));

  // What the search shows for a NUL: nothing matches, and the page says so.
  await page.goto(`/${org}/settings/people?q=%00`);
  await expect(page.getByText(/^No member matches/)).toBeVisible();
});

test("a server action POSTed with a NUL or 100,000 characters in a field is refused with the reason and changes nothing", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = uniqueName("own");
  const org = uniqueName("org").replace(/-/g, "_");
  await signUp(page, owner);
  await createOrg(page, org, "Original Name");

  // Record the real "save general settings" request, then replay it with bad values.
  await page.goto(`/${org}/settings`);
  await page.getByLabel("Display name").fill("Renamed Org");
  const requestPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await page.getByRole("button", { name: "Save changes" }).click();
  const recorded = await requestPromise;
  await expect(page.getByRole("status")).toHaveText("Saved.");
  const headers = { "next-action": recorded.headers()["next-action"], "content-type": recorded.headers()["content-type"], accept: "text/x-component" };
  const body = recorded.postDataBuffer()!.toString("latin1");
  expect(body).toContain("Renamed Org");

  const displayName = async () => {
    const sql = e2eSql();
    try {
      const [row] = await sql`select display_name from organizations where slug = ${org}`;
      return row?.display_name as string | undefined;
    } finally {
      await sql.end();
    }
  };

  const replays: [what: string, from: string, to: string, reason: string][] = [
    ["a NUL in the display name", "Renamed Org", "Evil\u0000Org", "This contains control characters (such as NUL) that are not allowed."],
    ["a NUL in the organization field", `\r\n\r\n${org}\r\n`, `\r\n\r\n${org}\u0000\r\n`, "This contains control characters (such as NUL) that are not allowed."],
    ["100,000 characters", "Renamed Org", "x".repeat(100_000), "This is too long: at most 50,000 characters."],
  ];
  for (const [what, from, to, reason] of replays) {
    expect(body, what).toContain(from);
    const res = await page.request.post(`/${org}/settings`, { headers, data: Buffer.from(body.replace(from, to), "latin1") });
    expect(res.status(), what).toBe(200);
    expect(await res.text(), what).toContain(reason);
    expect(await displayName(), what).toBe("Renamed Org");
  }
});
