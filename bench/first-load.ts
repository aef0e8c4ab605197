// What a first visit to a page downloads in JavaScript, and the demo's pages to visit: shared by
// the PGlite demo bench and the first-load JS bench so both count, and visit, the same way.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");

export const DEMO_ORG = "gregs_gyms";
export const DEMO_PROJECT = `${DEMO_ORG}/gym-membership-retention`;

/** Every page of the demo its owner can open (plus the JSON list route), in the order a tour would. */
export async function demoPages(base: string, cookie: string): Promise<string[]> {
  const org = DEMO_ORG;
  const project = DEMO_PROJECT;
  const resource = await firstResourcePath(base, cookie, project);
  return [
    "/", `/${org}`, `/${project}`, `/${project}/people`, `/${project}/settings`, `/${project}/new/dataset`, `/${project}/new/model`,
    `/${project}/new/run`, ...(resource ? [resource] : []), `/${org}/new`, `/${org}/settings`, `/${org}/settings/people`,
    `/${org}/settings/teams`, `/${org}/settings/permissions`, `/${org}/settings/billing`, `/${org}/settings/audit`,
    `/${org}/settings/roles`, `/${org}/settings/danger`, "/notifications", "/settings", "/organizations/new",
    `/api/workspaces/${org}/projects`,
  ];
}

/** A resource page of the project, found the way a person would: from a link on the project page. */
async function firstResourcePath(base: string, cookie: string, project: string): Promise<string | null> {
  const html = await (await fetch(`${base}/${project}`, { headers: { cookie } })).text();
  const m = new RegExp(`href="(/${project}/r/[0-9a-f-]{36})"`).exec(html);
  return m ? m[1] : null;
}

/** The gzip size, in bytes, of every build chunk the page's HTML names, by chunk. */
export async function firstLoadChunks(url: string, cookie: string | null): Promise<Map<string, number>> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const html = await res.text();
  // The polyfills load only in browsers without ES modules (noModule), so a first visit skips them.
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "build-manifest.json"), "utf8")) as { polyfillFiles: string[] };
  const skip = new Set(manifest.polyfillFiles.map((f) => `/_next/${f}`));
  const chunks = new Set((html.match(/\/_next\/static\/[^"'\\\s]+?\.js/g) ?? []).filter((c) => !skip.has(c)));
  const out = new Map<string, number>();
  for (const c of chunks) out.set(c, gzipSync(readFileSync(path.join(root, ".next", c.slice("/_next/".length)))).length);
  return out;
}

/**
 * What a first visit downloads in JavaScript, in kB: every build chunk the page's HTML names
 * (script tags, preloads and the chunks its server components reference), gzip-compressed as served.
 */
export async function firstLoadJsKb(url: string, cookie: string | null): Promise<number> {
  const chunks = await firstLoadChunks(url, cookie);
  return Math.round([...chunks.values()].reduce((a, b) => a + b, 0) / 1024);
}
