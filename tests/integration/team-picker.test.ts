import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teamMembers } from "@/db/schema";
import { GET as teamCandidatesRoute } from "@/app/api/workspaces/[workspace]/teams/[team]/candidates/route";
import { projectPeopleOverview } from "@/lib/data/project-people";
import { listTeams } from "@/lib/data/teams";
import { db, grant, makeOrg, makeProject, makeTeam, makeUser, unique } from "../factories";
import { crowdedOrg, expectHostileTextHarmless, pad, pickerSearch } from "./picker-helpers";

/** The crowded organization and a team holding m01–m12, where m01 is the team's owner and m02 a plain team member. */
async function world() {
  const w = await crowdedOrg("tp");
  const team = await makeTeam(w.org, w.members.slice(0, 12).map((m) => m.id), `${w.p} Team`);
  await (await db()).update(teamMembers).set({ role: "owner" }).where(eq(teamMembers.userId, w.members[0].id));
  return { ...w, team, teamOwner: w.members[0], teamMember: w.members[1] };
}

type World = Awaited<ReturnType<typeof world>>;

function search(w: World, who: { id: string } | null, q: string | null, path?: { workspace?: string; team?: string }) {
  const workspace = path?.workspace ?? w.org.slug;
  const team = path?.team ?? w.team.id;
  return pickerSearch(teamCandidatesRoute, `/api/workspaces/${workspace}/teams/${team}/candidates`, { workspace, team }, who, q);
}

describe("the add-to-team picker's search route", () => {
  it("answers at most 20 members by username, none already in the team", async () => {
    const w = await world();
    const all = await search(w, w.owner, w.p);
    expect(all.status).toBe(200);
    // 33 org members minus the 12 in the team leave 21: admin, m13–m30, owner. The first 20 by username:
    expect(all.usernames).toEqual([`${w.p}admin`, ...Array.from({ length: 18 }, (_, i) => `${w.p}m${pad(i + 13)}`), `${w.p}owner`]);
    expect((await search(w, w.owner, "")).usernames).toHaveLength(20);
  });

  it("matches a prefix of the username or the name, case-insensitively", async () => {
    const w = await world();
    expect((await search(w, w.owner, `${w.p}M1`)).usernames).toEqual(["13", "14", "15", "16", "17", "18", "19"].map((n) => `${w.p}m${n}`));
    const byName = await search(w, w.owner, "quin");
    expect(byName.body.choices).toEqual([{ id: w.members[22].id, username: `${w.p}m23`, name: "Quincy Adams" }]);
    expect((await search(w, w.owner, "adams")).usernames).toEqual([]);
    // Someone already in the team is not offered even when typed exactly.
    expect((await search(w, w.owner, `${w.p}m05`)).usernames).toEqual([]);
    expect((await search(w, w.owner, `${w.p}m30`)).usernames).toEqual([`${w.p}m30`]);
  });

  it("only those who may add members to the team may search: others get 404", async () => {
    const w = await world();
    // Positive controls: the org owner, an org admin and the team's own owner.
    for (const who of [w.owner, w.admin, w.teamOwner]) {
      const r = await search(w, who, `${w.p}m2`);
      expect(r.status).toBe(200);
      expect(r.usernames).toEqual(["20", "21", "22", "23", "24", "25", "26", "27", "28", "29"].map((n) => `${w.p}m${n}`));
    }
    for (const who of [w.teamMember, w.members[20], w.outsider, null]) {
      const r = await search(w, who, `${w.p}m2`);
      expect(r.status).toBe(404);
      expect(r.body.choices).toBeUndefined();
    }
    // Another organization's team, through this organization's slug, is not found.
    const other = await makeOrg(w.outsider);
    const otherTeam = await makeTeam(other, []);
    expect((await search(w, w.owner, "", { team: otherTeam.id })).status).toBe(404);
    expect((await search(w, w.outsider, "", { workspace: other.slug })).status).toBe(404);
    expect((await search(w, w.owner, "", { team: "not-a-uuid" })).status).toBe(404);
  });

  it("hostile text is a 4xx or no match, never a 500", async () => {
    const w = await world();
    await expectHostileTextHarmless((q) => search(w, w.owner, q), w.p);
  });
});

describe("a team card's members", () => {
  it("lists the first 10 (owners first) with the total, and the viewer's own role even when not listed", async () => {
    const w = await world();
    const page = await listTeams(w.org.id, { viewerId: w.members[11].id });
    const team = page.items.find((t) => t.id === w.team.id)!;
    expect(team.memberCount).toBe(12);
    expect(team.members.map((m) => m.username)).toEqual([`${w.p}m01`, ...Array.from({ length: 9 }, (_, i) => `${w.p}m${pad(i + 2)}`)]);
    expect(team.members[0].role).toBe("owner");
    // m12 is not among the ten shown, but is in the team.
    expect(team.viewerRole).toBe("member");
    expect((await listTeams(w.org.id, { viewerId: w.teamOwner.id })).items.find((t) => t.id === w.team.id)!.viewerRole).toBe("owner");
    expect((await listTeams(w.org.id, { viewerId: w.members[20].id })).items.find((t) => t.id === w.team.id)!.viewerRole).toBeNull();
  });

  it("lists every member of the one team someone asked to see in full, so members past the tenth can be removed", async () => {
    const w = await world();
    const page = await listTeams(w.org.id, { viewerId: w.owner.id, expand: w.team.id });
    const team = page.items.find((t) => t.id === w.team.id)!;
    expect(team.memberCount).toBe(12);
    expect(team.members.map((m) => m.username)).toEqual([`${w.p}m01`, ...Array.from({ length: 11 }, (_, i) => `${w.p}m${pad(i + 2)}`)]);
    // Any other value (another id, not an id) leaves the card at ten.
    for (const expand of [null, w.org.id]) {
      const other = (await listTeams(w.org.id, { viewerId: w.owner.id, expand })).items.find((t) => t.id === w.team.id)!;
      expect(other.members).toHaveLength(10);
    }
  });
});

describe("a project's teams to grant", () => {
  it("offers at most 20 teams by name, and a name prefix reaches the rest", async () => {
    const p = unique("at");
    const owner = await makeUser(`${p}owner`);
    const org = await makeOrg(owner);
    const made = [];
    for (let i = 1; i <= 25; i++) made.push(await makeTeam(org, [], `T${pad(i)} ${p}`));
    const project = await makeProject(org, { visibility: "private" });
    await grant(project, { teamId: made[1].id }, "read");
    const names = async (teamPrefix?: string) =>
      (await projectPeopleOverview({ id: project.id, orgId: org.id, visibility: "private" }, { showEmails: true, teamPrefix })).availableTeams.map((t) => t.name);
    // T02 already has a grant: the first 20 of the other 24 by name.
    expect(await names()).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map((i) => `T${pad(i)} ${p}`));
    expect(await names("t2")).toEqual([20, 21, 22, 23, 24, 25].map((i) => `T${i} ${p}`));
    expect(await names("T0")).toEqual([1, 3, 4, 5, 6, 7, 8, 9].map((i) => `T${pad(i)} ${p}`));
    expect(await names("%")).toEqual([]);
    expect(await names("\uFFFD")).toEqual([]);
  });
});
