#!/usr/bin/env node
// The production server: Next's own request handler behind the page cache (page-cache.mjs).
// `next start` with one more layer, so scripts/lib.mjs serve() runs this instead.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { pageCacheListener } from "./page-cache.mjs";
import { root } from "./lib.mjs";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const mb = Number(process.env.PAGE_CACHE_MB ?? 16);
if (!Number.isFinite(mb) || mb < 0) {
  console.error(`PAGE_CACHE_MB must be a number of megabytes, 0 to turn the page cache off (got "${process.env.PAGE_CACHE_MB}").`);
  process.exit(1);
}

const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const listener = pageCacheListener({
  handle,
  check: () => globalThis[Symbol.for("workbench.pageCheck")],
  appDir: path.join(root, "app"),
  maxBytes: Math.round(mb * 1024 * 1024),
});
const server = createServer(listener);
server.listen(port, hostname, () => console.log(`▲ Workbench Orgs ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
