import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listMembers } from "@/lib/api/endpoints/project";
import { db, makeOrg, makeProject, makeUser, unique } from "../factories";
import { call, makeToken, type Answer } from "./api-helpers";

// GET /projects/{id}/members pages like the other API lists: an opaque cursor, a Link header to the
// next page while there is one, 50 a page unless `limit` says otherwise.

let p: string;
let token: string;
let project: { id: string };
let otherProject: { id: string };

beforeAll(async () => {
  p = unique("am");
  const owner = await makeUser(`${p}owner`);
  const org = await makeOrg(owner, { additionalSeats: 100 });
  token = await makeToken(owner);
  project = await makeProject(org, { visibility: "organization" });
  otherProject = await makeProject(org, { visibility: "organization" });
  // 59 members `<p>m01`–`m59` by SQL: how people join is not this test's subject.
  await (await db()).execute(sql`
    with made as (insert into users (username, email, password_hash, email_verified_at)
                  select ${p} || 'm' || lpad(i::text, 2, '0'), ${p} || 'm' || i || '@example.test', 'x', now()
                  from generate_series(59, 1, -1) as i returning id)
    insert into memberships (org_id, user_id, role) select ${org.id}::uuid, id, 'member' from made`);
});

const names = (a: Answer) => (a.body.items ?? []).map((m) => m.username as string);
const expected = () => [...Array.from({ length: 59 }, (_, i) => `${p}m${String(i + 1).padStart(2, "0")}`), `${p}owner`];

function nextQuery(a: Answer): Record<string, string> | null {
  const link = a.headers.get("link");
  if (!link) return null;
  const url = new URL(/^<([^>]+)>; rel="next"$/.exec(link)![1], "http://localhost");
  expect(url.pathname).toBe(`/api/v1/projects/${project.id}/members`);
  return Object.fromEntries(url.searchParams);
}

describe("GET /projects/{id}/members, page by page", () => {
  it("25 at a time: 25, 25 and 10, by username, everyone once; a Link on every page but the last", async () => {
    const pages: Answer[] = [];
    let q: Record<string, string> | null = { limit: "25" };
    while (q && pages.length < 10) {
      const page = await call(listMembers, { token, params: { id: project.id }, query: q });
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      pages.push(page);
      q = nextQuery(page);
    }
    expect(pages.map((pg) => names(pg).length)).toEqual([25, 25, 10]);
    expect(pages.flatMap(names)).toEqual(expected());
    expect(pages[0].body.items![0]).toMatchObject({ username: `${p}m01`, orgRole: "member", level: "write", via: ["baseline"] });
  });

  it("50 a page without a limit", async () => {
    const first = await call(listMembers, { token, params: { id: project.id } });
    expect(names(first)).toEqual(expected().slice(0, 50));
    const second = await call(listMembers, { token, params: { id: project.id }, query: nextQuery(first)! });
    expect(names(second)).toEqual(expected().slice(50));
    expect(second.headers.get("link")).toBeNull();
  });

  it("a cursor the list never handed out is a 400 with the reason; a page size out of range too", async () => {
    const first = await call(listMembers, { token, params: { id: project.id }, query: { limit: "5" } });
    const foreign = nextQuery(first)!.cursor;
    for (const cursor of ["garbage", "%00", foreign]) {
      const target = cursor === foreign ? otherProject.id : project.id;
      const refused = await call(listMembers, { token, params: { id: target }, query: { cursor } });
      expect(refused.status, cursor).toBe(400);
      expect(refused.body.detail, cursor).toBe("That page link is not valid; start again from the first page.");
    }
    const tooBig = await call(listMembers, { token, params: { id: project.id }, query: { limit: "1000" } });
    expect(tooBig.status).toBe(400);
  });
});
