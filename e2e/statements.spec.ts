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

test("a workspace page runs 5 statements, 1 when answered from the kept copy, and its People settings 6", async ({ page }) => {
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: counter.url,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    PORT: String(PORT),
    HOST: "127.0.0.1",
  };
  delete env.SMTP_URL; // no mail loop: only the requests below reach the database
  delete env.PAGE_CACHE_MB; // the production default: the page cache is on
  // The production server (`npm start` serves the same script): Next behind the page cache.
  const server = spawn(process.execPath, [path.resolve("scripts/server.mjs")], { env, stdio: "ignore" });
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

    /** Statements sent while one document request is served, and how the page cache answered it. */
    async function request(urlPath: string, mustShow: string) {
      const before = counter.count();
      const res = await page.request.get(base + urlPath);
      expect(res.status()).toBe(200);
      expect(await res.text()).toContain(mustShow);
      return { statements: counter.count() - before, cache: res.headers()["x-page-cache"] };
    }
    // Warm-up (pooled connections, types): these counts are not the pages'.
    for (let i = 0; i < 2; i++) {
      await request(`/${slug}`, "Project 1");
      await request(`/${slug}/settings/people`, owner);
    }

    // A write to a shown table between, by SQL, so the next workspace request cannot be a hit.
    const writer = e2eSql();
    try {
      await writer`update organizations set display_name = 'Statement count, renamed' where slug = ${slug}`;
    } finally {
      await writer.end();
    }
    // The session check with the page epochs (handed to the page, so it is not checked a second
    // time), the workspace with the viewer's role, the unread notifications of the header, the
    // first page of projects, the tag filter.
    expect(await request(`/${slug}`, "Statement count, renamed")).toEqual({ statements: 5, cache: "miss" });
    // The same request again, answered from the kept copy: only the session check with the epochs.
    // Specs in the other worker may move the global epoch (renaming or deleting an account): such
    // a write makes a repeat an honest miss, so repeat until the copy answers (a few times).
    let repeat = await request(`/${slug}`, "Statement count, renamed");
    for (let i = 0; i < 10 && repeat.cache !== "hit"; i++) repeat = await request(`/${slug}`, "Statement count, renamed");
    expect(repeat).toEqual({ statements: 1, cache: "hit" });
    // Not a kept page: session and user, the workspace, unread notifications, the members, the
    // seat usage (shared by both sections of the page), the pending invitations.
    expect(await request(`/${slug}/settings/people`, owner)).toEqual({ statements: 6, cache: undefined });
  } finally {
    server.kill("SIGTERM");
    await counter.close();
  }
});
