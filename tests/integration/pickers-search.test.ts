import { describe, expect, it } from "vitest";
import { GET as membersRoute } from "@/app/api/workspaces/[workspace]/members/route";
import { GET as candidatesRoute } from "@/app/api/workspaces/[workspace]/projects/[project]/candidates/route";
import { grant, makeOrg, makeProject } from "../factories";
import { crowdedOrg, expectHostileTextHarmless, pad, pickerSearch } from "./picker-helpers";

/** The crowded organization, a project of it with a project admin (m02), a writer (m03) and a reader (m01). */
async function world() {
  const w = await crowdedOrg("pk");
  const project = await makeProject(w.org, { visibility: "private" });
  const [granted, projectAdmin, writer] = [w.members[0], w.members[1], w.members[2]];
  await grant(project, { userId: projectAdmin.id }, "admin");
  await grant(project, { userId: writer.id }, "write");
  await grant(project, { userId: granted.id }, "read");
  return { ...w, project, projectAdmin, writer };
}

type World = Awaited<ReturnType<typeof world>>;

function search(w: World, who: { id: string } | null, q: string | null, path?: { workspace?: string; project?: string }) {
  const workspace = path?.workspace ?? w.org.slug;
  const project = path?.project ?? w.project.slug;
  return pickerSearch(candidatesRoute, `/api/workspaces/${workspace}/projects/${project}/candidates`, { workspace, project }, who, q);
}

describe("the add-person picker's search route", () => {
  it("answers at most 20 members, by username, only those who can still be given a grant", async () => {
    const w = await world();
    const all = await search(w, w.owner, "");
    expect(all.status).toBe(200);
    // m01–m03 already have direct grants; the owner and the admin have admin everywhere.
    expect(all.usernames).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map((i) => `${w.p}m${pad(i)}`));
    expect(all.usernames).not.toContain(`${w.p}admin`);
    expect(all.usernames).not.toContain(`${w.p}owner`);
  });

  it("matches a prefix of the username or the name, case-insensitively, and nothing in the middle", async () => {
    const w = await world();
    expect((await search(w, w.owner, `${w.p}M1`)).usernames).toEqual(
      ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19"].map((n) => `${w.p}m${n}`),
    );
    expect((await search(w, w.owner, `${w.p}m3`)).usernames).toEqual([`${w.p}m30`]);
    const byName = await search(w, w.owner, "quin");
    expect(byName.body.choices).toEqual([{ id: w.members[22].id, username: `${w.p}m23`, name: "Quincy Adams" }]);
    expect((await search(w, w.owner, "adams")).usernames).toEqual([]);
    expect((await search(w, w.owner, w.p.slice(1))).usernames).toEqual([]);
    // A direct grant's holder is not offered even when typed exactly.
    expect((await search(w, w.owner, `${w.p}m01`)).usernames).toEqual([]);
  });

  it("only those who may add people to the project may search: others get 404", async () => {
    const w = await world();
    // Positive controls: the org owner, an org admin and a project admin may.
    for (const who of [w.owner, w.admin, w.projectAdmin]) {
      const r = await search(w, who, `${w.p}m2`);
      expect(r.status).toBe(200);
      expect(r.usernames).toHaveLength(10);
    }
    for (const who of [w.writer, w.members[10], w.outsider, null]) {
      const r = await search(w, who, `${w.p}m2`);
      expect(r.status).toBe(404);
      expect(r.body.choices).toBeUndefined();
    }
    // Another organization's slug with this project's slug is no way in.
    const other = await makeOrg(w.outsider);
    expect((await search(w, w.outsider, "", { workspace: other.slug })).status).toBe(404);
    expect((await search(w, w.owner, "", { project: "no-such-project" })).status).toBe(404);
  });

  it("hostile text is a 4xx or no match, never a 500", async () => {
    const w = await world();
    await expectHostileTextHarmless((q) => search(w, w.owner, q), w.p);
  });
});

function searchOwners(workspace: string, who: { id: string } | null, q: string) {
  return pickerSearch(membersRoute, `/api/workspaces/${workspace}/members`, { workspace }, who, q);
}

describe("the transfer-ownership picker's search route", () => {
  it("answers the owner at most 20 other members by prefix, and 404 to everyone else", async () => {
    const w = await world();
    const all = await searchOwners(w.org.slug, w.owner, w.p);
    expect(all.status).toBe(200);
    // Every member but the owner, by username: admin, m01–m19 (20 of 31).
    expect(all.usernames).toEqual([`${w.p}admin`, ...Array.from({ length: 19 }, (_, i) => `${w.p}m${pad(i + 1)}`)]);
    expect((await searchOwners(w.org.slug, w.owner, `${w.p}m2`)).usernames).toEqual(
      ["20", "21", "22", "23", "24", "25", "26", "27", "28", "29"].map((n) => `${w.p}m${n}`),
    );
    expect((await searchOwners(w.org.slug, w.owner, "QUINCY")).usernames).toEqual([`${w.p}m23`]);
    expect((await searchOwners(w.org.slug, w.owner, `${w.p}owner`)).usernames).toEqual([]);
    for (const who of [w.admin, w.members[5], w.projectAdmin, w.outsider, null]) {
      const r = await searchOwners(w.org.slug, who, w.p);
      expect(r.status).toBe(404);
      expect(r.body.choices).toBeUndefined();
    }
    // A personal workspace has no ownership to transfer, even for its owner.
    expect((await searchOwners(w.outsider.username, w.outsider, "")).status).toBe(404);
    expect((await searchOwners(w.org.slug, w.owner, "a".repeat(100_000))).status).toBe(400);
    expect((await searchOwners(w.org.slug, w.owner, "\u0000")).usernames).toEqual([]);
  });
});
