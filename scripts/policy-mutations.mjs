#!/usr/bin/env node
// Proves the permission matrix tests can fail: flips every cell of both policy tables in
// lib/authz/policy.ts in turn (adds or removes one role in an ORG_ACTIONS row, one level in a
// PROJECT_ACTIONS row), runs tests/integration/policy-matrix.test.ts against the flipped table,
// and fails unless every flip fails some test.
//
// The flipped source is served to the tests in place of lib/authz/policy.ts by a Vite plugin, so
// the file on disk never changes (nothing to restore if this is interrupted, and other commands
// can run meanwhile). One Vitest instance serves every run (the module is invalidated, not the
// process restarted), and each run's database is copied from a migrated template.
// The row of the matrix named after the flipped key runs first; only if it passes is the whole
// matrix run, so a flip caught by another row is still reported as caught.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const POLICY = path.join(root, "lib/authz/policy.ts");
const MATRIX = path.join(root, "tests/integration/policy-matrix.test.ts");
const ROLES = ["owner", "admin", "member", "restricted"];
const LEVELS = ["admin", "write", "read"];

const original = readFileSync(POLICY, "utf8");
/** What the tests see as lib/authz/policy.ts for the current run. */
let served = original;

/** The text of one `export const NAME = { … } as const` table and where it starts. */
function tableOf(name) {
  const start = original.indexOf(`export const ${name} = {`);
  const end = original.indexOf("} as const", start);
  if (start < 0 || end < 0) throw new Error(`${name} not found in lib/authz/policy.ts`);
  return { start, text: original.slice(start, end) };
}

/** Every single-cell flip of a table whose rows list their allowed `field` values. */
function flipsOf(table, field, universe) {
  const { start, text } = tableOf(table);
  const row = new RegExp(`"([a-z.]+)": \\{[^}]*?${field}: \\[([^\\]]*)\\]`, "g");
  const flips = [];
  for (const m of text.matchAll(row)) {
    const [, key, list] = m;
    const current = [...list.matchAll(/"([a-z]+)"/g)].map((x) => x[1]);
    const listStart = start + m.index + m[0].lastIndexOf("[");
    const listEnd = start + m.index + m[0].length;
    for (const value of universe) {
      const has = current.includes(value);
      const next = universe.filter((v) => (v === value ? !has : current.includes(v)));
      flips.push({
        table, key, change: `${has ? "-" : "+"}${value}`,
        source: `${original.slice(0, listStart)}[${next.map((v) => `"${v}"`).join(", ")}]${original.slice(listEnd)}`,
      });
    }
  }
  return flips;
}

// POLICY_MUTATIONS_ONLY=<regex> limits the run to matching flips ("ORG_ACTIONS.org.audit -owner").
const only = process.env.POLICY_MUTATIONS_ONLY ? new RegExp(process.env.POLICY_MUTATIONS_ONLY) : null;
const flips = [...flipsOf("ORG_ACTIONS", "roles", ROLES), ...flipsOf("PROJECT_ACTIONS", "levels", LEVELS)]
  .filter((f) => !only || only.test(`${f.table}.${f.key} ${f.change}`));
if (flips.length === 0) throw new Error("no policy cells found: has lib/authz/policy.ts changed shape?");

const { createVitest } = await import("vitest/node");
const quiet = {}; // a reporter that reports nothing: the table below is the report
const servePolicy = {
  name: "serve-flipped-policy",
  enforce: "pre",
  load(id) {
    return id.split("?")[0] === POLICY ? served : null;
  },
};
const vitest = await createVitest(
  "test",
  // One worker kept between runs: only the flipped module and what imports it are evaluated again.
  { watch: false, reporters: [quiet], include: ["tests/integration/policy-matrix.test.ts"], isolate: process.env.POLICY_MUTATIONS_ISOLATE === "1", maxWorkers: 1 },
  { plugins: [servePolicy] },
);

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Runs the matrix (or the rows matching `pattern`) and returns the names of failed tests. */
async function run(pattern) {
  if (pattern) vitest.setGlobalTestNamePattern(pattern);
  else vitest.resetGlobalTestNamePattern();
  vitest.invalidateFile(POLICY);
  const result = await vitest.runTestFiles([MATRIX]);
  const failed = [];
  let passed = 0;
  for (const mod of result.testModules) {
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === "failed") failed.push(test.name);
      if (state === "passed") passed++;
    }
    for (const e of mod.errors()) failed.push(`(file error) ${String(e.message ?? e).split("\n")[0]}`);
  }
  for (const e of result.unhandledErrors ?? []) failed.push(`(unhandled) ${String(e?.message ?? e).split("\n")[0]}`);
  return { failed, passed };
}

const started = Date.now();
const report = [];
let exitCode = 0;
try {
  const baseline = await run(null);
  if (baseline.failed.length > 0 || baseline.passed === 0) {
    console.error(`The matrix fails on the unflipped policy, so flips prove nothing:\n  ${baseline.failed.join("\n  ")}`);
    exitCode = 1;
  } else {
    for (const [i, flip] of flips.entries()) {
      served = flip.source;
      const t0 = Date.now();
      let { failed } = await run(`\\[${escape(flip.key)}\\]`);
      if (failed.length === 0) ({ failed } = await run(null));
      served = original;
      report.push({ ...flip, caughtBy: failed, ms: Date.now() - t0 });
      const line = `${String(i + 1).padStart(3)}/${flips.length} ${flip.table}.${flip.key} ${flip.change}`;
      console.log(`${line.padEnd(52)} ${failed.length ? `caught by: ${failed[0]}${failed.length > 1 ? ` (+${failed.length - 1})` : ""}` : "NOT CAUGHT"}`);
    }
    // The unflipped table must pass again: proves each run saw its own flip, not a stale one.
    const after = await run(null);
    if (after.failed.length > 0) {
      console.error(`The matrix fails on the restored policy: a flip leaked into later runs.\n  ${after.failed.join("\n  ")}`);
      exitCode = 1;
    }
  }
} finally {
  await vitest.close();
}

if (report.length) {
  const survivors = report.filter((r) => r.caughtBy.length === 0);
  console.log(`\n| table | row | flip | caught by |\n|---|---|---|---|`);
  for (const r of report) console.log(`| ${r.table} | ${r.key} | ${r.change} | ${r.caughtBy[0] ?? "**not caught**"} |`);
  const secs = Math.round((Date.now() - started) / 1000);
  console.log(`\n${report.length - survivors.length} of ${report.length} flips caught in ${secs} s.`);
  if (survivors.length) {
    console.log(`Not caught (the policy table cell changes nothing the matrix can see):\n${survivors.map((r) => `  ${r.table}.${r.key} ${r.change}`).join("\n")}`);
    exitCode = 1;
  }
}
process.exit(exitCode);
