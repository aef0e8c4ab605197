#!/usr/bin/env node
// The quick start: install, build, migrate, seed the demo into an empty database, serve.
import { existsSync } from "node:fs";
import path from "node:path";
import { authSecret, BUILD_SOURCES, mtime, newestMtime, root, run, serve, tsx } from "./lib.mjs";

const started = Date.now();
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

if (!existsSync(path.join(root, "node_modules/.package-lock.json")) || mtime("package-lock.json") > mtime("node_modules/.package-lock.json")) {
  console.log("→ Installing dependencies (npm install)…");
  run(npm, ["install", "--no-audit", "--no-fund"]); // see .ci/run on why not `npm ci`
}

const env = { ...process.env, AUTH_SECRET: authSecret(), NODE_ENV: "production" };
if (mtime(".next/BUILD_ID") < newestMtime(BUILD_SOURCES)) {
  console.log("→ Building the dashboard (next build)…");
  run(npm, ["run", "build"], env);
}

console.log(`→ Migrating and seeding ${env.DATABASE_URL ? "the PostgreSQL server in DATABASE_URL" : "the embedded database in .data/"}…`);
tsx("db/seed-cli.ts", { ...env, SEED_PRINT: "1" });

const port = env.PORT || "3000";
console.log(`\n✓ Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: open http://localhost:${port}`);
console.log("  Sign in as jones (owner) or any account above; the password is printed above.\n");
serve(env);
