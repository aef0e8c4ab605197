import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { listResources } from "@/lib/api/endpoints/project";
import { listResourcePage } from "@/lib/data/resource-page";
import { db, makeProject, makeWorld } from "../factories";
import { call, makeToken, type Answer } from "./api-helpers";

// GET /projects/{id}/resources pages by an opaque cursor, newest first, with a Link header to the
// next page while there is one (the same contract as the project list).

let w: Awaited<ReturnType<typeof makeWorld>>;
let token: string;
let project: { id: string };

/**
 * Twelve runs R01…R12, created in that order, three to a timestamp and one microsecond apart
 * (a tie the keyset must break by id, and a precision JavaScript's Date does not have), plus
 * three datasets D1…D3 an hour older.
 */
async function seed(projectId: string) {
  await (await db()).execute(sql`
    insert into resources (project_id, kind, name, created_at)
    select ${projectId}::uuid, 'run', 'R' || lpad(i::text, 2, '0'), timestamptz '2026-03-01 10:00:00+00' + ((i - 1) / 3) * interval '1 microsecond'
    from generate_series(1, 12) i`);
  await (await db()).execute(sql`
    insert into resources (project_id, kind, name, created_at)
    select ${projectId}::uuid, 'dataset', 'D' || i, timestamptz '2026-03-01 09:00:00+00' + i * interval '1 second'
    from generate_series(1, 3) i`);
}

beforeAll(async () => {
  w = await makeWorld();
  token = await makeToken(w.owner);
  project = await makeProject(w.org, { visibility: "organization" });
  await seed(project.id);
});

afterEach(() => vi.restoreAllMocks());

const names = (a: Answer) => (a.body.items ?? []).map((r) => r.name as string);

/** The query of the Link header's next page; null when there is none. */
function nextQuery(a: Answer): Record<string, string> | null {
  const link = a.headers.get("link");
  if (!link) return null;
  const match = /^<([^>]+)>; rel="next"$/.exec(link);
  expect(match, link).not.toBeNull();
  const url = new URL(match![1], "http://localhost");
  expect(url.pathname).toBe(`/api/v1/projects/${project.id}/resources`);
  return Object.fromEntries(url.searchParams);
}

/** Follows Link headers from the first page to the last; every page's answer. */
async function walk(query: Record<string, string>, between?: (page: number) => Promise<void>): Promise<Answer[]> {
  const pages: Answer[] = [];
  let q: Record<string, string> | null = query;
  while (q) {
    const page = await call(listResources, { token, params: { id: project.id }, query: q });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    pages.push(page);
    await between?.(pages.length);
    q = nextQuery(page);
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

describe("GET /projects/{id}/resources, page by page", () => {
  it("five at a time: three pages of 5, 5 and 5, newest first, each resource once; a Link on every page but the last", async () => {
    const pages = await walk({ limit: "5" });
    expect(pages.map((p) => names(p).length)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.headers.get("link") !== null)).toEqual([true, true, false]);
    const all = pages.flatMap(names);
    expect(new Set(all).size).toBe(15);
    expect([...all].sort()).toEqual(["D1", "D2", "D3", "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12"]);
    // Newest first: runs by timestamp group (R10–R12 newest, order inside a tie is the id's), then D3, D2, D1.
    expect(all.slice(0, 12).map((n) => Math.ceil(Number(n.slice(1)) / 3))).toEqual([4, 4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1]);
    expect(all.slice(12)).toEqual(["D3", "D2", "D1"]);
  });

  it("the cursor is opaque, and the next page keeps the filter", async () => {
    const first = await call(listResources, { token, params: { id: project.id }, query: { kind: "dataset", limit: "2" } });
    expect(names(first)).toEqual(["D3", "D2"]);
    const next = nextQuery(first)!;
    expect(Object.keys(next).sort()).toEqual(["cursor", "kind", "limit"]);
    expect(next.kind).toBe("dataset");
    expect(next.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(next.cursor).not.toContain(project.id);
    const second = await call(listResources, { token, params: { id: project.id }, query: next });
    expect(names(second)).toEqual(["D1"]);
    expect(second.headers.get("link")).toBeNull();
  });

  it("a resource created while paging neither repeats a row nor hides one still to come", async () => {
    const other = await makeProject(w.org, { visibility: "organization" });
    const saved = project;
    project = other;
    try {
      await seed(other.id);
      const pages = await walk({ limit: "4" }, async (page) => {
        if (page === 1) {
          await (await db()).execute(sql`insert into resources (project_id, kind, name) values (${other.id}::uuid, 'run', 'Late arrival')`);
        }
      });
      const all = pages.flatMap(names);
      expect(all).toHaveLength(15);
      expect(new Set(all).size).toBe(15);
      expect(all).not.toContain("Late arrival");
      // Starting over shows it first.
      const again = await call(listResources, { token, params: { id: other.id }, query: { limit: "1" } });
      expect(names(again)).toEqual(["Late arrival"]);
    } finally {
      project = saved;
    }
  });

  it("without a page size: 50 a page", async () => {
    const big = await makeProject(w.org, { visibility: "organization" });
    await (await db()).execute(sql`
      insert into resources (project_id, kind, name, created_at)
      select ${big.id}::uuid, 'prediction', 'P' || i, timestamptz '2026-03-01 00:00:00+00' + i * interval '1 second' from generate_series(1, 51) i`);
    const first = await call(listResources, { token, params: { id: big.id } });
    expect(first.body.items).toHaveLength(50);
    expect(names(first)[0]).toBe("P51");
    expect(first.headers.get("link")).not.toBeNull();
    const max = await call(listResources, { token, params: { id: big.id }, query: { limit: "100" } });
    expect(max.body.items).toHaveLength(51);
    expect(max.headers.get("link")).toBeNull();
  });

  it("refuses a cursor it never handed out with a 400 that says what to do, as the project list does; without one, the first page", async () => {
    const projectListCursor = Buffer.from(JSON.stringify(["name", "alpha", "00000000-0000-4000-8000-000000000000"])).toString("base64url");
    const badTime = Buffer.from(JSON.stringify(["created", "not a time", "00000000-0000-4000-8000-000000000000"])).toString("base64url");
    const badId = Buffer.from(JSON.stringify(["created", "2026-03-01 10:00:00+00", "1; drop table resources"])).toString("base64url");
    for (const cursor of ["garbage", "%%%", "", projectListCursor, badTime, badId, "eyJ9"]) {
      const answer = await call(listResources, { token, params: { id: project.id }, query: { cursor } });
      expect(answer.status, cursor).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.body.detail).toBe("That page link is not valid; start again from the first page.");
      expect(answer.body.errors).toEqual({ cursor: ["Not a cursor from a Link header."] });
    }
    const tooLong = await call(listResources, { token, params: { id: project.id }, query: { cursor: "a".repeat(1001) } });
    expect(tooLong.status).toBe(400);
    const first = await call(listResources, { token, params: { id: project.id }, query: { limit: "3" } });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(3);
  });

  it("refuses a page size outside 1 to 100 with the reason", async () => {
    for (const limit of ["0", "101", "2.5", "ten"]) {
      const answer = await call(listResources, { token, params: { id: project.id }, query: { limit } });
      expect(answer.status, limit).toBe(400);
      expect(answer.body.errors).toEqual({ limit: ["Page size is a whole number from 1 to 100."] });
    }
  });

  it("reads each page in one SQL statement, the first and a deep one alike", async () => {
    const client = ((await db()) as unknown as { $client: Record<string, (...args: unknown[]) => unknown> }).$client;
    const method = typeof client.unsafe === "function" ? "unsafe" : "query";
    const first = await listResourcePage(project.id, { limit: 2 });
    const spy = vi.spyOn(client, method);
    const deep = await listResourcePage(project.id, { limit: 2, cursor: first.nextCursor! });
    const again = await listResourcePage(project.id, { limit: 2, cursor: deep.nextCursor!, kind: "run" });
    expect(spy.mock.calls.length).toBe(2);
    expect(deep.items).toHaveLength(2);
    expect(again.items).toHaveLength(2);
  });

  it("reads a page of a big project from an index, in order, without sorting the project's resources", async () => {
    const big = await makeProject(w.org, { visibility: "organization" });
    await (await db()).execute(sql`
      insert into resources (project_id, kind, name, created_at)
      select ${big.id}::uuid, (array['dataset','model','run','endpoint','prediction'])[1 + i % 5]::resource_kind, 'B' || i,
             timestamptz '2026-01-01 00:00:00+00' + i * interval '1 millisecond'
      from generate_series(1, 20000) i`);
    await (await db()).execute(sql`analyze resources`);
    const client = ((await db()) as unknown as { $client: { unsafe(q: string, p?: unknown[]): Promise<Record<string, unknown>[]> } }).$client;
    const first = await listResourcePage(big.id, { limit: 50 });
    type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    for (const query of [{ cursor: first.nextCursor! }, { cursor: first.nextCursor!, kind: "run" as const }]) {
      const spy = vi.spyOn(client, "unsafe");
      await listResourcePage(big.id, { limit: 50, ...query });
      const [statement, params] = spy.mock.calls[0] as [string, unknown[]];
      spy.mockRestore();
      const [row] = await client.unsafe(`explain (format json) ${statement}`, params);
      const plan = nodes((row["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan);
      expect(plan.map((n) => n["Node Type"]), JSON.stringify(query)).not.toContain("Sort");
      expect(plan.map((n) => n["Index Name"]).filter(Boolean), JSON.stringify(query)).toContain(
        query.kind ? "resources_project_kind_created_idx" : "resources_project_created_idx",
      );
    }
  });
});
