import { expect, test } from "./fixtures";
import { churnCsv, predictRiskyMember } from "./churn";
import { e2eSql } from "./db";
import { signUp, uniqueName } from "./helpers";

test("a writer uploads, trains and predicts; a reader sees it all, predicts, and cannot change anything", async ({ browser, browserErrors }) => {
  const writerName = uniqueName("writer");
  const readerName = uniqueName("reader");
  const writer = await (await browser.newContext()).newPage();
  const reader = await (await browser.newContext()).newPage();
  await signUp(writer, writerName);
  await signUp(reader, readerName);

  // The writer's personal project with the reader as a read-only collaborator, arranged in the
  // database: creating projects and adding people belong to the projects pages.
  const sql = e2eSql();
  try {
    const [project] = await sql<{ id: string }[]>`
      insert into projects (org_id, slug, name, visibility, created_by)
      select id, 'churn-lab', 'Churn Lab', 'private', personal_user_id from organizations where slug = ${writerName}
      returning id`;
    await sql`insert into project_grants (project_id, user_id, level)
              select ${project.id}::uuid, id, 'read' from users where username = ${readerName}`;
  } finally {
    await sql.end();
  }
  const projectUrl = `/${writerName}/churn-lab`;

  // Writer: upload the CSV.
  await writer.goto(projectUrl);
  await writer.getByRole("link", { name: "Upload dataset" }).click();
  await expect(writer.getByText("up to 5 MB")).toBeVisible();
  await writer.getByLabel("CSV file").setInputFiles({ name: "gym-churn.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv()) });
  await writer.getByLabel("Name").fill("Gym churn");
  await writer.getByRole("button", { name: "Upload dataset" }).click();
  await expect(writer.getByRole("heading", { name: "Gym churn" })).toBeVisible();
  await expect(writer.getByText(/300\s*rows/).first()).toBeVisible();
  const columns = writer.getByRole("table").first();
  await expect(columns.getByRole("row", { name: /visits_per_week number/ })).toBeVisible();
  await expect(columns.getByRole("row", { name: /plan category/ })).toBeVisible();
  await expect(writer.getByRole("table", { name: "Data preview" }).getByRole("row")).toHaveCount(11);

  // Train a model on it.
  await writer.getByRole("link", { name: "Train a model on it" }).click();
  await expect(writer.getByLabel("Column to predict")).toHaveValue("churned");
  await writer.getByRole("button", { name: "Train model" }).click();
  await expect(writer.getByRole("heading", { name: "Gym churn: churned tree" })).toBeVisible();
  await expect(writer.getByText(/Hold-out accuracy: \d+(\.\d)?%/)).toBeVisible();
  await expect(writer.getByRole("list", { name: "Decision tree" })).toContainText("predict");
  const modelUrl = writer.url();

  // Predict.
  await predictRiskyMember(writer);
  await writer.goto(projectUrl);
  await expect(writer.getByRole("region", { name: /Predictions/ })).toContainText(`by ${writerName}`);

  // Reader: sees everything, no create, edit or delete control, the reason instead.
  await reader.goto(projectUrl);
  await expect(reader.getByRole("link", { name: "Gym churn", exact: true })).toBeVisible();
  await expect(reader.getByRole("link", { name: "Gym churn: churned tree" })).toBeVisible();
  await expect(reader.getByText("You have read access to this project: creating, editing and deleting resources needs write.")).toBeVisible();
  for (const name of ["Upload dataset", "Train model", "New run"]) await expect(reader.getByRole("link", { name })).toHaveCount(0);

  await reader.goto(modelUrl);
  await expect(reader.getByText(/Hold-out accuracy/)).toBeVisible();
  await expect(reader.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(reader.getByRole("link", { name: "Delete" })).toHaveCount(0);
  await expect(reader.getByRole("button", { name: /Deploy|Move|Delete/ })).toHaveCount(0);
  await predictRiskyMember(reader);

  // The delete confirmation, reached by URL, refuses the reader and offers no button.
  await reader.goto(`${modelUrl}/delete`);
  await expect(reader.getByText("You have read access to this project: creating, editing and deleting resources needs write.")).toBeVisible();
  await expect(reader.getByRole("button", { name: /Delete/ })).toHaveCount(0);

  // A direct POST of the delete action as the reader: the writer's own request is captured (and
  // stopped), then replayed with the reader's session. The server refuses it; the model stays.
  await writer.goto(`${modelUrl}/delete`);
  // The writer's page sees its own request fail: that abort is this test's doing.
  browserErrors.allow(/net::ERR_FAILED|Failed to fetch/);
  const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
    void writer.route(`**${modelUrl}/delete`, async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      resolve({ headers: request.headers(), body: request.postDataBuffer() ?? Buffer.alloc(0) });
      await route.abort();
    });
  });
  await writer.getByRole("button", { name: /^Delete “/ }).click();
  const { headers, body } = await captured;
  expect(headers["next-action"]).toBeTruthy();
  const response = await reader.request.post(`${modelUrl}/delete`, {
    headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component" },
    data: body,
  });
  expect(await response.text()).toContain("You have read access to this project");

  await reader.goto(projectUrl);
  await expect(reader.getByRole("link", { name: "Gym churn: churned tree" })).toBeVisible();
  await expect(reader.getByRole("region", { name: /Predictions/ })).toContainText(`by ${readerName}`);
});

test("an upload over the size limit or with ragged rows is refused with the reason", async ({ page }) => {
  const owner = uniqueName("uploader");
  await signUp(page, owner);
  const sql = e2eSql();
  try {
    await sql`insert into projects (org_id, slug, name, visibility, created_by)
              select id, 'scratch', 'Scratch', 'private', personal_user_id from organizations where slug = ${owner}`;
  } finally {
    await sql.end();
  }
  await page.goto(`/${owner}/scratch/new/dataset`);
  await page.getByLabel("CSV file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(6_200_000, "1,2\n") });
  await expect(page.getByText("The file is 6.2 MB; the limit is 5 MB.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload dataset" })).toBeDisabled();

  await page.getByLabel("CSV file").setInputFiles({ name: "ragged.csv", mimeType: "text/csv", buffer: Buffer.from("a,b,c\n1,2,3\n4,5\n") });
  await page.getByRole("button", { name: "Upload dataset" }).click();
  await expect(page.getByText("Line 3 has 2 values but the header has 3 columns.")).toBeVisible();
  await page.goto(`/${owner}/scratch`);
  await expect(page.getByText("No resources in this project yet.")).toBeVisible();
});
