import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { projectGrants, projects } from "@/db/schema";
import { GET as listRoute } from "@/app/api/workspaces/[workspace]/projects/route";
import type { ActionResult } from "@/lib/actions/result";
import { addPersonAction } from "@/lib/actions/projects/add-person";
import { addTeamAction } from "@/lib/actions/projects/add-team";
import { changeGrantAction } from "@/lib/actions/projects/change-grant";
import { changeVisibilityAction } from "@/lib/actions/projects/change-visibility";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { removeGrantAction } from "@/lib/actions/projects/remove-grant";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { getProjectAccess } from "@/lib/data/resources";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser } from "../factories";
import { signInAs } from "../setup/session";

/** Alice owns org A; org B (someone else's) has a private project with a grant and a team. */
async function arrange() {
  const alice = await makeUser();
  const bobby = await makeUser();
  const a = await makeOrg(alice);
  const b = await makeOrg(bobby);
  const carol = await makeUser();
  await addMember(b, carol, "member");
  const mine = await makeProject(a, { name: "Mine" });
  const theirs = await makeProject(b, { name: "Theirs" });
  await grant(theirs, { userId: carol.id }, "read");
  const d = await db();
  const [theirGrant] = await d.select().from(projectGrants).where(and(eq(projectGrants.projectId, theirs.id), eq(projectGrants.userId, carol.id)));
  const theirTeam = await makeTeam(b, [carol.id]);
  await grant(mine, { userId: alice.id }, "admin");
  const [myGrant] = await d.select().from(projectGrants).where(and(eq(projectGrants.projectId, mine.id), eq(projectGrants.userId, alice.id)));
  return { alice, a, b, carol, mine, theirs, theirGrant, theirTeam, myGrant };
}
type W = Awaited<ReturnType<typeof arrange>>;

// Each action twice: with ids from org B (must be "not found") and with alice's own ids (must work).
const CASES: { name: string; foreign: (w: W) => Promise<ActionResult<unknown>>; own: (w: W) => Promise<ActionResult<unknown>> }[] = [
  {
    name: "edit",
    foreign: (w) => updateProjectAction(null, { projectId: w.theirs.id, name: "Pwned" }),
    own: (w) => updateProjectAction(null, { projectId: w.mine.id, name: "Renamed" }),
  },
  {
    name: "change visibility",
    foreign: (w) => changeVisibilityAction(null, { projectId: w.theirs.id, visibility: "public" }),
    own: (w) => changeVisibilityAction(null, { projectId: w.mine.id, visibility: "public" }),
  },
  {
    name: "delete",
    foreign: (w) => deleteProjectAction(null, { projectId: w.theirs.id, confirm: "Theirs" }),
    own: (w) => deleteProjectAction(null, { projectId: w.mine.id, confirm: "Mine" }),
  },
  {
    name: "add a person to a foreign project",
    foreign: (w) => addPersonAction(null, { projectId: w.theirs.id, userId: w.carol.id, level: "admin" }),
    own: async (w) => {
      const u = await makeUser();
      await addMember(w.a, u, "member");
      return addPersonAction(null, { projectId: w.mine.id, userId: u.id, level: "read" });
    },
  },
  {
    name: "change a foreign grant through my project",
    foreign: (w) => changeGrantAction(null, { projectId: w.mine.id, grantId: w.theirGrant.id, level: "admin" }),
    own: (w) => changeGrantAction(null, { projectId: w.mine.id, grantId: w.myGrant.id, level: "write" }),
  },
  {
    name: "remove a foreign grant through my project",
    foreign: (w) => removeGrantAction(null, { projectId: w.mine.id, grantId: w.theirGrant.id }),
    own: (w) => removeGrantAction(null, { projectId: w.mine.id, grantId: w.myGrant.id }),
  },
  {
    name: "grant a foreign team on my project",
    foreign: (w) => addTeamAction(null, { projectId: w.mine.id, teamId: w.theirTeam.id, level: "admin" }),
    own: async (w) => addTeamAction(null, { projectId: w.mine.id, teamId: (await makeTeam(w.a, [])).id, level: "read" }),
  },
];

describe("IDOR: ids from another organization answer not found", () => {
  for (const c of CASES) {
    it(`${c.name}: 404 with foreign ids, nothing changed; works with own ids`, async () => {
      const w = await arrange();
      signInAs(w.alice);
      const foreign = await c.foreign(w);
      expect(foreign).toMatchObject({ ok: false, status: 404 });
      const d = await db();
      const [theirs] = await d.select().from(projects).where(eq(projects.id, w.theirs.id));
      expect(theirs).toMatchObject({ name: "Theirs", visibility: "private" });
      const [g] = await d.select().from(projectGrants).where(eq(projectGrants.id, w.theirGrant.id));
      expect(g?.level).toBe("read");
      expect((await c.own(w)).ok).toBe(true);
    });
  }

  it("a malformed id is not found, not a server error", async () => {
    const w = await arrange();
    signInAs(w.alice);
    const r = await updateProjectAction(null, { projectId: "not-a-uuid", name: "x" });
    expect(r.ok).toBe(false);
    expect(r.ok ? 0 : r.status).toBeLessThan(500);
  });

  it("project pages: a project is only found under its own workspace and for those who may see it", async () => {
    const w = await arrange();
    expect(await getProjectAccess(w.alice.id, w.b.slug, w.theirs.slug)).toBeNull();
    expect(await getProjectAccess(w.alice.id, w.a.slug, w.theirs.slug)).toBeNull();
    expect(await getProjectAccess(null, w.a.slug, w.mine.slug)).toBeNull();
    expect((await getProjectAccess(w.carol.id, w.b.slug, w.theirs.slug))?.level).toBe("read");
    expect((await getProjectAccess(w.alice.id, w.a.slug.toUpperCase(), w.mine.slug))?.level).toBe("admin");
  });

  it("the list route shows a foreign workspace's public projects only", async () => {
    const w = await arrange();
    await makeProject(w.b, { name: "Their public", visibility: "public" });
    signInAs(w.alice);
    const res = await listRoute(new NextRequest(`http://localhost/api/workspaces/${w.b.slug}/projects`), { params: Promise.resolve({ workspace: w.b.slug }) });
    const body = await res.json();
    expect(body.items.map((p: { name: string }) => p.name)).toEqual(["Their public"]);
  });
});
