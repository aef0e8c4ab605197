import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { projectGrants, teamMembers, teams } from "@/db/schema";
import { createTeamAction } from "@/lib/actions/teams/create-team";
import { addTeamMemberAction, removeTeamMemberAction } from "@/lib/actions/teams/team-members";
import { deleteTeamAction, renameTeamAction } from "@/lib/actions/teams/update-team";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { db, grant, makeProject, makeTeam, makeWorld } from "../factories";
import { signInAs } from "../setup/session";

async function teamUsers(teamId: string) {
  return (await (await db()).select().from(teamMembers).where(eq(teamMembers.teamId, teamId))).map((r) => r.userId).sort();
}

describe("teams", () => {
  it("org owners and admins create teams; members and outsiders cannot", async () => {
    const w = await makeWorld();
    for (const [actor, ok] of [[w.owner, true], [w.admin, true], [w.member, false], [w.restricted, false], [w.outsider, false]] as const) {
      signInAs(actor);
      const result = await createTeamAction(null, { org: w.org.slug, name: `Team of ${actor.username}` });
      expect(result.ok).toBe(ok);
      const found = await rows(await db(), sql`select 1 from teams where org_id = ${w.org.id} and name = ${`Team of ${actor.username}`}`);
      expect(found.length).toBe(ok ? 1 : 0);
    }
    signInAs(w.admin);
    const clash = await createTeamAction(null, { org: w.org.slug, name: `TEAM OF ${w.owner.username.toUpperCase()}` });
    expect(!clash.ok && clash.fieldErrors?.name?.[0]).toMatch(/already exists/);
  });

  it("a team owner staffs their own team but not another one", async () => {
    const w = await makeWorld();
    const mine = await makeTeam(w.org, []);
    const other = await makeTeam(w.org, []);
    await (await db()).insert(teamMembers).values({ teamId: mine.id, userId: w.member.id, role: "owner" });
    signInAs(w.member);
    expect((await addTeamMemberAction(null, { org: w.org.slug, teamId: mine.id, userId: w.restricted.id })).ok).toBe(true);
    expect(await teamUsers(mine.id)).toEqual([w.member.id, w.restricted.id].sort());
    const refused = await addTeamMemberAction(null, { org: w.org.slug, teamId: other.id, userId: w.restricted.id });
    expect(refused.ok || refused.status).toBe(403);
    expect(await teamUsers(other.id)).toEqual([]);
    expect((await renameTeamAction(null, { org: w.org.slug, teamId: mine.id, name: "Renamed" })).ok).toBe(true);
    expect((await renameTeamAction(null, { org: w.org.slug, teamId: other.id, name: "Nope" })).ok).toBe(false);
  });

  it("only organization members can join a team, and teams of other orgs are not found", async () => {
    const w = await makeWorld();
    const team = await makeTeam(w.org, []);
    const foreignTeam = await makeTeam(w.otherOrg, []);
    signInAs(w.owner);
    const outsider = await addTeamMemberAction(null, { org: w.org.slug, teamId: team.id, userId: w.outsider.id });
    expect(outsider.ok || outsider.status).toBe(404);
    const foreign = await addTeamMemberAction(null, { org: w.org.slug, teamId: foreignTeam.id, userId: w.member.id });
    expect(foreign.ok || foreign.status).toBe(404);
    expect(await teamUsers(team.id)).toEqual([]);
    expect((await addTeamMemberAction(null, { org: w.org.slug, teamId: team.id, userId: w.member.id })).ok).toBe(true);
  });

  it("access through a team ends when the member leaves it, and a deleted team's grants go with it", async () => {
    const w = await makeWorld();
    const team = await makeTeam(w.org, [w.member.id, w.restricted.id]);
    const project = await makeProject(w.org, { visibility: "private" });
    await grant(project, { teamId: team.id }, "write");
    const d = await db();
    expect((await resolveProjectAccess(d, w.member.id, { projectId: project.id }))?.level).toBe("write");

    signInAs(w.member);
    expect((await removeTeamMemberAction(null, { org: w.org.slug, teamId: team.id, userId: w.member.id })).ok).toBe(true);
    expect(await resolveProjectAccess(d, w.member.id, { projectId: project.id })).toBeNull();
    // A member cannot remove someone else from a team they do not own.
    expect((await removeTeamMemberAction(null, { org: w.org.slug, teamId: team.id, userId: w.restricted.id })).ok).toBe(false);
    expect((await resolveProjectAccess(d, w.restricted.id, { projectId: project.id }))?.level).toBe("write");

    signInAs(w.admin);
    expect((await deleteTeamAction(null, { org: w.org.slug, teamId: team.id })).ok).toBe(true);
    expect(await d.select().from(teams).where(eq(teams.id, team.id))).toEqual([]);
    expect(await d.select().from(projectGrants).where(eq(projectGrants.projectId, project.id))).toEqual([]);
    expect(await resolveProjectAccess(d, w.restricted.id, { projectId: project.id })).toBeNull();
    const log = await rows<{ action: string }>(d, sql`select action from audit_events where org_id = ${w.org.id} order by created_at`);
    expect(log.map((l) => l.action)).toEqual(["team.member.leave", "team.delete"]);
  });
});
