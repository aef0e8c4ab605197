// Helpers for the start scripts: Node built-ins only, so they run before `npm ci` has.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env, cwd: root });
  if (result.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** What `next build` reads: a build older than any of these is rebuilt before serving. */
export const BUILD_SOURCES = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];

export function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const e of entries) visit(path.join(root, e));
  return newest;
}

export function mtime(rel) {
  const p = path.join(root, rel);
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

/** AUTH_SECRET from the environment, or one generated once and kept in .data/ (mode 600). */
export function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(root, ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export function tsx(script, env) {
  run(process.execPath, ["--conditions=react-server", "--import", "tsx", script], env);
}

/**
 * V8 flags of the server. PGlite is a 9 MB WebAssembly module, and V8 optimises its hot functions
 * on as many threads as there are cores, each holding its own compiler memory: one thread does
 * the same work and kept about 50 MB off the server's peak memory. No other part of the server
 * compiles WebAssembly. The heap grows by half at a time instead of V8's default of up to four
 * times what survived, with 8 MB semi-spaces: under 10 concurrent requests the heap grew to
 * several times what was live (peak RSS 350–400 MB; about 200 MB with these), and collecting a
 * small heap more often cost no measurable throughput (rendered list page 80 → 85 req/s, within
 * noise). Nothing is capped, so a large upload still gets the memory it needs.
 * (`--optimize-for-size` saved as much but cost a quarter of the throughput of rendered pages.)
 */
const SERVER_FLAGS = ["--wasm-num-compilation-tasks=1", "--heap-growing-percent=50", "--max-semi-space-size=8"];

/** Serve the production build, passing signals through so Ctrl-C stops the server cleanly. */
export function serve(env) {
  const port = env.PORT || "3000";
  const child = spawn(process.execPath, [...SERVER_FLAGS, path.join(root, "scripts/server.mjs")], {
    stdio: "inherit",
    env: { ...env, PORT: port, HOST: env.HOST || "0.0.0.0" },
    cwd: root,
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}
