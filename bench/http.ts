// The HTTP half of the bench: the production server (`npm start`) on the bench database,
// signed-in sessions made through the app's own sign-in endpoint, autocannon against each page,
// and the server's peak memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "postcss.config.mjs"];

function newestSource(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

/** `npm run build` unless the build is newer than every source file. */
export function ensureBuild(): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (existsSync(id) && statSync(id).mtimeMs >= newestSource()) return false;
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error("npm run build failed");
  return true;
}

export interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(databaseUrl: string | null, port: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1",
    AUTH_SECRET: randomBytes(32).toString("base64url"), ...extraEnv,
  };
  delete env.SMTP_URL; // no mail loop: only the requests under test touch the database
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${base}/signin`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not answer within 2 minutes");
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    child,
    stop: async () => {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
    },
  };
}

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in the way a browser does (CSRF token, then the credentials callback) and returns the Cookie header. */
export async function signIn(base: string, identifier: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(jar) },
    body: new URLSearchParams({ identifier, password, csrfToken, callbackUrl: `${base}/` }),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${identifier} gave no session cookie (HTTP ${res.status})`);
  return header(jar);
}

export interface Load {
  path: string;
  req_per_s: number;
  latency_p50_ms: number;
  latency_p97_5_ms: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * req/s of one page under 10 connections. `fresh`: every request carries a query string of its
 * own, so the page cache never has it and each one is rendered (the cost of a page that changed).
 */
export async function load(base: string, urlPath: string, cookie: string | null, seconds: number, fresh = false): Promise<Load> {
  let n = 0;
  const requests: autocannon.Request[] | undefined = fresh
    ? [{ setupRequest: (r) => ({ ...r, path: `${urlPath}${urlPath.includes("?") ? "&" : "?"}fresh=${n++}` }) }]
    : undefined;
  const opts = { url: base + urlPath, connections: 10, timeout: 10, headers: cookie ? { cookie } : {}, ...(requests ? { requests } : {}) };
  await autocannon({ ...opts, duration: 2 }); // warm-up: compiled routes, pooled connections
  const r = await autocannon({ ...opts, duration: seconds });
  return {
    path: urlPath, req_per_s: r.requests.average, latency_p50_ms: r.latency.p50, latency_p97_5_ms: r.latency.p97_5,
    non_2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
}

/**
 * Latency of single requests one after another (no contention), in ms. `fresh`: each with a query
 * string of its own, so none is served from the page cache.
 */
export async function sequential(url: string, cookie: string, n: number, fresh = false): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 3 && Math.max(...out) > 2_000) break; // a pathological page costs seconds, not the budget
    const t = performance.now();
    const res = await fetch(fresh ? `${url}${url.includes("?") ? "&" : "?"}fresh=${i}-${Date.now()}` : url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    out.push(performance.now() - t);
  }
  return out;
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name), ...children(Number(name)));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Peak resident memory (VmHWM) of the server: the processes under the start script, in MB. */
export function peakRssMb(server: Server): { total_mb: number; largest_mb: number; processes: number } {
  const kb = children(server.child.pid!).map((pid) => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  });
  return { total_mb: Math.round(kb.reduce((a, b) => a + b, 0) / 1024), largest_mb: Math.round(Math.max(0, ...kb) / 1024), processes: kb.length };
}

/** A JavaScript chunk of the build, served as a static file. */
export function staticChunk(): string {
  const dir = path.join(root, ".next", "static", "chunks");
  const file = readdirSync(dir).find((f) => f.endsWith(".js"));
  return `/_next/static/chunks/${file}`;
}
