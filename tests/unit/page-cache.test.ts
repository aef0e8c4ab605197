import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import { Socket } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { markRequestFailed, verifiedSessionStore, type VerifiedSession } from "@/lib/page-cache/verified-session";
import { cacheKey, candidateWorkspace, isKeptPath, keepable, PageStore, pageCacheListener, reservedSegments } from "@/scripts/page-cache.mjs";

const APP_DIR = path.join(import.meta.dirname, "..", "..", "app");
const reserved = reservedSegments(APP_DIR);
const SESSION = "authjs.session-token=eyJhbGciOi.session.one";
// What Next sends on a page: the page cache must accept exactly this.
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";

describe("which paths are workspace or project pages", () => {
  it("the app's own top-level routes are reserved", () => {
    for (const name of ["signin", "signup", "settings", "api", "invite", "notifications", "organizations", "docs"]) {
      expect(reserved.has(name), name).toBe(true);
    }
    // Control: a workspace slug is not.
    expect(reserved.has("acme")).toBe(false);
  });

  it.each(["/acme", "/acme/", "/acme/models"])("%s is kept", (p) => {
    expect(isKeptPath(p, reserved)).toBe(true);
  });

  it.each(["/signin", "/settings/security", "/acme/settings", "/acme/new", "/acme/p/people", "/", "/_next/static/x.js", "/api/workspaces"])(
    "%s is not kept",
    (p) => {
      expect(isKeptPath(p, reserved)).toBe(false);
    },
  );
});

type FakeReq = { method: string; url: string; headers: Record<string, string> };
const req = (over: Partial<FakeReq> = {}): FakeReq => ({ method: "GET", url: "/acme", headers: { cookie: SESSION }, ...over });

describe("which requests are candidates, and for which workspace", () => {
  it("a GET of a workspace page with a session cookie is, for the workspace its path names", () => {
    expect(candidateWorkspace(req(), reserved)).toBe("acme");
    expect(candidateWorkspace(req({ url: "/acme/models?x=1" }), reserved)).toBe("acme");
    expect(candidateWorkspace(req({ url: "/acme/" }), reserved)).toBe("acme");
  });
  it("a %-escaped workspace slug is given decoded, as Next routes it", () => {
    expect(candidateWorkspace(req({ url: "/Acme%20x" }), reserved)).toBe("Acme x");
    expect(candidateWorkspace(req({ url: "/%C3%A9quipe/models" }), reserved)).toBe("équipe");
  });
  it("a malformed %-escape is not a candidate; the same path well escaped is", () => {
    expect(candidateWorkspace(req({ url: "/acme%E0%A4%A" }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ url: "/acme%zz/models" }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ url: "/acme%25zz/models" }), reserved)).toBe("acme%zz");
  });
  it("a file at the top level is not a candidate, even with a session cookie", () => {
    for (const url of ["/icon.svg", "/favicon.ico", "/robots.txt", "/acme/report.csv"]) expect(candidateWorkspace(req({ url }), reserved), url).toBeNull();
    // Control: the same request for a workspace page is.
    expect(candidateWorkspace(req({ url: "/icon" }), reserved)).toBe("icon");
  });
  it("a POST, a server action, or no cookie is not", () => {
    expect(candidateWorkspace(req({ method: "POST" }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ headers: { cookie: SESSION, "next-action": "abc123" } }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ headers: {} }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ headers: { cookie: "theme=dark" } }), reserved)).toBeNull();
  });
  it("a cookie that only ends in the session cookie's name is not; the secure and chunked names are", () => {
    expect(candidateWorkspace(req({ headers: { cookie: "xauthjs.session-token=abc" } }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ headers: { cookie: "theme=dark; __Secure-authjs.session-token=abc" } }), reserved)).toBe("acme");
    expect(candidateWorkspace(req({ headers: { cookie: "authjs.session-token.0=abc; authjs.session-token.1=def" } }), reserved)).toBe("acme");
  });
  it("a query string does not change the path decision", () => {
    expect(candidateWorkspace(req({ url: "/acme?sort=name" }), reserved)).toBe("acme");
    expect(candidateWorkspace(req({ url: "/settings?tab=security" }), reserved)).toBeNull();
    expect(candidateWorkspace(req({ url: "/acme/settings?tab=people" }), reserved)).toBeNull();
  });
});

describe("cache keys", () => {
  const base = {
    url: "/acme?sort=name",
    headers: { host: "wb.example", cookie: SESSION, "accept-encoding": "gzip", rsc: "", "next-router-state-tree": "" },
  };
  it("identical requests share a key", () => {
    expect(cacheKey({ ...base, headers: { ...base.headers } })).toBe(cacheKey(base));
  });
  it.each([
    ["cookie", { cookie: "authjs.session-token=another" }],
    ["rsc", { rsc: "1" }],
    ["next-router-state-tree", { "next-router-state-tree": "%5B%22%22%5D" }],
    ["host", { host: "other.example" }],
    ["accept-encoding", { "accept-encoding": "br" }],
  ])("a different %s gives a different key", (_name, change) => {
    expect(cacheKey({ ...base, headers: { ...base.headers, ...change } })).not.toBe(cacheKey(base));
  });
  it("a different query string gives a different key", () => {
    expect(cacheKey({ ...base, url: "/acme?sort=updated" })).not.toBe(cacheKey(base));
  });
});

function response(status: number, headers: Record<string, string | string[]>): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  return res;
}

describe("which responses may be kept", () => {
  it("a 200 HTML page or RSC payload with Next's Vary is kept", () => {
    expect(keepable(response(200, { "content-type": "text/html; charset=utf-8", vary: NEXT_VARY }))).toBe(true);
    expect(keepable(response(200, { "content-type": "text/x-component", vary: NEXT_VARY }))).toBe(true);
  });
  it.each([301, 307, 404, 500])("a %i is not", (status) => {
    expect(keepable(response(status, { "content-type": "text/html; charset=utf-8", vary: NEXT_VARY }))).toBe(false);
  });
  it("a response that sets a cookie, is JSON, or varies on a header outside the key is not", () => {
    expect(keepable(response(200, { "content-type": "text/html", "set-cookie": ["a=b; Path=/"] }))).toBe(false);
    expect(keepable(response(200, { "content-type": "application/json" }))).toBe(false);
    expect(keepable(response(200, { "content-type": "text/html", vary: "x-foo" }))).toBe(false);
    expect(keepable(response(200, { "content-type": "text/html", vary: `${NEXT_VARY}, x-foo` }))).toBe(false);
  });
});

describe("PageStore", () => {
  const entry = (bytes: number) => ({ epoch: "1", userId: "u", headers: {}, body: Buffer.alloc(bytes) });
  const kept = (store: PageStore, keys: string[]) => keys.filter((k) => store.get(k) !== undefined);

  it("evicts the least recently used entries once the bytes pass the bound", () => {
    const store = new PageStore(80);
    for (const k of ["a", "b", "c", "d", "e", "f", "g", "h"]) store.set(k, entry(10));
    store.set("i", entry(10));
    expect(kept(store, ["a", "b", "c", "d", "e", "f", "g", "h", "i"])).toEqual(["b", "c", "d", "e", "f", "g", "h", "i"]);
  });

  it("counts bytes, not entries: one larger entry pushes out two small ones", () => {
    const store = new PageStore(80);
    for (const k of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"]) store.set(k, entry(5));
    store.set("big", entry(10));
    expect(kept(store, ["a", "b", "c", "big"])).toEqual(["c", "big"]);
  });

  it("refuses an entry larger than an eighth of its bound, and takes one exactly that size", () => {
    const store = new PageStore(80);
    store.set("large", entry(11));
    store.set("fits", entry(10));
    expect(kept(store, ["large", "fits"])).toEqual(["fits"]);
  });

  it("a page grown past an eighth of the bound drops the older copy kept under its key, and only that one", () => {
    const store = new PageStore(80);
    store.set("page", entry(10));
    store.set("other", entry(10));
    store.set("page", entry(11));
    expect(kept(store, ["page", "other"])).toEqual(["other"]);
    // Its bytes were given back: eight more pages of the bound's eighth all fit beside "other".
    for (const k of ["a", "b", "c", "d", "e", "f", "g"]) store.set(k, entry(10));
    expect(kept(store, ["other", "a", "b", "c", "d", "e", "f", "g"])).toEqual(["other", "a", "b", "c", "d", "e", "f", "g"]);
  });

  it("a get makes an entry the most recently used", () => {
    const store = new PageStore(80);
    for (const k of ["a", "b", "c", "d", "e", "f", "g", "h"]) store.set(k, entry(10));
    store.get("a");
    store.set("i", entry(10));
    expect(store.get("a")).toBeDefined();
    expect(store.get("b")).toBeUndefined();
  });
});

type Live = { userId: string; epoch: string } | null;

/** A stand-in for Next and for the app's session check, behind the real listener on a real socket. */
async function harness(opts: { maxBytes?: number; respond?: (res: ServerResponse, n: number) => void | Promise<void> } = {}) {
  const state = {
    live: { userId: "user-1", epoch: "7" } as Live,
    renders: 0,
    checks: 0,
    asked: [] as [string | null, string | null, string][],
    stores: [] as (VerifiedSession | null | undefined)[],
  };
  const respond =
    opts.respond ??
    ((res: ServerResponse, n: number) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("vary", NEXT_VARY);
      res.end(`<p>render ${n}</p>`);
    });
  const listener = pageCacheListener({
    appDir: APP_DIR,
    maxBytes: opts.maxBytes ?? 1024 * 1024,
    handle: async (_req: IncomingMessage, res: ServerResponse) => {
      state.renders += 1;
      state.stores.push(verifiedSessionStore().getStore());
      await respond(res, state.renders);
    },
    check: () => async (cookie: string | null, proto: string | null, workspace: string) => {
      state.checks += 1;
      state.asked.push([cookie, proto, workspace]);
      const live = state.live;
      return live && { claims: { userId: live.userId, sessionId: "s-1" }, user: { id: live.userId, username: live.userId }, epoch: live.epoch, at: Date.now() };
    },
  });
  const server: Server = createServer(listener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  const { port } = server.address() as { port: number };
  const get = async (p = "/acme", cookie: string | null = SESSION) => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: cookie ? { cookie } : {} });
    const body = await res.text();
    // The listener decides whether to keep a page a turn after the response finished.
    await new Promise((r) => setTimeout(r, 20));
    return { status: res.status, cache: res.headers.get("x-page-cache"), type: res.headers.get("content-type"), body };
  };
  return { state, get, port };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe("pageCacheListener", () => {
  it("the second identical request is answered from the cache with the same page", async () => {
    const h = await harness();
    expect(await h.get()).toEqual({ status: 200, cache: "miss", type: "text/html; charset=utf-8", body: "<p>render 1</p>" });
    expect(await h.get()).toEqual({ status: 200, cache: "hit", type: "text/html; charset=utf-8", body: "<p>render 1</p>" });
    expect(h.state.renders).toBe(1);
  });

  it("once the epoch moved, the page renders again, and that new page is kept", async () => {
    const h = await harness();
    await h.get();
    h.state.live = { userId: "user-1", epoch: "8" };
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
    expect(await h.get()).toMatchObject({ cache: "hit", body: "<p>render 2</p>" });
    expect(h.state.renders).toBe(2);
  });

  it("a page kept for one user is not served to another, even under the same key", async () => {
    const h = await harness();
    await h.get();
    h.state.live = { userId: "user-2", epoch: "7" };
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
    expect(h.state.renders).toBe(2);
  });

  it("a page kept for one browser is not served to another browser of the same user", async () => {
    const h = await harness();
    await h.get();
    expect(await h.get("/acme", "authjs.session-token=eyJhbGciOi.session.two")).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("a cookie whose session is not live is never cached", async () => {
    const h = await harness();
    h.state.live = null;
    for (const n of [1, 2, 3]) expect(await h.get()).toEqual({ status: 200, cache: null, type: "text/html; charset=utf-8", body: `<p>render ${n}</p>` });
    expect(h.state.stores).toEqual([null, null, null]);
  });

  it("a response that sets a cookie is not kept; the next one, which does not, is", async () => {
    const h = await harness({
      respond: (res, n) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        if (n === 1) res.setHeader("set-cookie", "authjs.session-token=refreshed; Path=/; HttpOnly");
        res.end(`<p>render ${n}</p>`);
      },
    });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 1</p>" });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
    expect(await h.get()).toMatchObject({ cache: "hit", body: "<p>render 2</p>" });
  });

  it("a page whose render failed is not kept; the next one, which did not fail, is", async () => {
    const h = await harness({
      respond: (res, n) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        if (n === 1) markRequestFailed();
        res.end(`<p>render ${n}</p>`);
      },
    });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 1</p>" });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
    expect(await h.get()).toMatchObject({ cache: "hit", body: "<p>render 2</p>" });
  });

  it("a failure reported as the response finishes still keeps the page out", async () => {
    const h = await harness({
      respond: (res, n) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        // As Next's onRequestError may: after the last byte went out.
        if (n === 1) res.once("finish", () => markRequestFailed());
        res.end(`<p>render ${n}</p>`);
      },
    });
    await h.get();
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("a page the client stopped reading halfway is not kept", async () => {
    let clientGone!: () => void;
    const gone = new Promise<void>((r) => (clientGone = r));
    let finished!: () => void;
    const serverDone = new Promise<void>((r) => (finished = r));
    const h = await harness({
      respond: async (res, n) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        if (n > 1) return void res.end(`<p>render ${n}</p>`);
        res.once("close", clientGone);
        res.write("<p>first half");
        await gone;
        res.end(" second half</p>");
        finished();
      },
    });
    const abort = new AbortController();
    const first = await fetch(`http://127.0.0.1:${h.port}/acme`, { headers: { cookie: SESSION }, signal: abort.signal });
    const reader = first.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("<p>first half");
    abort.abort();
    await serverDone;
    await new Promise((r) => setTimeout(r, 50));
    expect(await h.get()).toMatchObject({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("the check is asked about the workspace the URL names, decoded, with the cookie and protocol", async () => {
    const h = await harness();
    await h.get("/acme/models?x=1");
    await h.get("/Acme%20x");
    await h.get("/settings");
    expect(h.state.asked).toEqual([
      [SESSION, "http", "acme"],
      [SESSION, "http", "Acme x"],
    ]);
  });

  it("a page larger than an eighth of the bytes is sent whole but not kept; one exactly that size is", async () => {
    // 800 bytes to spend: at most 100 a page. The first render is 101 bytes in two writes.
    const h = await harness({
      maxBytes: 800,
      respond: (res, n) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.write("a".repeat(60));
        res.end((n === 1 ? "b" : "c").repeat(n === 1 ? 41 : 40));
      },
    });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "a".repeat(60) + "b".repeat(41) });
    expect(await h.get()).toMatchObject({ cache: "miss", body: "a".repeat(60) + "c".repeat(40) });
    expect(await h.get()).toMatchObject({ cache: "hit", body: "a".repeat(60) + "c".repeat(40) });
    expect(h.state.renders).toBe(2);
  });

  it("with no bytes to spend, nothing is checked or kept", async () => {
    const h = await harness({ maxBytes: 0 });
    expect(await h.get()).toMatchObject({ cache: null, body: "<p>render 1</p>" });
    expect(await h.get()).toMatchObject({ cache: null, body: "<p>render 2</p>" });
    expect(h.state.checks).toBe(0);
  });

  it("inside Next, a candidate sees the user the listener checked; other requests see no one", async () => {
    const h = await harness();
    await h.get("/acme");
    await h.get("/settings");
    await h.get("/acme", null);
    const [candidate, reservedPath, noCookie] = h.state.stores;
    expect(candidate).toMatchObject({ claims: { userId: "user-1", sessionId: "s-1" }, user: { id: "user-1" }, failed: false });
    expect(reservedPath).toBeNull();
    expect(noCookie).toBeNull();
    // Only the candidate cost a session check.
    expect(h.state.checks).toBe(1);
  });
});
