// Signed-in pages kept per browser, in front of Next: a page asked for again is sent as it was
// rendered while nothing it could show has changed. "Nothing changed" is the page epochs of its
// workspace, of its user and the global one, numbers every write to a shown table moves in its own
// commit (db/migrations/0008_page-epoch.sql), read in the same statement as the session check
// every page makes anyway. So a kept page is served only to the same cookie, only while its
// session is live, and only while nothing it could show has changed since before it was
// rendered; anything else renders as usual.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";

/** Request headers a kept page is keyed by: every one a page or Next varies its answer on. */
export const KEY_HEADERS = [
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
  "cookie",
  "accept-encoding",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
];

/** Response headers that belong to one delivery, not to the page. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** The top-level names of the app's own routes (signin, settings, api…): never a workspace. */
export function reservedSegments(appDir) {
  const names = new Set(["_next"]);
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith("(") && entry.isDirectory()) visit(path.join(dir, entry.name));
      else if (!entry.name.startsWith("[")) names.add(entry.name.replace(/\.[a-z]+$/, ""));
    }
  };
  visit(appDir);
  return names;
}

/** The workspace page and a project's overview: `/<workspace>` and `/<workspace>/<project>`. */
export function isKeptPath(pathname, reserved) {
  const parts = pathname.split("/").slice(1);
  if (parts.at(-1) === "") parts.pop();
  // Workspace and project slugs have no dot; files (/icon.svg, /favicon.ico, /robots.txt) do.
  if (parts.length < 1 || parts.length > 2 || parts.some((p) => p === "" || p.includes("."))) return false;
  if (reserved.has(parts[0])) return false;
  return parts.length === 1 || !["new", "settings"].includes(parts[1]);
}

/** The workspace slug of a request whose page may be kept, or null. */
export function candidateWorkspace(req, reserved) {
  if (req.method !== "GET" || req.headers["next-action"]) return null;
  if (!SESSION_COOKIE.test(req.headers.cookie ?? "")) return null;
  const q = req.url.indexOf("?");
  const pathname = q < 0 ? req.url : req.url.slice(0, q);
  if (!isKeptPath(pathname, reserved)) return null;
  try {
    return decodeURIComponent(pathname.split("/")[1]);
  } catch {
    return null; // not a path Next would route to a workspace either
  }
}

export function cacheKey(req) {
  const h = createHash("sha256").update(req.url);
  for (const name of KEY_HEADERS) h.update("\0" + name + "\0" + (req.headers[name] ?? ""));
  return h.digest("base64url");
}

/** A page may be kept when it is a whole 200 page, sets no cookie, and varies only on the key. */
export function keepable(res) {
  if (res.statusCode !== 200 || res.getHeader("set-cookie")) return false;
  const type = String(res.getHeader("content-type") ?? "");
  if (!type.startsWith("text/html") && !type.startsWith("text/x-component")) return false;
  const vary = String(res.getHeader("vary") ?? "").toLowerCase().split(",").map((v) => v.trim()).filter(Boolean);
  return vary.every((v) => KEY_HEADERS.includes(v));
}

/** Least recently used first out, bounded by bytes. */
export class PageStore {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    this.map = new Map();
  }
  get(key) {
    const e = this.map.get(key);
    if (e) {
      this.map.delete(key);
      this.map.set(key, e);
    }
    return e;
  }
  set(key, entry) {
    this.delete(key);
    if (entry.body.length > this.maxBytes / 8) return;
    this.map.set(key, entry);
    this.bytes += entry.body.length;
    for (const [k] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(k);
    }
  }
  delete(key) {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.bytes -= e.body.length;
  }
}

/** Records what Next writes for this response, as it goes out, up to `limit` bytes (then null). */
function capture(res, limit, done) {
  let chunks = [];
  let bytes = 0;
  const take = (chunk, encoding) => {
    if (chunk == null || typeof chunk === "function" || chunks === null) return;
    const buf = Buffer.isBuffer(chunk) ? chunk : typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
    bytes += buf.length;
    if (bytes > limit) chunks = null; // too large to keep: stop holding it
    else chunks.push(buf);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (chunk, encoding, cb) {
    take(chunk, encoding);
    return write.call(this, chunk, encoding, cb);
  };
  res.end = function (chunk, encoding, cb) {
    take(chunk, encoding);
    return end.call(this, chunk, encoding, cb);
  };
  // Next reports a failed render (onRequestError) asynchronously: decide a turn later.
  res.once("finish", () => setImmediate(() => done(chunks && Buffer.concat(chunks, bytes))));
}

/** Sends a kept page. */
function replay(res, kept) {
  res.writeHead(200, { ...kept.headers, "x-page-cache": "hit" });
  res.end(kept.body);
}

/**
 * The request listener: `handle` is Next's; `check()` gives the app's session check with the
 * epochs, `(cookie, forwardedProto, workspaceSlug) => …` (lib/page-cache/check.ts), or undefined
 * until the app registered it.
 */
export function pageCacheListener({ handle, check, appDir, maxBytes }) {
  const reserved = reservedSegments(appDir);
  const store = new PageStore(maxBytes);
  // Pages being rendered, by key: the same browser asking again meanwhile (a double click, ten
  // tabs restored at once) waits for that render instead of starting its own.
  const rendering = new Map();
  const verified = (globalThis[Symbol.for("workbench.verifiedSession")] ??= new AsyncLocalStorage());
  const listener = async (req, res) => {
    const workspace = maxBytes > 0 ? candidateWorkspace(req, reserved) : null;
    const checker = workspace === null ? undefined : check();
    if (!checker) return verified.run(null, () => handle(req, res));
    let live;
    try {
      // The protocol the page will see: Next fills the header in the same way when it is absent.
      const proto = req.headers["x-forwarded-proto"] ?? (req.socket.encrypted ? "https" : "http");
      live = await checker(req.headers.cookie ?? null, proto, workspace);
    } catch {
      live = null; // the page reports whatever went wrong itself
    }
    if (!live) return verified.run(null, () => handle(req, res));
    const key = cacheKey(req);
    const same = (e) => e && e.epoch === live.epoch && e.userId === live.user.id;
    const kept = store.get(key);
    if (same(kept)) return replay(res, kept);
    const leader = rendering.get(key);
    if (same(leader)) {
      const page = await leader.page;
      if (page) return replay(res, page);
      // That render was not kept (it failed, or its browser left): this one renders for itself.
    }

    let settle;
    const mine = { epoch: live.epoch, userId: live.user.id, page: new Promise((r) => (settle = r)) };
    rendering.set(key, mine);
    const done = (page) => {
      settle(page);
      if (rendering.get(key) === mine) rendering.delete(key);
    };
    res.once("close", () => {
      if (!res.writableFinished) done(null);
    });
    res.setHeader("x-page-cache", "miss");
    const ctx = { claims: live.claims, user: live.user, at: live.at, failed: false };
    capture(res, maxBytes / 8, (body) => {
      if (!body || ctx.failed || !keepable(res)) return done(null);
      const headers = {};
      for (const [name, value] of Object.entries(res.getHeaders())) if (!HOP_HEADERS.has(name) && name !== "x-page-cache") headers[name] = value;
      const page = { epoch: live.epoch, userId: live.user.id, headers, body };
      store.set(key, page);
      done(page);
    });
    return verified.run(ctx, () => handle(req, res));
  };
  listener.store = store;
  return listener;
}
