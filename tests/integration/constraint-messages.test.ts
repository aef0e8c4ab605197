import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { invitations, memberships, organizations, projectGrants, projects, teams } from "@/db/schema";
import { constraintRefusal } from "@/lib/actions/db-errors";
import { addMember, db, grant, makeOrg, makeProject, makeUser } from "../factories";

/** The error the database really raises for `write`, as the action wrapper would receive it. */
async function refusalOf(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (err) {
    return constraintRefusal(err);
  }
  throw new Error("the write was expected to violate a constraint");
}

describe("a write the database refuses is answered with what fits the constraint", () => {
  it("a second owner: ownership changed meanwhile (409), never the taken-name message", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const other = await makeUser();
    const d = await db();
    expect(await refusalOf(() => d.insert(memberships).values({ orgId: org.id, userId: other.id, role: "owner" })))
      .toEqual({ error: "Ownership changed meanwhile; reload.", status: 409 });
    // Positive control: the same person may join with another role.
    await addMember(org, other, "admin");
  });

  it("a taken organization slug, project name or team name: choose another name (409)", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const project = await makeProject(org, { name: "Churn" });
    const d = await db();
    const taken = { error: "That already exists: choose another name.", status: 409 };
    expect(await refusalOf(() => d.insert(organizations).values({ slug: org.slug.toUpperCase(), kind: "team", displayName: "x" }))).toEqual(taken);
    expect(await refusalOf(() => d.insert(projects).values({ orgId: org.id, name: "CHURN", slug: `${project.slug}-2` }))).toEqual(taken);
    await d.insert(teams).values({ orgId: org.id, name: "Data" });
    expect(await refusalOf(() => d.insert(teams).values({ orgId: org.id, name: "data" }))).toEqual(taken);
  });

  it("a grant or membership that already exists says so (409)", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const project = await makeProject(org);
    const d = await db();
    await grant(project, { userId: owner.id }, "read");
    expect(await refusalOf(() => d.insert(projectGrants).values({ projectId: project.id, userId: owner.id, level: "write" })))
      .toEqual({ error: "This person already has access to the project; change their level instead.", status: 409 });
    expect(await refusalOf(() => d.insert(memberships).values({ orgId: org.id, userId: owner.id, role: "member" })))
      .toEqual({ error: "This person is already a member of the organization; reload.", status: 409 });
  });

  it("a row that points at something deleted meanwhile: that thing no longer exists (404)", async () => {
    const user = await makeUser();
    const d = await db();
    expect(await refusalOf(() => d.insert(memberships).values({ orgId: randomUUID(), userId: user.id, role: "member" })))
      .toEqual({ error: "The organization no longer exists; reload.", status: 404 });
    expect(await refusalOf(() => d.insert(projectGrants).values({ projectId: randomUUID(), userId: user.id, level: "read" })))
      .toEqual({ error: "The project no longer exists; reload.", status: 404 });
  });

  it("a check constraint is a 400 with its reason", async () => {
    const owner = await makeUser();
    const org = await makeOrg(owner);
    const d = await db();
    expect(await refusalOf(() => d.insert(invitations).values({ orgId: org.id, email: "x@example.test", role: "owner", tokenHash: randomUUID(), expiresAt: new Date() })))
      .toEqual({ error: "Nobody can be invited as owner: ownership moves only by transfer.", status: 400 });
  });
});
