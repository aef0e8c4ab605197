import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { organizations, teamMembers, type OrgRole, type ProjectLevel, type Visibility } from "@/db/schema";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { listVisibleProjects } from "@/lib/data/projects";
import { addMember, db, grant, makeOrg, makeProject, makeTeam, makeUser, unique } from "../factories";
import { referenceLevel } from "../reference-access";

const VISIBILITIES: Visibility[] = ["private", "organization", "public"];
const LEVELS: (ProjectLevel | null)[] = [null, "read", "write", "admin"];
const BASELINES = ["none", "read", "write", "admin"] as const;
const ROLES: (OrgRole | null)[] = ["owner", "admin", "member", "restricted", null];

describe("resolveProjectAccess over every combination", () => {
  it("matches the rule for role × visibility × direct grant × team grant × baseline (and signed out)", async () => {
    let checked = 0;
    for (const baseline of BASELINES) {
      const owner = await makeUser();
      const org = await makeOrg(owner, { baseline });
      const people: { role: OrgRole | null; user: Awaited<ReturnType<typeof makeUser>> }[] = [{ role: "owner", user: owner }];
      for (const role of ROLES.slice(1)) {
        const user = await makeUser();
        if (role) await addMember(org, user, role);
        people.push({ role, user });
      }
      const members = people.filter((p) => p.role).map((p) => p.user.id);
      const cases: { project: { id: string }; visibility: Visibility; direct: ProjectLevel | null; team: ProjectLevel | null }[] = [];
      for (const visibility of VISIBILITIES) {
        for (const direct of LEVELS) {
          for (const team of LEVELS) {
            const project = await makeProject(org, { visibility });
            for (const p of people) if (direct) await grant(project, { userId: p.user.id }, direct);
            if (team) {
              const t = await makeTeam(org, members);
              await grant(project, { teamId: t.id }, team);
            }
            cases.push({ project, visibility, direct, team });
          }
        }
      }
      const d = await db();
      for (const c of cases) {
        for (const p of people) {
          const access = await resolveProjectAccess(d, p.user.id, { projectId: c.project.id });
          const expected = referenceLevel({
            orgKind: "team", role: p.role, visibility: c.visibility, baseline, externalCollaborators: false,
            direct: c.direct, teams: c.team ? [c.team] : [],
          });
          expect({ baseline, ...c, role: p.role, level: access?.level ?? null }).toEqual({ baseline, ...c, role: p.role, level: expected });
          checked++;
        }
        const anonymous = await resolveProjectAccess(d, null, { projectId: c.project.id });
        expect(anonymous?.level ?? null).toBe(c.visibility === "public" ? "read" : null);
      }
    }
    expect(checked).toBe(4 * 3 * 4 * 4 * 5);
  });

  it("explains where access comes from", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { baseline: "read" });
    const dev = await makeUser();
    await addMember(org, dev, "member");
    const project = await makeProject(org, { visibility: "public" });
    await grant(project, { userId: dev.id }, "read");
    const team = await makeTeam(org, [dev.id], "Analysts");
    await grant(project, { teamId: team.id }, "write");
    const access = await resolveProjectAccess(await db(), dev.id, { projectId: project.id });
    expect(access?.level).toBe("write");
    expect(access?.sources).toEqual([
      { kind: "direct", level: "read" },
      { kind: "team", team: "Analysts", level: "write" },
      { kind: "baseline", level: "read" },
      { kind: "public" },
    ]);
  });

  it("counts a non-member's direct grant only where external collaborators are allowed", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const guest = await makeUser();
    const project = await makeProject(org);
    await grant(project, { userId: guest.id }, "write");
    expect(await resolveProjectAccess(await db(), guest.id, { projectId: project.id })).toBeNull();
    await (await db()).update(organizations).set({ externalCollaborators: true }).where(eq(organizations.id, org.id));
    expect((await resolveProjectAccess(await db(), guest.id, { projectId: project.id }))?.level).toBe("write");
    // A personal workspace's collaborators are always external.
    const mine = await makeProject({ id: owner.personalOrgId });
    await grant(mine, { userId: guest.id }, "read");
    expect((await resolveProjectAccess(await db(), guest.id, { projectId: mine.id }))?.level).toBe("read");
  });

  it("applies the org-wide deploy and predict switches and per-grant overrides", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { deployForWrite: false, predictForRead: false });
    const [writer, reader, special] = [await makeUser(), await makeUser(), await makeUser()];
    for (const u of [writer, reader, special]) await addMember(org, u, "member");
    const project = await makeProject(org);
    await grant(project, { userId: writer.id }, "write");
    await grant(project, { userId: reader.id }, "read");
    await grant(project, { userId: special.id }, "read", { canPredict: true });
    const d = await db();
    expect((await resolveProjectAccess(d, writer.id, { projectId: project.id }))?.capabilities).toEqual({ deploy: false, predict: true });
    expect((await resolveProjectAccess(d, reader.id, { projectId: project.id }))?.capabilities).toEqual({ deploy: false, predict: false });
    expect((await resolveProjectAccess(d, special.id, { projectId: project.id }))?.capabilities).toEqual({ deploy: false, predict: true });
    expect((await resolveProjectAccess(d, owner.id, { projectId: project.id }))?.capabilities).toEqual({ deploy: true, predict: true });
  });

  it("ignores a deploy override on a read grant when write comes from elsewhere", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner, { deployForWrite: false, baseline: "write" });
    const dev = await makeUser();
    await addMember(org, dev, "member");
    const project = await makeProject(org, { visibility: "organization" });
    await grant(project, { userId: dev.id }, "read", { canDeploy: true });
    const access = await resolveProjectAccess(await db(), dev.id, { projectId: project.id });
    expect(access?.level).toBe("write");
    expect(access?.capabilities.deploy).toBe(false);
    // Positive control: the same override on a write grant does switch deploy on.
    const other = await makeProject(org, { visibility: "organization" });
    await grant(other, { userId: dev.id }, "write", { canDeploy: true });
    expect((await resolveProjectAccess(await db(), dev.id, { projectId: other.id }))?.capabilities.deploy).toBe(true);
  });

  it("takes exactly one SQL round trip", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const team = await makeTeam(org, [owner.id]);
    const project = await makeProject(org, { visibility: "organization" });
    await grant(project, { teamId: team.id }, "write");
    const d = await db();
    // Count below drizzle, at the driver (postgres.js `unsafe`, PGlite `query`), so no statement slips past.
    const client = (d as unknown as { $client: Record<string, (...args: unknown[]) => unknown> }).$client;
    const spy = vi.spyOn(client, typeof client.unsafe === "function" ? "unsafe" : "query");
    const access = await resolveProjectAccess(d, owner.id, { projectId: project.id });
    const sent = spy.mock.calls.length;
    spy.mockRestore();
    expect(access?.level).toBe("admin");
    expect(access?.sources.map((s) => s.kind)).toEqual(["org-admin", "team", "baseline"]);
    expect(sent).toBe(1);
  });
});

describe("randomized: the resolver and the project list agree with the plain rule", () => {
  function pick<T>(rand: () => number, list: readonly T[]): T {
    return list[Math.floor(rand() * list.length)];
  }
  // A small seeded generator, so a failure can be replayed with the same seed.
  function mulberry32(seed: number) {
    return () => {
      seed |= 0;
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  for (const seed of [11, 23, 47]) {
    it(`generated organization #${seed}`, async () => {
      const rand = mulberry32(seed);
      const owner = await makeUser(unique(`rnd${seed}o`));
      const baseline = pick(rand, BASELINES);
      const externalCollaborators = rand() < 0.5;
      const org = await makeOrg(owner, { baseline, externalCollaborators });
      const users = [{ user: owner, role: "owner" as OrgRole | null }];
      for (let i = 0; i < 7; i++) {
        const user = await makeUser();
        const role = pick(rand, ["admin", "member", "member", "restricted", null] as const);
        if (role) await addMember(org, user, role);
        users.push({ user, role });
      }
      const memberIds = users.filter((u) => u.role).map((u) => u.user.id);
      const teams = [];
      for (let i = 0; i < 3; i++) teams.push({ team: await makeTeam(org, memberIds.filter(() => rand() < 0.4)), members: [] as string[] });
      const d = await db();
      for (const t of teams) {
        const rowsIn = await d.select().from(teamMembers).where(eq(teamMembers.teamId, t.team.id));
        t.members = rowsIn.map((r) => r.userId);
      }
      const projectsMade = [];
      for (let i = 0; i < 12; i++) {
        const visibility = pick(rand, VISIBILITIES);
        const project = await makeProject(org, { visibility });
        const direct = new Map<string, ProjectLevel>();
        for (const u of users) {
          if (rand() < 0.3) {
            const level = pick(rand, ["read", "write", "admin"] as const);
            direct.set(u.user.id, level);
            await grant(project, { userId: u.user.id }, level);
          }
        }
        const teamGrants = new Map<string, ProjectLevel>();
        for (const t of teams) {
          if (rand() < 0.3) {
            const level = pick(rand, ["read", "write", "admin"] as const);
            teamGrants.set(t.team.id, level);
            await grant(project, { teamId: t.team.id }, level);
          }
        }
        projectsMade.push({ project, visibility, direct, teamGrants });
      }
      for (const u of [...users, { user: null, role: null }]) {
        const expectedVisible: string[] = [];
        for (const p of projectsMade) {
          const expected = referenceLevel({
            orgKind: "team",
            role: u.role,
            visibility: p.visibility,
            baseline,
            externalCollaborators,
            direct: u.user ? (p.direct.get(u.user.id) ?? null) : null,
            teams: teams.filter((t) => u.user && t.members.includes(u.user.id) && p.teamGrants.has(t.team.id)).map((t) => p.teamGrants.get(t.team.id)!),
          });
          const access = await resolveProjectAccess(d, u.user?.id ?? null, { projectId: p.project.id });
          expect(access?.level ?? null).toBe(expected);
          if (expected) expectedVisible.push(`${p.project.id}:${expected}`);
        }
        const list = await listVisibleProjects(org.id, u.user?.id ?? null, { limit: 100 });
        expect(list.items.map((i) => `${i.id}:${i.level}`).sort()).toEqual(expectedVisible.sort());
      }
    });
  }
});
