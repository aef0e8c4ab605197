import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { OrgRole } from "@/db/schema";
import { listPendingInvitations } from "@/lib/data/invitations";
import { listMembers } from "@/lib/data/members";
import { listProjectPeople } from "@/lib/data/project-people";
import { listVisibleProjects } from "@/lib/data/projects";
import { listResourcePage } from "@/lib/data/resource-page";
import { listTeams } from "@/lib/data/teams";
import { db, makeOrg, makeProject, makeUser, unique } from "../factories";
import { countQueries } from "./query-count";

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A cursor as a client could forge one: URL-safe base64 of any JSON. */
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * An organization of 120: the owner `<p>owner`, admins `<p>a01`–`a09`, members `<p>m001`–`m100`,
 * restricted members `<p>r01`–`r10` (lower-case letters and digits only, so every collation sorts
 * them alike). Inserted in bulk: the factories' one-by-one path is not what these tests are about.
 */
async function orgOf120() {
  const p = unique("pg");
  const owner = await makeUser(`${p}owner`);
  const org = await makeOrg(owner, { additionalSeats: 200 });
  const people: [string, OrgRole][] = [
    ...range(1, 9).map((i): [string, OrgRole] => [`${p}a${pad(i, 2)}`, "admin"]),
    ...range(1, 100).map((i): [string, OrgRole] => [`${p}m${pad(i, 3)}`, "member"]),
    ...range(1, 10).map((i): [string, OrgRole] => [`${p}r${pad(i, 2)}`, "restricted"]),
  ];
  const d = await db();
  // Inserted in shuffled order, so the list's order cannot come from insertion order.
  const shuffled = [...people].sort((a, b) => (a[0].split("").reverse().join("") < b[0].split("").reverse().join("") ? -1 : 1));
  await d.execute(sql`
    with input as (select * from unnest(${sql.param(shuffled.map((x) => x[0]))}::text[], ${sql.param(shuffled.map((x) => x[1]))}::text[]) as t(username, role)),
         made as (insert into users (username, email, password_hash, email_verified_at)
                  select username, username || '@example.test', 'x', now() from input returning id, username)
    insert into memberships (org_id, user_id, role)
    select ${org.id}::uuid, made.id, input.role::org_role from made join input using (username)`);
  // The order the People page promises: owner, admins, members, restricted, each by username.
  const expected = [`${p}owner`, ...people.map((x) => x[0])];
  return { p, org, owner, expected };
}

async function walk<T>(first: (cursor?: string) => Promise<{ items: T[]; next: string | null; prev: string | null }>) {
  const pages: { items: T[]; next: string | null; prev: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await first(cursor);
    pages.push(page);
    cursor = page.next ?? undefined;
  } while (cursor && pages.length < 10);
  return pages;
}

describe("the organization's members, 50 a page", () => {
  it("120 members are three pages, each one statement, none missing or repeated, in role then username order", async () => {
    const { org, expected } = await orgOf120();
    const d = await db();
    const pages = await walk((cursor) => listMembers(d, org.id, { cursor }));
    expect(pages.map((pg) => pg.items.length)).toEqual([50, 50, 20]);
    const names = pages.flatMap((pg) => pg.items.map((m) => m.username));
    expect(names).toEqual(expected);
    expect(new Set(names).size).toBe(120);
    expect(pages[0].items.slice(0, 3).map((m) => m.role)).toEqual(["owner", "admin", "admin"]);
    expect(pages[2].items.at(-1)?.role).toBe("restricted");
    expect(pages[0].prev).toBeNull();
    expect(pages[2].next).toBeNull();

    const counted = await countQueries(() => listMembers(d, org.id, { cursor: pages[0].next! }));
    expect(counted.queries).toBe(1);
    expect(counted.result.items.map((m) => m.username)).toEqual(expected.slice(50, 100));
  });

  it("goes back page by page to the same pages", async () => {
    const { org, expected } = await orgOf120();
    const d = await db();
    const [, , third] = await walk((cursor) => listMembers(d, org.id, { cursor }));
    const second = await listMembers(d, org.id, { cursor: third.prev! });
    expect(second.items.map((m) => m.username)).toEqual(expected.slice(50, 100));
    const first = await listMembers(d, org.id, { cursor: second.prev! });
    expect(first.items.map((m) => m.username)).toEqual(expected.slice(0, 50));
    expect(first.prev).toBeNull();
    const again = await listMembers(d, org.id, { cursor: first.next! });
    expect(again.items.map((m) => m.username)).toEqual(expected.slice(50, 100));
  });

  it("pages the search results: `<p>m0` finds m001–m099, 50 then 49", async () => {
    const { p, org } = await orgOf120();
    const d = await db();
    const pages = await walk((cursor) => listMembers(d, org.id, { q: `${p}m0`, cursor }));
    expect(pages.map((pg) => pg.items.length)).toEqual([50, 49]);
    expect(pages.flatMap((pg) => pg.items.map((m) => m.username))).toEqual(range(1, 99).map((i) => `${p}m${pad(i, 3)}`));
  });

  it("a search term's % and _ match only themselves", async () => {
    const { org } = await orgOf120();
    expect((await listMembers(await db(), org.id, { q: "%" })).items).toEqual([]);
    expect((await listMembers(await db(), org.id, { q: "_" })).items).toEqual([]);
  });

  it("a hostile cursor (garbage, forged, another organization's, another list's) reads as the first page", async () => {
    const a = await orgOf120();
    const b = await orgOf120();
    const d = await db();
    const otherOrgs = (await listMembers(d, b.org.id)).next!;
    const teamsCursor = forge(["teams.next", a.org.id, "zzz", "00000000-0000-4000-8000-000000000000"]);
    const hostile = [
      "%%%", "not base64 at all!", "bm90IGpzb24", forge({ k: "a" }), forge([]), forge(null),
      otherOrgs, teamsCursor,
      forge(["members.next", a.org.id, "3", "zz\u0000", "00000000-0000-4000-8000-000000000000"]),
      forge(["members.next", a.org.id, "3; drop table users", "zz", "00000000-0000-4000-8000-000000000000"]),
      forge(["members.next", a.org.id, "99999999999", "zz", "00000000-0000-4000-8000-000000000000"]),
      forge(["members.next", a.org.id, "3", "zz", "ffffffff-ffff-ffff-ffff-ffffffffffffff"]),
      forge(["members.next", a.org.id, "3", "zz", "not-a-uuid"]),
      forge(["members.next", a.org.id, 3, "zz", "00000000-0000-4000-8000-000000000000"]),
      forge(["members.next", a.org.id, "3", "z".repeat(5000), "00000000-0000-4000-8000-000000000000"]),
      forge(["members.sideways", a.org.id, "3", "zz", "00000000-0000-4000-8000-000000000000"]),
    ];
    for (const cursor of hostile) {
      const page = await listMembers(d, a.org.id, { cursor });
      expect(page.items.map((m) => m.username), cursor).toEqual(a.expected.slice(0, 50));
      expect(page.prev, cursor).toBeNull();
    }
    // A well-formed cursor of this organization is honoured: the forgery above failed on its shape alone.
    const honest = forge(["members.next", a.org.id, "3", `${a.p}m050`, "ffffffff-ffff-4fff-bfff-ffffffffffff"]);
    expect((await listMembers(d, a.org.id, { cursor: honest })).items[0].username).toBe(`${a.p}m051`);
  });
});

describe("the other unbounded lists, 50 a page", () => {
  it("pending invitations: 120, newest first, three to a microsecond, three pages with none lost at the seams", async () => {
    const { org, owner } = await orgOf120();
    const d = await db();
    // Invitation i (0–119) has id …<i> and time 2026-01-01 + floor(i/3) µs: groups of three share a
    // time to the microsecond, so only the id orders them. Plus an accepted one, which is not pending.
    await d.execute(sql`
      insert into invitations (id, org_id, invited_by, email, role, token_hash, status, expires_at, created_at)
      select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ${org.id}::uuid, ${owner.id}::uuid,
             'invitee' || lpad(i::text, 3, '0') || '@example.test', 'member', md5(${org.id}::text || i::text),
             case when i = 120 then 'accepted'::invitation_status else 'pending'::invitation_status end,
             now() + interval '7 days',
             timestamptz '2026-01-01 00:00:00+00' + make_interval(secs => (floor(i / 3) * 0.000001)::float8)
      from generate_series(0, 120) as i`);
    const pages = await walk((cursor) => listPendingInvitations(org.id, { cursor }));
    expect(pages.map((pg) => pg.items.length)).toEqual([50, 50, 20]);
    const emails = pages.flatMap((pg) => pg.items.map((i) => i.email));
    expect(emails).toEqual(range(0, 119).reverse().map((i) => `invitee${pad(i, 3)}@example.test`));
    const back = await listPendingInvitations(org.id, { cursor: pages[2].prev! });
    expect(back.items.map((i) => i.email)).toEqual(range(20, 69).reverse().map((i) => `invitee${pad(i, 3)}@example.test`));
    expect((await countQueries(() => listPendingInvitations(org.id, { cursor: pages[1].next! }))).queries).toBe(1);
    for (const cursor of [forge(["invitations.next", org.id, "2026-02-30 00:00:00+00", "00000000-0000-4000-8000-000000000001"]),
      forge(["invitations.next", org.id, "1", "00000000-0000-4000-8000-000000000001"]), pages[1].next!.slice(0, -2)]) {
      expect((await listPendingInvitations(org.id, { cursor })).items[0].email, cursor).toBe("invitee119@example.test");
    }
  });

  it("teams: 120 by name, three pages", async () => {
    const { p, org } = await orgOf120();
    const d = await db();
    await d.execute(sql`insert into teams (org_id, name) select ${org.id}::uuid, ${p} || 'T' || lpad(i::text, 3, '0') from generate_series(120, 1, -1) as i`);
    const pages = await walk((cursor) => listTeams(org.id, { cursor }));
    expect(pages.map((pg) => pg.items.length)).toEqual([50, 50, 20]);
    expect(pages.flatMap((pg) => pg.items.map((t) => t.name))).toEqual(range(1, 120).map((i) => `${p}T${pad(i, 3)}`));
    expect((await countQueries(() => listTeams(org.id, { cursor: pages[0].next! }))).queries).toBe(1);
    const otherOrg = await orgOf120();
    expect((await listTeams(otherOrg.org.id, { cursor: pages[0].next! })).items).toEqual([]);
    expect((await listTeams(org.id, { cursor: "garbage" })).items[0].name).toBe(`${p}T001`);
  });

  it("a project's people: 120 with access through the baseline, by username, three pages", async () => {
    const { p, org, expected } = await orgOf120();
    const project = await makeProject(org, { visibility: "organization" });
    const d = await db();
    const ref = { id: project.id, orgId: org.id, visibility: project.visibility };
    const people = await walk(async (cursor) => {
      const { people: items, pages } = await listProjectPeople(d, ref, { showEmails: false, page: { cursor } });
      return { items, ...pages! };
    });
    expect(people.map((pg) => pg.items.length)).toEqual([50, 50, 20]);
    const byName = [...expected].sort();
    expect(byName[0]).toBe(`${p}a01`);
    expect(people.flatMap((pg) => pg.items.map((x) => x.username))).toEqual(byName);
    // The owner and admins see it as admins, the others through the baseline (write by default).
    expect(people[0].items[0].level).toBe("admin");
    expect(people[1].items[0].level).toBe("write");
    // Another project's cursor is not this one's.
    const other = await makeProject(org, { visibility: "organization" });
    const foreign = await listProjectPeople(d, { id: other.id, orgId: org.id, visibility: "organization" }, { showEmails: false, page: { cursor: people[0].next! } });
    expect(foreign.people[0].username).toBe(`${p}a01`);
    expect(foreign.pages?.prev).toBeNull();
  });
});

describe("cursors of the other keyset lists", () => {
  it("a forged time that Date.parse takes but PostgreSQL refuses reads as no cursor (project list, resource list)", async () => {
    const { org, owner } = await orgOf120();
    const project = await makeProject(org, { name: "Only one", visibility: "organization" });
    const d = await db();
    await d.execute(sql`insert into resources (project_id, kind, name) values (${project.id}::uuid, 'dataset', 'First data')`);
    const id = "00000000-0000-4000-8000-000000000000";
    for (const time of ["1", "2026-02-30 00:00:00+00", "2026-01-01T00:00:00Z junk", "99999-01-01 00:00:00+00"]) {
      const projectsPage = await listVisibleProjects(org.id, owner.id, { sort: "updated", cursor: forge(["updated", time, id]) });
      expect(projectsPage.items.map((p) => p.name), time).toEqual(["Only one"]);
      const resourcesPage = await listResourcePage(project.id, { cursor: forge(["created", time, id]) });
      expect(resourcesPage.items.map((r) => r.name), time).toEqual(["First data"]);
    }
  });
});

