import { expect, test } from "./fixtures";
import { createProject, signUp, uniqueName } from "./helpers";

test("a workspace page sends its shell and a placeholder first, then the projects and tags stream in and replace it", async ({ page }) => {
  test.setTimeout(90_000);
  const owner = uniqueName("stream");
  await signUp(page, owner);
  await createProject(page, owner, "Streamed project", "Private", "streamtag");
  await expect(page).toHaveURL(new RegExp(`/${owner}/streamed-project$`));

  // The document in the order it leaves the server: the section heading, then the placeholder,
  // and only after them the project, which arrives with the list's own chunk.
  const html = await (await page.request.get(`/${owner}`)).text();
  const heading = html.indexOf(">Projects</h2>");
  const placeholder = html.indexOf("Loading projects…");
  const project = html.indexOf(">Streamed project</a>");
  expect(heading).toBeGreaterThan(-1);
  expect(placeholder).toBeGreaterThan(heading);
  expect(project).toBeGreaterThan(placeholder);

  await page.goto(`/${owner}`);
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("article", { name: "Streamed project" })).toBeVisible();
  await expect(page.getByLabel("Tag")).toContainText("streamtag");
  await expect(page.getByText("Loading projects…")).toHaveCount(0);
});
