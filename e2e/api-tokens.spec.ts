import { expect, test } from "@playwright/test";
import { churnCsv } from "../lib/ml/churn";
import { signUp, uniqueName } from "./helpers";

test("create a token in the settings, script the API with it, revoke it, and the next call is refused", async ({ page, request }) => {
  const username = uniqueName("scripter");
  await signUp(page, username);

  await page.getByText(/▾$/).last().click();
  await page.getByRole("link", { name: "Access tokens" }).click();
  await expect(page.getByRole("heading", { name: "Personal access tokens" })).toBeVisible();
  await page.getByLabel("Token name").fill("churn pipeline");
  await page.getByLabel("Workspaces it reaches").selectOption({ label: "All workspaces I can reach" });
  await page.getByLabel("Read and write").check();
  await page.getByLabel("Expires").selectOption({ label: "7 days" });
  await expect(page.getByRole("option", { name: "Never" })).toBeDisabled();
  await page.getByRole("button", { name: "Create token" }).click();
  const secretField = page.getByLabel("Secret of token churn pipeline");
  await expect(secretField).toHaveValue(/^wbo_pat_/);
  const secret = await secretField.inputValue();
  const row = page.getByRole("row", { name: /churn pipeline/ });
  await expect(row).toContainText("all workspaces");
  await expect(row).toContainText("read and write");
  await expect(row).toContainText(secret.slice(0, 12));

  // The script: its own HTTP client, no cookies, only the token.
  const auth = { Authorization: `Bearer ${secret}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ username, token: { name: "churn pipeline", permission: "write" } });

  const created = await request.post("/api/v1/projects", { headers: auth, data: { name: "Churn from a script" } });
  expect(created.status()).toBe(201);
  const project = await created.json();
  expect(project).toMatchObject({ workspace: username, level: "admin" });

  const listed = await request.get(`/api/v1/workspaces/${username}/projects`, { headers: auth });
  expect((await listed.json()).items.map((p: { name: string }) => p.name)).toEqual(["Churn from a script"]);

  const upload = await request.post(`/api/v1/projects/${project.id}/datasets`, {
    headers: auth,
    multipart: { file: { name: "gym.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv(120, 5)) } },
  });
  expect(upload.status()).toBe(201);
  const dataset = await upload.json();
  expect(dataset.metadata.rowCount).toBe(120);

  const train = await request.post(`/api/v1/projects/${project.id}/models`, { headers: auth, data: { datasetId: dataset.id, target: "churned" } });
  expect(train.status()).toBe(201);
  const model = await train.json();

  const predicted = await request.post(`/api/v1/resources/${model.id}/predictions`, {
    headers: auth,
    data: { input: { membership_months: 2, visits_per_week: 0.5, age: 30, plan: "basic" } },
  });
  expect(predicted.status()).toBe(201);
  expect(await predicted.json()).toMatchObject({ target: "churned" });

  // The website shows what the script made, and when the token was last used.
  await page.reload();
  await expect(page.getByRole("row", { name: /churn pipeline/ })).not.toContainText("never");

  await page.getByRole("button", { name: "Revoke token churn pipeline" }).click();
  await expect(page.getByRole("row", { name: /churn pipeline/ })).toContainText("revoked");

  const after = await request.get("/api/v1/me", { headers: auth });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toBe("application/problem+json");
});

test("the API reference is rendered from the OpenAPI document", async ({ page, request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Workbench Orgs API", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /POST\s*\/projects\/\{id\}\/datasets/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
});
