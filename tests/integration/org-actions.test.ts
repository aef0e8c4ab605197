import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/client";
import { auditEvents, memberships, organizations, projectGrants, projects, teamMembers } from "@/db/schema";
import type { ActionResult } from "@/lib/actions/result";
import { changeRoleAction } from "@/lib/actions/org/change-role";
import { createOrganizationAction } from "@/lib/actions/org/create-organization";
import { deleteOrganizationAction } from "@/lib/actions/org/delete-organization";
import { leaveOrganizationAction } from "@/lib/actions/org/leave-organization";
import { removeMemberAction } from "@/lib/actions/org/remove-member";
import { transferOwnershipAction } from "@/lib/actions/org/transfer-ownership";
import { updateBillingAction } from "@/lib/actions/org/update-billing";
import { updateOrganizationAction } from "@/lib/actions/org/update-organization";
import { addMember, db, grant, makeProject, makeTeam, makeUser, makeWorld, roleOf, unique } from "../factories";
import { as, signInAs } from "../setup/session";

type World = Awaited<ReturnType<typeof makeWorld>> & { victim: Awaited<ReturnType<typeof makeUser>> };
type Actor = "owner" | "admin" | "member" | "restricted" | "outsider" | "signedOut";
const ACTORS: Actor[] = ["owner", "admin", "member", "restricted", "outsider", "signedOut"];

async function world(): Promise<World> {
  const w = await makeWorld();
  const victim = await makeUser(unique("victim"));
  await addMember(w.org, victim, "member");
  return { ...w, victim };
}

async function orgRow(id: string) {
  const [o] = await (await db()).select().from(organizations).where(eq(organizations.id, id));
  return o ?? null;
}

interface Case {
  name: string;
  allowed: Actor[];
  run: (w: World) => Promise<ActionResult<unknown>>;
  /** The state that shows whether the change happened. */
  changed: (w: World) => Promise<boolean>;
}

const CASES: Case[] = [
  {
    name: "edit organization info",
    allowed: ["owner"],
    run: (w) => updateOrganizationAction(null, { org: w.org.slug, displayName: "Renamed Inc", contactEmail: "ops@example.test", description: "new" }),
    changed: async (w) => (await orgRow(w.org.id))?.displayName === "Renamed Inc",
  },
  {
    name: "manage the plan and seats",
    allowed: ["owner"],
    run: (w) => updateBillingAction(null, { org: w.org.slug, plan: "enterprise", additionalSeats: "40", billingDetails: "PO 7" }),
    changed: async (w) => (await orgRow(w.org.id))?.additionalSeats === 40,
  },
  {
    name: "delete the organization",
    allowed: ["owner"],
    run: (w) => deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug }),
    changed: async (w) => (await orgRow(w.org.id)) === null,
  },
  {
    name: "transfer ownership",
    allowed: ["owner"],
    run: (w) => transferOwnershipAction(null, { org: w.org.slug, userId: w.victim.id }),
    changed: async (w) => (await roleOf(w.org.id, w.victim.id)) === "owner",
  },
  {
    name: "change a member's role",
    allowed: ["owner", "admin"],
    run: (w) => changeRoleAction(null, { org: w.org.slug, userId: w.victim.id, role: "restricted" }),
    changed: async (w) => (await roleOf(w.org.id, w.victim.id)) === "restricted",
  },
  {
    name: "remove a member",
    allowed: ["owner", "admin"],
    run: (w) => removeMemberAction(null, { org: w.org.slug, userId: w.victim.id }),
    changed: async (w) => (await roleOf(w.org.id, w.victim.id)) === null,
  },
];

describe("every organization action × every kind of caller", () => {
  for (const c of CASES) {
    for (const actor of ACTORS) {
      const allowed = c.allowed.includes(actor);
      it(`${actor} ${allowed ? "can" : "cannot"} ${c.name}`, async () => {
        const w = await world();
        signInAs(actor === "signedOut" ? null : w[actor]);
        const result = await c.run(w);
        expect(result.ok).toBe(allowed);
        expect(await c.changed(w)).toBe(allowed);
        if (!result.ok) {
          // Outsiders learn nothing: the same answer as for an organization that does not exist.
          const expected = actor === "signedOut" ? 401 : actor === "outsider" ? 404 : 403;
          expect(result.status).toBe(expected);
        }
      });
    }
  }
});

describe("organization invariants", () => {
  it("creates an organization with the creator as its only owner and makes it the first default", async () => {
    const user = await makeUser();
    signInAs(user);
    const slug = unique("neworg");
    const result = await createOrganizationAction(null, { slug, displayName: "New Org", contactEmail: user.email });
    expect(result.ok).toBe(true);
    const [org] = await (await db()).select().from(organizations).where(eq(organizations.slug, slug));
    expect(await roleOf(org.id, user.id)).toBe("owner");
    const [u] = await rows<{ default_org_id: string }>(await db(), sql`select default_org_id from users where id = ${user.id}`);
    expect(u.default_org_id).toBe(org.id);

    const second = await createOrganizationAction(null, { slug: unique("second"), displayName: "Second", contactEmail: user.email });
    expect(second.ok).toBe(true);
    const [again] = await rows<{ default_org_id: string }>(await db(), sql`select default_org_id from users where id = ${user.id}`);
    expect(again.default_org_id).toBe(org.id);
  });

  it("refuses a taken or reserved slug with a field error, and signed-out callers", async () => {
    const user = await makeUser();
    signInAs(user);
    const taken = await createOrganizationAction(null, { slug: user.username, displayName: "X", contactEmail: user.email });
    expect(!taken.ok && taken.fieldErrors?.slug?.[0]).toMatch(/already taken/);
    const reserved = await createOrganizationAction(null, { slug: "api", displayName: "X", contactEmail: user.email });
    expect(!reserved.ok && reserved.fieldErrors?.slug?.[0]).toMatch(/reserved/);
    const bad = await createOrganizationAction(null, { slug: "Has Space", displayName: "", contactEmail: "nope" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["contactEmail", "displayName", "slug"]);
    signInAs(null);
    const signedOut = await createOrganizationAction(null, { slug: unique("nobody"), displayName: "X", contactEmail: "a@b.co" });
    expect(signedOut.ok || signedOut.status).toBe(401);
  });

  it("never lets an admin touch the owner, nor anyone raise their own role", async () => {
    const w = await world();
    signInAs(w.admin);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.owner.id, role: "member" })).ok).toBe(false);
    expect((await removeMemberAction(null, { org: w.org.slug, userId: w.owner.id })).ok).toBe(false);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.admin.id, role: "owner" })).ok).toBe(false);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.member.id, role: "owner" })).ok).toBe(false);
    signInAs(w.member);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.member.id, role: "admin" })).ok).toBe(false);
    signInAs(w.owner);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.owner.id, role: "admin" })).ok).toBe(false);
    expect(await roleOf(w.org.id, w.owner.id)).toBe("owner");
    expect(await roleOf(w.org.id, w.admin.id)).toBe("admin");
    expect(await roleOf(w.org.id, w.member.id)).toBe("member");
    // Positive control: the same admin may promote a member.
    signInAs(w.admin);
    expect((await changeRoleAction(null, { org: w.org.slug, userId: w.member.id, role: "admin" })).ok).toBe(true);
    expect(await roleOf(w.org.id, w.member.id)).toBe("admin");
  });

  it("keeps the owner until they transfer; then the old owner is an admin and may leave", async () => {
    const w = await world();
    signInAs(w.owner);
    const refused = await leaveOrganizationAction(null, { org: w.org.slug });
    expect(refused.ok).toBe(false);
    expect(await roleOf(w.org.id, w.owner.id)).toBe("owner");
    expect((await transferOwnershipAction(null, { org: w.org.slug, userId: w.restricted.id })).ok).toBe(true);
    expect(await roleOf(w.org.id, w.owner.id)).toBe("admin");
    expect(await roleOf(w.org.id, w.restricted.id)).toBe("owner");
    expect((await leaveOrganizationAction(null, { org: w.org.slug })).ok).toBe(true);
    expect(await roleOf(w.org.id, w.owner.id)).toBeNull();
    const [{ n }] = await rows<{ n: number }>(await db(), sql`select count(*)::int as n from memberships where org_id = ${w.org.id} and role = 'owner'`);
    expect(n).toBe(1);
  });

  it("lets members leave and tells the new owner by e-mail and notification", async () => {
    const w = await world();
    signInAs(w.member);
    expect((await leaveOrganizationAction(null, { org: w.org.slug })).ok).toBe(true);
    expect(await roleOf(w.org.id, w.member.id)).toBeNull();
    signInAs(w.owner);
    await transferOwnershipAction(null, { org: w.org.slug, userId: w.admin.id });
    const mail = await rows<{ to: string; subject: string }>(await db(), sql`select "to", subject from email_outbox where "to" = ${w.admin.email}`);
    expect(mail.map((m) => m.subject)).toContain("You now own Test org");
    const notes = await rows<{ kind: string }>(await db(), sql`select kind from notifications where user_id = ${w.admin.id}`);
    expect(notes.map((n) => n.kind)).toContain("ownership.transferred");
  });

  it("removing a member removes their grants and team memberships, and keeps what they created", async () => {
    const w = await world();
    const theirs = await makeProject(w.org, { createdBy: w.victim.id, visibility: "private" });
    const other = await makeProject(w.org, { visibility: "private" });
    await grant(theirs, { userId: w.victim.id }, "admin");
    await grant(other, { userId: w.victim.id }, "write");
    const team = await makeTeam(w.org, [w.victim.id, w.member.id]);
    // A grant in another organization is not this organization's to remove.
    const elsewhere = await makeProject(w.otherOrg);
    await addMember(w.otherOrg, w.victim, "member");
    await grant(elsewhere, { userId: w.victim.id }, "read");

    signInAs(w.admin);
    expect((await removeMemberAction(null, { org: w.org.slug, userId: w.victim.id })).ok).toBe(true);
    const d = await db();
    const grants = await d.select().from(projectGrants).where(eq(projectGrants.userId, w.victim.id));
    expect(grants.map((g) => g.projectId)).toEqual([elsewhere.id]);
    const teamRows = await d.select().from(teamMembers).where(eq(teamMembers.teamId, team.id));
    expect(teamRows.map((t) => t.userId)).toEqual([w.member.id]);
    const [kept] = await d.select().from(projects).where(eq(projects.id, theirs.id));
    expect(kept.createdBy).toBe(w.victim.id);
    const [event] = await d.select().from(auditEvents).where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, "member.remove")));
    expect(event.targetLabel).toBe(w.victim.username);
    expect(event.before).toMatchObject({ role: "member", projectGrants: 2, teams: 1 });
  });

  it("answers not found alike for a member of another organization and for a missing id", async () => {
    const w = await world();
    signInAs(w.owner);
    const foreign = await changeRoleAction(null, { org: w.org.slug, userId: w.outsider.id, role: "member" });
    const missing = await changeRoleAction(null, { org: w.org.slug, userId: "00000000-0000-4000-8000-000000000000", role: "member" });
    expect(foreign).toEqual(missing);
    expect(foreign.ok || foreign.status).toBe(404);
    const otherOrg = await removeMemberAction(null, { org: w.otherOrg.slug, userId: w.outsider.id });
    const noOrg = await removeMemberAction(null, { org: "no-such-org-here", userId: w.outsider.id });
    expect(otherOrg).toEqual(noOrg);
    expect(await roleOf(w.otherOrg.id, w.outsider.id)).toBe("owner");
  });

  it("refuses fewer seats than are in use, and records before and after of every change", async () => {
    const w = await world();
    signInAs(w.owner);
    const tooFew = await updateBillingAction(null, { org: w.org.slug, plan: "team", additionalSeats: "1", billingDetails: "" });
    expect(!tooFew.ok && tooFew.fieldErrors?.additionalSeats?.[0]).toMatch(/5 seats are in use/);
    expect((await orgRow(w.org.id))?.additionalSeats).toBe(20);
    expect((await updateBillingAction(null, { org: w.org.slug, plan: "team", additionalSeats: "4", billingDetails: "" })).ok).toBe(true);
    const [event] = await (await db()).select().from(auditEvents).where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, "org.billing")));
    expect(event.before).toMatchObject({ additionalSeats: 20 });
    expect(event.after).toMatchObject({ additionalSeats: 4, plan: "team" });
    expect(event.actorName).toBe(w.owner.username);
  });

  it("deletes only after the slug is typed, and keeps a record of who deleted it", async () => {
    const w = await world();
    signInAs(w.owner);
    const wrong = await deleteOrganizationAction(null, { org: w.org.slug, confirm: "something-else" });
    expect(!wrong.ok && wrong.fieldErrors?.confirm?.[0]).toMatch(/Type/);
    expect(await orgRow(w.org.id)).not.toBeNull();
    expect((await deleteOrganizationAction(null, { org: w.org.slug, confirm: w.org.slug.toUpperCase() })).ok).toBe(true);
    expect(await orgRow(w.org.id)).toBeNull();
    const log = await rows<{ actor_name: string }>(await db(), sql`select actor_name from audit_events where action = 'org.delete' and target_id = ${w.org.id}`);
    expect(log).toEqual([{ actor_name: w.owner.username }]);
    // Members' accounts survive the organization.
    expect(await roleOf(w.member.personalOrgId, w.member.id)).toBe("owner");
  });

  it("reads roles from the database on every call: a demoted admin loses admin powers at once", async () => {
    const w = await world();
    await (await db()).update(memberships).set({ role: "member" }).where(and(eq(memberships.orgId, w.org.id), eq(memberships.userId, w.admin.id)));
    const result = await as(w.admin, () => removeMemberAction(null, { org: w.org.slug, userId: w.victim.id }));
    expect(result.ok).toBe(false);
    expect(await roleOf(w.org.id, w.victim.id)).toBe("member");
  });
});
