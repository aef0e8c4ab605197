import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const usePg = process.env.WB_TEST_PG !== "0";
const name = `wb_cli_${Date.now().toString(36)}_${process.pid}`;
const pgliteDir = usePg ? null : mkdtempSync(path.join(os.tmpdir(), "wb-cli-"));

function targetUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The npm script exactly as a person types it, on a database of its own. */
async function npmRun(script: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  if (usePg) env.DATABASE_URL = targetUrl();
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = pgliteDir!;
  }
  const { stdout } = await run("npm", ["run", "--silent", script], { env, cwd: process.cwd(), timeout: 120_000 });
  return stdout;
}

afterAll(async () => {
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  else {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
});

describe("database command-line scripts", () => {
  it("npm run db:migrate then db:seed build the demo on an empty database, and a second seed leaves it alone", async () => {
    if (usePg) {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      await admin.end();
    }
    expect(await npmRun("db:migrate")).toContain("Migrations applied");
    const first = await npmRun("db:seed");
    expect(first).toContain("Demo organization Greg's Gyms seeded.");
    expect(first).toContain("jones");
    expect(await npmRun("db:seed")).toContain("The database already has data: demo seed skipped.");
    if (usePg) {
      const sql = postgres(targetUrl(), { max: 1, onnotice: () => {} });
      const members = await sql`select u.username from memberships m join users u on u.id = m.user_id
                                 join organizations o on o.id = m.org_id where o.slug = 'gregs_gyms' order by u.username`;
      await sql.end();
      expect(members.map((m) => m.username)).toEqual(["amartin", "cwilson", "dlee", "emiller", "fgarcia", "gbrown", "jones"]);
    }
  }, 240_000);
});
