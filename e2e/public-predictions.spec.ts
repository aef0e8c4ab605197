import { expect, test } from "./fixtures";
import { churnCsv, predictRiskyMember } from "./churn";
import { e2eSql } from "./db";
import { createProject, signUp, uniqueName } from "./helpers";

test("a stranger on a public project sees the prediction but nothing of theirs is saved; the author's is kept", async ({ browser }) => {
  // Two accounts, an upload, a training and two predictions: beyond one step's time.
  test.setTimeout(150_000);
  const authorName = uniqueName("author");
  const strangerName = uniqueName("stranger");
  const author = await (await browser.newContext()).newPage();
  const stranger = await (await browser.newContext()).newPage();
  await signUp(author, authorName);
  await signUp(stranger, strangerName);

  // The author's public project, a dataset and a model trained on it.
  await createProject(author, authorName, "Open Churn", "Public");
  await expect(author).toHaveURL(new RegExp(`/${authorName}/open-churn$`));
  await author.getByRole("link", { name: "Upload dataset" }).click();
  await author.getByLabel("CSV file").setInputFiles({ name: "gym-churn.csv", mimeType: "text/csv", buffer: Buffer.from(churnCsv()) });
  await author.getByRole("button", { name: "Upload dataset" }).click();
  await author.getByRole("link", { name: "Train a model on it" }).click();
  await author.getByRole("button", { name: "Train model" }).click();
  await expect(author.getByText(/Hold-out accuracy: \d+(\.\d)?%/)).toBeVisible();
  const modelUrl = author.url();

  // The author's prediction is kept.
  await predictRiskyMember(author);
  const authorForm = author.getByRole("form", { name: "Predict" });
  await expect(authorForm.getByRole("link", { name: "Saved as a prediction" })).toBeVisible();

  // The stranger reads the public model and predicts: the same answer, shown, and said to be unsaved.
  await stranger.goto(modelUrl);
  await predictRiskyMember(stranger);
  const strangerForm = stranger.getByRole("form", { name: "Predict" });
  await expect(strangerForm.getByRole("status")).toContainText(
    "Not saved: only the organization's members and the project's collaborators keep their predictions.",
  );
  await expect(strangerForm.getByRole("link", { name: "Saved as a prediction" })).toHaveCount(0);
  const answer = /churned = (yes|no)/;
  const authorSaw = (await authorForm.getByRole("status").textContent())?.match(answer)?.[0];
  expect((await strangerForm.getByRole("status").textContent())?.match(answer)?.[0]).toBe(authorSaw);

  // The project lists the author's prediction only.
  await stranger.goto(`/${authorName}/open-churn`);
  const predictions = stranger.getByRole("region", { name: /Predictions/ });
  await expect(predictions).toContainText(`by ${authorName}`);
  await expect(predictions).not.toContainText(strangerName);

  // Checking what the UI cannot show: nothing in the author's workspace was written in the stranger's name.
  const sql = e2eSql();
  try {
    const [left] = await sql<{ resources: number; audit: number }[]>`
      select (select count(*)::int from resources r join users u on u.id = r.created_by where u.username = ${strangerName}) as resources,
             (select count(*)::int from audit_events a join users u on u.id = a.actor_id join organizations o on o.id = a.org_id
              where u.username = ${strangerName} and o.slug = ${authorName}) as audit`;
    expect(left).toEqual({ resources: 0, audit: 0 });
  } finally {
    await sql.end();
  }
});
