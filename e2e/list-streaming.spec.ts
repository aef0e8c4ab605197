import { e2eSql } from "./db";
import { expect, test } from "./fixtures";
import { createProject, signUp, uniqueName } from "./helpers";

/** Reads the response until `text` has arrived (or `ms` have passed) and returns what came. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string | null, ms: number): Promise<string> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  let got = "";
  while (text === null || !got.includes(text)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
    if (!next || next.done) break;
    got += decoder.decode(next.value, { stream: true });
  }
  return got;
}

test("a workspace page sends its shell and a placeholder before the project list, which streams in after", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const owner = uniqueName("stream");
  await signUp(page, owner);
  await createProject(page, owner, "Streamed project", "Private", "streamtag");
  await expect(page).toHaveURL(new RegExp(`/${owner}/streamed-project$`));
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  // A slow list, made by SQL: while a transaction holds the projects table, the list's and the tag
  // filter's statements wait, so what arrives meanwhile is what the server sends before them.
  const sql = e2eSql();
  let shell = "";
  let rest = "";
  try {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    await sql.begin(async (tx) => {
      await tx`lock table projects in access exclusive mode`;
      // A query string of its own: this is about how a page is rendered, so no kept copy may answer.
      const res = await fetch(`${baseURL}/${owner}?stream=${Date.now()}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-page-cache")).toBe("miss");
      reader = res.body!.getReader();
      shell = await readUntil(reader, "Loading projects…", 15_000);
    });
    rest = await readUntil(reader!, null, 15_000);
  } finally {
    await sql.end();
  }
  expect(shell).toContain(">Projects</h2>");
  expect(shell).toContain("Loading projects…");
  expect(shell).not.toContain(">Streamed project</a>");
  expect(rest).toContain(">Streamed project</a>");
  expect(rest).toContain(">streamtag</option>");

  // In the browser the list replaces the placeholder.
  await page.goto(`/${owner}`);
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("article", { name: "Streamed project" })).toBeVisible();
  await expect(page.getByLabel("Tag", { exact: true })).toContainText("streamtag");
  await expect(page.getByText("Loading projects…")).toHaveCount(0);
});
