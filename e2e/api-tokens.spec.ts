import type { APIResponse, Page } from "@playwright/test";
import { churnCsv } from "./churn";
import { expect, test } from "./fixtures";
import { createProject, signUp, uniqueName } from "./helpers";

// A script's view of the API (what `curl` would do): the token is made and revoked by a person in
// the browser, and used from Playwright's `request`, which carries no cookie of that browser.

/** Creates a token on /settings/tokens as the signed-in user and reads its once-shown secret off the page. */
async function createToken(page: Page, username: string, name: string, permission: "Read" | "Read and write"): Promise<string> {
  await page.getByLabel(`Account menu for ${username}`).click();
  await page.getByRole("link", { name: "Access tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  const form = page.getByRole("form", { name: "New personal access token" });
  await form.getByLabel("Token name").fill(name);
  await form.getByLabel("Workspaces it reaches").selectOption({ label: "All workspaces I can reach" });
  await form.getByRole("radio", { name: permission, exact: true }).check();
  await form.getByLabel("Expires").selectOption("30");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("status")).toContainText(`Token “${name}” created. Copy it now: it is shown only once.`);
  const secret = await page.getByRole("textbox", { name: `Secret of token ${name}` }).inputValue();
  expect(secret).toMatch(/^wbo_pat_[A-Za-z0-9_-]{43}$/);
  return secret;
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

async function problemOf(response: APIResponse) {
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  return (await response.json()) as { status: number; detail: string };
}

/** The token's row in "Your tokens": its Last used and Expires cells. */
function tokenRow(page: Page, name: string) {
  const row = page.getByRole("table", { name: "Your personal access tokens" }).getByRole("row").filter({ hasText: name });
  return { row, lastUsed: row.getByRole("cell").nth(4), expires: row.getByRole("cell").nth(5) };
}

test("a script lists, uploads, trains and predicts with a token made in the UI; revoked in the UI, its next call is 401", async ({ page, request }) => {
  test.setTimeout(150_000);
  const username = uniqueName("scripter");
  await signUp(page, username);
  await createProject(page, username, "Churn Lab", "Private");
  await expect(page).toHaveURL(new RegExp(`/${username}/churn-lab$`));

  const secret = await createToken(page, username, "nightly script", "Read and write");
  await expect(tokenRow(page, "nightly script").lastUsed).toHaveText("never");

  // No cookie, no token: the API does not know who this is.
  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);

  const me = await request.get("/api/v1/me", { headers: bearer(secret) });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    username, email: `${username}@example.test`, defaultWorkspace: username,
    token: { name: "nightly script", workspace: null, permission: "write" },
  });

  const list = await request.get("/api/v1/projects", { headers: bearer(secret) });
  expect(list.status()).toBe(200);
  const projects = (await list.json()) as { items: { id: string; name: string; visibility: string; level: string }[] };
  expect(projects.items.map(({ name, visibility, level }) => ({ name, visibility, level }))).toEqual([
    { name: "Churn Lab", visibility: "private", level: "admin" },
  ]);
  const projectId = projects.items[0].id;

  const upload = await request.post(`/api/v1/projects/${projectId}/datasets`, {
    headers: bearer(secret),
    multipart: { file: { name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv()) }, name: "Members" },
  });
  expect(upload.status()).toBe(201);
  const dataset = (await upload.json()) as { id: string; kind: string; name: string };
  expect({ kind: dataset.kind, name: dataset.name }).toEqual({ kind: "dataset", name: "Members" });
  expect(upload.headers()["location"]).toBe(`/api/v1/resources/${dataset.id}`);

  const train = await request.post(`/api/v1/projects/${projectId}/models`, {
    headers: bearer(secret),
    data: { datasetId: dataset.id, target: "churned" },
  });
  expect(train.status()).toBe(201);
  const model = (await train.json()) as { id: string; kind: string; metadata: { target: string; inputs: string[]; metrics: { holdoutAccuracy: number } } };
  expect(model.kind).toBe("model");
  // No inputs named: every column but the target, as the reference says.
  expect({ target: model.metadata.target, inputs: model.metadata.inputs }).toEqual({
    target: "churned", inputs: ["membership_months", "visits_per_week", "age", "plan"],
  });
  expect(model.metadata.metrics.holdoutAccuracy).toBeGreaterThan(0);
  expect(model.metadata.metrics.holdoutAccuracy).toBeLessThanOrEqual(1);

  const predict = await request.post(`/api/v1/resources/${model.id}/predictions`, {
    headers: bearer(secret),
    data: { input: { membership_months: 2, visits_per_week: 0.5, age: 30, plan: "basic" } },
  });
  expect(predict.status()).toBe(201);
  const prediction = (await predict.json()) as { target: string; prediction: string };
  expect(prediction.target).toBe("churned");
  expect(["yes", "no"]).toContain(prediction.prediction);

  // What the script made is on the website, under the project.
  await page.goto(`/${username}/churn-lab`);
  await expect(page.getByRole("link", { name: "Members", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: /Predictions/ })).toContainText(`by ${username}`);

  // The token page says it was used; revoking it there ends it for the script at its next call.
  await page.goto("/settings/tokens");
  const row = tokenRow(page, "nightly script");
  await expect(row.lastUsed).not.toHaveText("never");
  await row.row.getByRole("button", { name: "Revoke token nightly script" }).click();
  await expect(row.expires).toHaveText("revoked");
  await expect(row.row.getByRole("button", { name: "Revoke token nightly script" })).toHaveCount(0);

  const after = await request.get("/api/v1/projects", { headers: bearer(secret) });
  expect(after.status()).toBe(401);
  expect(await problemOf(after)).toMatchObject({ status: 401, detail: "This token is not valid: it may have expired or been revoked." });
  const writeAfter = await request.post(`/api/v1/projects/${projectId}/runs`, { headers: bearer(secret), data: { name: "After revoke" } });
  expect(writeAfter.status()).toBe(401);
});

test("a read-only token reads, and its writes are refused with the reason; nothing is written", async ({ page, request }) => {
  const username = uniqueName("reader");
  await signUp(page, username);
  await createProject(page, username, "Churn Lab", "Private");
  await expect(page).toHaveURL(new RegExp(`/${username}/churn-lab$`));
  const secret = await createToken(page, username, "dashboard reader", "Read");
  await expect(tokenRow(page, "dashboard reader").row.getByRole("cell").nth(2)).toHaveText("read");

  const list = await request.get("/api/v1/projects", { headers: bearer(secret) });
  expect(list.status()).toBe(200);
  const [project] = ((await list.json()) as { items: { id: string; name: string }[] }).items;
  expect(project.name).toBe("Churn Lab");

  const readOnly = "This token is read-only: creating, changing and deleting need a read and write token.";
  const create = await request.post("/api/v1/projects", { headers: bearer(secret), data: { name: "From a reader" } });
  expect(create.status()).toBe(403);
  expect(await problemOf(create)).toMatchObject({ status: 403, detail: readOnly });

  const upload = await request.post(`/api/v1/projects/${project.id}/datasets`, {
    headers: bearer(secret),
    multipart: { file: { name: "members.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv(40)) } },
  });
  expect(upload.status()).toBe(403);
  expect(await problemOf(upload)).toMatchObject({ status: 403, detail: readOnly });

  const rename = await request.patch(`/api/v1/projects/${project.id}`, { headers: bearer(secret), data: { name: "Renamed by a reader" } });
  expect(rename.status()).toBe(403);
  expect(await problemOf(rename)).toMatchObject({ status: 403, detail: readOnly });

  // Nothing of it happened: one project, still named as it was, and no dataset in it.
  const projects = await request.get("/api/v1/projects", { headers: bearer(secret) });
  expect(((await projects.json()) as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(["Churn Lab"]);
  const resources = await request.get(`/api/v1/projects/${project.id}/resources`, { headers: bearer(secret) });
  expect(await resources.json()).toEqual({ items: [] });
  await page.goto(`/${username}/churn-lab`);
  await expect(page.getByRole("heading", { name: "Churn Lab", level: 1 })).toBeVisible();
});
