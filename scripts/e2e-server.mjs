#!/usr/bin/env node
// The server the end-to-end tests drive: the production build on a fresh database of its own
// (a new database on the PostgreSQL server when one answers, else a new PGlite folder).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { spawn } from "node:child_process";
import { BUILD_SOURCES, mtime, newestMtime, root, run } from "./lib.mjs";

const env = { ...process.env, NODE_ENV: "production", AUTH_SECRET: "e2e-only-secret-not-for-production-000000" };
if (mtime(".next/BUILD_ID") < newestMtime(BUILD_SOURCES)) run("npm", ["run", "build"], env);

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
let target = null;
try {
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  const name = `wb_e2e_${Date.now()}_${process.pid}`;
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  target = url.toString();
  console.log(`e2e: PostgreSQL database ${name}`);
} catch (err) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "wb-e2e-"));
  env.PGLITE_DIR = dir;
  delete env.DATABASE_URL;
  console.log(`e2e: no PostgreSQL server reachable (${err.code ?? err.message}); using PGlite in ${dir}`);
}
if (target) env.DATABASE_URL = target;
// Specs that must set up what no page can yet (or check the database afterwards) read this.
mkdirSync("e2e/.state", { recursive: true });
writeFileSync("e2e/.state/db.json", JSON.stringify({ databaseUrl: target, pgliteDir: env.PGLITE_DIR ?? null }));

// A loopback SMTP server: every message the app sends lands in e2e/.state/mail/ as JSON
// ({ to, raw }) for the specs to read, the way a person would read their inbox.
const mailDir = "e2e/.state/mail";
rmSync(mailDir, { recursive: true, force: true });
mkdirSync(mailDir, { recursive: true });
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`;
      writeFileSync(path.join(mailDir, name), JSON.stringify({ to, raw: Buffer.concat(chunks).toString("latin1") }));
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
env.SMTP_URL = `smtp://127.0.0.1:${smtp.server.address().port}`;
env.APP_BASE_URL = `http://localhost:${env.PORT || 3000}`;
env.MAIL_POLL_SECONDS = "1";
// Every spec signs up from this one loopback address; the per-address sign-up limit is tested
// in the integration tests, not by starving the e2e suite.
env.SIGN_UP_MAX_PER_ADDRESS = process.env.SIGN_UP_MAX_PER_ADDRESS || "1000";

// The README's production commands, so every e2e run proves them on a fresh database: the build
// above is `npm run build`, and `npm start` applies the migrations and serves.
const server = spawn("npm", ["start"], { stdio: "inherit", env, cwd: root });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
