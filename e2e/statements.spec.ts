import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eSql } from "./db";
import { createOrg, PASSWORD, signUp, uniqueName } from "./helpers";
import { statementCounter } from "./statement-counter";

// A second production server on the e2e database, reached through a statement-counting proxy,
// so the count is exactly what one page request sends (the main e2e server serves other specs).
const PORT = Number(process.env.E2E_PORT || 3100) + 1000;

test("a workspace page and its People settings each run a fixed, small number of statements", async ({ page }) => {
  test.setTimeout(120_000);
  const owner = uniqueName("stmts");
  const slug = uniqueName("stmtorg");
  await signUp(page, owner);
  await createOrg(page, slug, "Statement count");
  // Projects and a pending invitation by SQL: this test is about what reading them costs.
  const sql = e2eSql();
  try {
    await sql`insert into projects (org_id, slug, name, visibility, tags)
              select o.id, 'p' || i, 'Project ' || i, (array['private','organization','public'])[1 + i % 3]::project_visibility, array['t' || (i % 4)]
              from organizations o, generate_series(1, 40) i where o.slug = ${slug}`;
  } finally {
    await sql.end();
  }

  const { databaseUrl } = JSON.parse(readFileSync("e2e/.state/db.json", "utf8")) as { databaseUrl: string };
  const counter = await statementCounter(new URL(databaseUrl));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", DATABASE_URL: counter.url, AUTH_SECRET: randomBytes(32).toString("hex") };
  delete env.SMTP_URL; // no mail loop: only the requests below reach the database
  const server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"], { env, stdio: "ignore" });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await expect.poll(async () => (await fetch(`${base}/signin`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
    await page.goto(`${base}/signin`);
    await page.getByLabel("Username or e-mail").fill(owner);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    // Leave the app: a page left open prefetches its links, and those statements are not the page's.
    await page.goto("about:blank");

    /** Statements sent while one document request is served (warmed first: pooled connections, types). */
    async function statementsFor(urlPath: string, mustShow: string) {
      for (let i = 0; i < 2; i++) expect((await page.request.get(base + urlPath)).status()).toBe(200);
      const before = counter.count();
      const res = await page.request.get(base + urlPath);
      expect(await res.text()).toContain(mustShow);
      return counter.count() - before;
    }
    // session and user (one statement), the workspace with the viewer's role, the unread
    // notifications of the header, the first page of projects, the tag filter.
    expect(await statementsFor(`/${slug}`, "Project 1")).toBe(5);
    // session and user, the workspace, unread notifications, the members, the seat usage (shared
    // by both sections of the page), the pending invitations.
    expect(await statementsFor(`/${slug}/settings/people`, owner)).toBe(6);
  } finally {
    server.kill("SIGTERM");
    await counter.close();
  }
});
