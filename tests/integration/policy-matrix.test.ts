import { and, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { memberships, organizations, projectGrants, projects, teams, type OrgRole, type ProjectLevel } from "@/db/schema";
import { inviteAction } from "@/lib/actions/invitations/invite";
import { deleteOrganizationAction } from "@/lib/actions/org/delete-organization";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { updateBillingAction } from "@/lib/actions/org/update-billing";
import { updateOrganizationAction } from "@/lib/actions/org/update-organization";
import { addPersonAction } from "@/lib/actions/projects/add-person";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { deleteProjectAction } from "@/lib/actions/projects/delete-project";
import { setOrgPermissionsAction } from "@/lib/actions/projects/set-org-permissions";
import { updateProjectAction } from "@/lib/actions/projects/update-project";
import { createRunAction } from "@/lib/actions/resources/create-run";
import { deployAction } from "@/lib/actions/resources/deploy";
import { moveResourceAction } from "@/lib/actions/resources/move-resource";
import { predictAction } from "@/lib/actions/resources/predict";
import type { ActionResult } from "@/lib/actions/result";
import { createTeamAction } from "@/lib/actions/teams/create-team";
import { resolveProjectAccess } from "@/lib/authz/resolve";
import { getProjectAccess } from "@/lib/data/resources";
import { GET as exportAudit } from "@/app/(app)/[workspace]/settings/audit/export/route";
import { addMember, db, grant, makeOrg, makeProject, makeUser, unique } from "../factories";
import { signInAs } from "../setup/session";
import { insertDataset, insertModel, PREDICT_INPUT, projectOf, resourceCount } from "./resources-fixtures";

/*
 * The two permission tables of SPEC §2 and §3, transcribed by hand (✔ = Y). Expected answers
 * come from here and nowhere else: this file never imports lib/authz/policy, so editing a cell
 * of the policy table changes what the server does and fails a row below.
 * `npm run test:policy-mutations` flips every cell of lib/authz/policy.ts and runs this file.
 */
const Y = true;
const N = false;
const ROLES = ["owner", "admin", "member", "restricted"] as const satisfies readonly OrgRole[];
const LEVELS = ["admin", "write", "read"] as const satisfies readonly ProjectLevel[];

/** Each row names, in brackets, the key of lib/authz/policy.ts it is about (for the mutation report). */
const SPEC_ORG_TABLE: Record<string, [owner: boolean, admin: boolean, member: boolean, restricted: boolean]> = {
  "manage the plan, seats and billing details [org.billing]": [Y, N, N, N],
  "edit organization info (display name, e-mail…) [org.edit]": [Y, N, N, N],
  "delete the organization [org.delete]": [Y, N, N, N],
  "transfer ownership [org.transfer]": [Y, N, N, N],
  "invite users to the organization [org.invite]": [Y, Y, N, N],
  "manage roles, remove members, manage teams [org.members]": [Y, Y, N, N],
  "set baseline permissions and org settings [org.settings]": [Y, Y, N, N],
  "view the audit log [org.audit]": [Y, Y, N, N],
  "access all projects (as project admin) [project.all]": [Y, Y, N, N],
  "create projects [project.create]": [Y, Y, Y, N],
  "access organization-visible and public projects [org.view]": [Y, Y, Y, Y],
  "access private projects where granted [project.granted]": [Y, Y, Y, Y],
};

const SPEC_PROJECT_TABLE: Record<string, [admin: boolean, write: boolean, read: boolean]> = {
  "add people or teams, change or remove their level [project.people]": [Y, N, N],
  "edit name, description, tags, colour, visibility [project.edit]": [Y, N, N],
  "delete the project [project.delete]": [Y, N, N],
  "create, edit and delete resources [resource.write]": [Y, Y, N],
  "move resources to another project of the org (needs write there too) [resource.move]": [Y, Y, N],
  "deploy a model / experiment run (capability) [resource.deploy]": [Y, Y, N],
  "view resources, view the member list [resource.view]": [Y, Y, Y],
  "create local predictions / predict on an endpoint [resource.predict]": [Y, Y, Y],
};

/** One organization with the actor in `role`, a victim member, and someone to invite. */
async function orgWorld(role: OrgRole) {
  const owner = role === "owner" ? null : await makeUser();
  const actor = await makeUser();
  const org = await makeOrg(owner ?? actor, { baseline: "none" });
  if (owner) await addMember(org, actor, role);
  const victim = await makeUser(unique("victim"));
  await addMember(org, victim, "member");
  const newcomer = await makeUser(unique("newcomer"));
  return { org, actor, victim, newcomer };
}
type OrgWorld = Awaited<ReturnType<typeof orgWorld>>;

async function one<T>(query: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await rows<T>(await db(), query))[0];
}

/** What happened, as a user would see it: the action's answer and whether the change is there. */
type Outcome = { answer: "ok" | number; changed: boolean };
const outcome = async (result: ActionResult<unknown>, changed: () => Promise<boolean>): Promise<Outcome> => ({
  answer: result.ok ? "ok" : result.status,
  changed: await changed(),
});

/** Each SPEC §2 row exercised through the server, with what it looks like when allowed. */
const ORG_PROBES: Record<keyof typeof SPEC_ORG_TABLE, (w: OrgWorld) => Promise<Outcome>> = {
  "manage the plan, seats and billing details [org.billing]": async (w) =>
    outcome(await updateBillingAction(null, { org: w.org.slug, plan: "enterprise", additionalSeats: "40", billingDetails: "PO 7" }),
      async () => (await one<{ n: number }>(sql`select additional_seats as n from organizations where id = ${w.org.id}::uuid`))?.n === 40),
  "edit organization info (display name, e-mail…) [org.edit]": async (w) =>
    outcome(await updateOrganizationAction(null, { org: w.org.slug, displayName: "Renamed Inc", contactEmail: "ops@example.test", description: "new" }),
      async () => (await (await db()).select().from(organizations).where(eq(organizations.id, w.org.id)))[0]?.displayName === "Renamed Inc"),
  "delete the organization [org.delete]": async (w) =>
    outcome(await deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug }),
      async () => (await (await db()).select().from(organizations).where(eq(organizations.id, w.org.id))).length === 0),
  "transfer ownership [org.transfer]": async (w) =>
    outcome(await transferOwnershipAction(null, { org: w.org.slug, userId: w.victim.id }),
      async () => (await roleIn(w.org.id, w.victim.id)) === "owner"),
  "invite users to the organization [org.invite]": async (w) =>
    outcome(await inviteAction(null, { org: w.org.slug, invitees: w.newcomer.email, role: "member" }),
      async () => (await one<{ n: number }>(sql`select count(*)::int as n from invitations where org_id = ${w.org.id}::uuid`))?.n === 1),
  "manage roles, remove members, manage teams [org.members]": async (w) =>
    outcome(await createTeamAction(null, { org: w.org.slug, name: "Data science" }),
      async () => (await (await db()).select().from(teams).where(eq(teams.orgId, w.org.id))).length === 1),
  "set baseline permissions and org settings [org.settings]": async (w) =>
    outcome(await setOrgPermissionsAction(null, { org: w.org.slug, baseline: "read", allowPublicProjects: "on", externalCollaborators: "", deployForWrite: "on", predictForRead: "on" }),
      async () => (await one<{ b: string }>(sql`select baseline as b from organizations where id = ${w.org.id}::uuid`))?.b === "read"),
  "view the audit log [org.audit]": async (w) => {
    const res = await exportAudit(new NextRequest(`http://localhost/${w.org.slug}/settings/audit/export`), { params: Promise.resolve({ workspace: w.org.slug }) });
    const body = await res.text();
    return { answer: res.status === 200 ? "ok" : res.status, changed: res.status === 200 && body.length > 0 };
  },
  "access all projects (as project admin) [project.all]": async (w) => {
    // A private project nobody granted the actor: only "every project as admin" lets them edit it.
    const project = await makeProject(w.org, { visibility: "private", name: "Secret plans" });
    return outcome(await updateProjectAction(null, { projectId: project.id, name: "Renamed plans" }),
      async () => (await (await db()).select().from(projects).where(eq(projects.id, project.id)))[0]?.name === "Renamed plans");
  },
  "create projects [project.create]": async (w) =>
    outcome(await createProjectAction(null, { org: w.org.slug, name: "Fresh project" }),
      async () => (await (await db()).select().from(projects).where(and(eq(projects.orgId, w.org.id), eq(projects.name, "Fresh project")))).length === 1),
  "access organization-visible and public projects [org.view]": async (w) => {
    // Access through the baseline: shown as such among the actor's sources of access.
    await (await db()).update(organizations).set({ baseline: "read" }).where(eq(organizations.id, w.org.id));
    const project = await makeProject(w.org, { visibility: "organization" });
    return sourceOutcome(w, project.id, "baseline");
  },
  "access private projects where granted [project.granted]": async (w) => {
    const project = await makeProject(w.org, { visibility: "private" });
    await grant(project, { userId: w.actor.id }, "read");
    return sourceOutcome(w, project.id, "direct");
  },
};

async function roleIn(orgId: string, userId: string) {
  const [m] = await (await db()).select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  return m?.role ?? null;
}

/** Whether the actor can open the project and the given kind of access counts among their sources. */
async function sourceOutcome(w: OrgWorld, projectId: string, kind: "baseline" | "direct"): Promise<Outcome> {
  const access = await resolveProjectAccess(await db(), w.actor.id, { projectId });
  const counted = !!access?.sources.some((s) => s.kind === kind);
  return { answer: counted ? "ok" : 404, changed: counted };
}

describe("SPEC §2, every role × every row, through the server", () => {
  for (const [row, cells] of Object.entries(SPEC_ORG_TABLE)) {
    it(`org: ${row}`, async () => {
      const actual: Record<string, Outcome> = {};
      const expected: Record<string, Outcome> = {};
      for (const [i, role] of ROLES.entries()) {
        const w = await orgWorld(role);
        signInAs(w.actor);
        actual[role] = await ORG_PROBES[row](w);
        // Members refused an action are told why (403); access that does not count is "not found".
        const refused = row.startsWith("access ") ? 404 : 403;
        expected[role] = { answer: cells[i] ? "ok" : refused, changed: cells[i] };
      }
      expect(actual).toEqual(expected);
    });
  }
});

/** A private project where the actor holds exactly `level` through a direct grant, plus what the probes need. */
async function projectWorld(level: ProjectLevel) {
  const owner = await makeUser();
  const org = await makeOrg(owner, { baseline: "none" });
  const actor = await makeUser();
  await addMember(org, actor, "member");
  const newcomer = await makeUser();
  await addMember(org, newcomer, "member");
  const project = await makeProject(org, { visibility: "private" });
  await grant(project, { userId: actor.id }, level);
  // The destination of a move is writable by the actor, so a refused move is about the source alone.
  const dest = await makeProject(org, { visibility: "private" });
  await grant(dest, { userId: actor.id }, "write");
  const model = await insertModel(project.id, owner.id);
  return { org, actor, newcomer, project, dest, model };
}
type ProjectWorld = Awaited<ReturnType<typeof projectWorld>>;

const PROJECT_PROBES: Record<keyof typeof SPEC_PROJECT_TABLE, (w: ProjectWorld) => Promise<Outcome>> = {
  "add people or teams, change or remove their level [project.people]": async (w) =>
    outcome(await addPersonAction(null, { projectId: w.project.id, userId: w.newcomer.id, level: "read" }),
      async () => (await (await db()).select().from(projectGrants).where(and(eq(projectGrants.projectId, w.project.id), eq(projectGrants.userId, w.newcomer.id)))).length === 1),
  "edit name, description, tags, colour, visibility [project.edit]": async (w) =>
    outcome(await updateProjectAction(null, { projectId: w.project.id, name: "Renamed" }),
      async () => (await (await db()).select().from(projects).where(eq(projects.id, w.project.id)))[0]?.name === "Renamed"),
  "delete the project [project.delete]": async (w) =>
    outcome(await deleteProjectAction(null, { projectId: w.project.id, confirm: w.project.name }),
      async () => (await (await db()).select().from(projects).where(eq(projects.id, w.project.id))).length === 0),
  "create, edit and delete resources [resource.write]": async (w) =>
    outcome(await createRunAction(null, { projectId: w.project.id, name: "Run", params: "max_depth = 3", metrics: "accuracy = 0.8" }),
      async () => (await resourceCount(w.project.id, "run")) === 1),
  "move resources to another project of the org (needs write there too) [resource.move]": async (w) => {
    const ds = await insertDataset(w.project.id, null);
    return outcome(await moveResourceAction(null, { projectId: w.project.id, resourceId: ds.id, targetProjectId: w.dest.id }),
      async () => (await projectOf(ds.id)) === w.dest.id);
  },
  "deploy a model / experiment run (capability) [resource.deploy]": async (w) =>
    outcome(await deployAction(null, { projectId: w.project.id, resourceId: w.model.id }),
      async () => (await resourceCount(w.project.id, "endpoint")) === 1),
  "view resources, view the member list [resource.view]": async (w) => {
    const access = await getProjectAccess(w.actor.id, w.org.slug, w.project.slug);
    return { answer: access ? "ok" : 404, changed: !!access };
  },
  "create local predictions / predict on an endpoint [resource.predict]": async (w) =>
    outcome(await predictAction(null, { projectId: w.project.id, resourceId: w.model.id, ...PREDICT_INPUT }),
      async () => (await resourceCount(w.project.id, "prediction")) === 1),
};

describe("SPEC §3, every level × every row, through the server", () => {
  for (const [row, cells] of Object.entries(SPEC_PROJECT_TABLE)) {
    it(`project: ${row}`, async () => {
      const actual: Record<string, Outcome> = {};
      const expected: Record<string, Outcome> = {};
      for (const [i, level] of LEVELS.entries()) {
        const w = await projectWorld(level);
        signInAs(w.actor);
        actual[level] = await PROJECT_PROBES[row](w);
        // Too low a level is told why (403); not being able to view at all is "not found".
        const refused = row.startsWith("view ") ? 404 : 403;
        expected[level] = { answer: cells[i] ? "ok" : refused, changed: cells[i] };
      }
      expect(actual).toEqual(expected);
    });
  }
});
